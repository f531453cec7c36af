package io.metricsniff.report;

import io.metricsniff.decode.Packet;
import io.metricsniff.pipeline.SegmentFilter;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The reporter's own connections to the report target, so that metricsniff does not judge the lines
 * it sends about itself. Matches target address and port plus a local port the reporter used.
 */
public final class OwnTraffic implements SegmentFilter {
    /** Local ports remembered: a reconnect loop leaves a few connections in FIN/TIME_WAIT. */
    private static final int PORTS_KEPT = 16;

    private final byte[] address;
    private final int port;
    private final AtomicIntegerArray ports = new AtomicIntegerArray(PORTS_KEPT);
    private int next; // written by the sender thread only
    private volatile long excluded;

    OwnTraffic(byte[] address, int port) {
        this.address = address.clone();
        this.port = port;
    }

    void usedLocalPort(int p) {
        ports.set(next, p);
        next = (next + 1) % PORTS_KEPT;
    }

    @Override public boolean excludes(Packet pkt) {
        boolean own = pkt.dstPort == port && same(pkt.dstAddr, pkt) && mine(pkt.srcPort)
                || pkt.srcPort == port && same(pkt.srcAddr, pkt) && mine(pkt.dstPort);
        if (own) excluded++; // processing thread only
        return own;
    }

    private boolean same(byte[] a, Packet pkt) {
        if (pkt.addrLength() != address.length) return false;
        for (int i = 0; i < address.length; i++) if (a[i] != address[i]) return false;
        return true;
    }

    private boolean mine(int localPort) {
        for (int i = 0; i < PORTS_KEPT; i++) if (ports.get(i) == localPort) return true;
        return false;
    }

    /** Packets of the reporter's own connections, left out of everything else. */
    public long excluded() { return excluded; }
}
