package io.metricsniff.decode;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** One side of a flow: an IPv4 or IPv6 address and a port. Immutable; usable as a map key. */
public final class Endpoint {
    private final byte[] address; // 4 or 16 bytes, never exposed
    private final int port;
    private final int hash;
    private String text; // cached: every output line prints endpoints
    private Endpoint host; // cached: per-host statistics look it up for every record

    public Endpoint(byte[] address, int port) {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("address must be 4 or 16 bytes");
        }
        this.address = address.clone();
        this.port = port;
        this.hash = 31 * Arrays.hashCode(this.address) + port;
    }

    /** Builds an endpoint from a slice of a packet buffer without the caller copying first. */
    public static Endpoint of(byte[] buf, int off, int len, int port) {
        return new Endpoint(Arrays.copyOfRange(buf, off, off + len), port);
    }

    public int port() { return port; }
    public boolean isIpv6() { return address.length == 16; }
    public byte[] address() { return address.clone(); }

    /** The address alone: dotted quad, or RFC 5952 style for IPv6 (as Java prints it, compressed). */
    public String host() {
        try {
            String s = InetAddress.getByAddress(address).getHostAddress();
            return isIpv6() ? compressIpv6(s) : s;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: length checked in constructor
        }
    }

    /**
     * The address with port 0: the key that groups a host's connections (statsd and many clients
     * open one per flush). Made once per endpoint, so per-record lookups allocate nothing.
     */
    public Endpoint withoutPort() {
        Endpoint h = host;
        if (h == null) host = h = port == 0 ? this : new Endpoint(address, 0);
        return h;
    }

    /** {@code ip:port}, IPv6 as {@code [::1]:2303}, as the JSON contract wants. */
    @Override public String toString() {
        String t = text;
        if (t == null) text = t = isIpv6() ? "[" + host() + "]:" + port : host() + ":" + port;
        return t;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Endpoint e && e.port == port && Arrays.equals(e.address, address);
    }

    @Override public int hashCode() { return hash; }

    // Java prints 0:0:0:0:0:0:0:1; people and tcpdump write ::1. Compress the longest zero run.
    private static String compressIpv6(String full) {
        String[] parts = full.split(":");
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < parts.length; ) {
            if (parts[i].equals("0")) {
                int j = i;
                while (j < parts.length && parts[j].equals("0")) j++;
                if (j - i > bestLen && j - i > 1) { bestStart = i; bestLen = j - i; }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) return full;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bestStart; i++) sb.append(i > 0 ? ":" : "").append(parts[i]);
        sb.append("::");
        for (int i = bestStart + bestLen; i < parts.length; i++) {
            sb.append(parts[i]);
            if (i < parts.length - 1) sb.append(':');
        }
        return sb.toString();
    }
}
