package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code --hop} option: {@code [KIND:]ENDPOINT[,ENDPOINT...]} where ENDPOINT is a port
 * ({@code 2013}), an IPv4 address and port ({@code 10.0.0.5:2003}) or {@code [v6]:port}, and KIND one
 * of {@link HopKind}'s labels ({@code carbon-c-relay:2003}, {@code riemann:5555}). Traffic to these
 * endpoints goes into the hop; other metric traffic is what comes out of it.
 */
public record HopSpec(HopKind kind, List<Listen> endpoints) {

    /** A listening endpoint; {@code exact} null matches any address (a port alone was given). */
    public record Listen(Endpoint exact, int port) {
        boolean matches(Endpoint e) { return exact == null ? e.port() == port : exact.equals(e); }

        @Override public String toString() { return exact == null ? "*:" + port : exact.toString(); }
    }

    /** True when {@code e} is one of the hop's listening endpoints. */
    public boolean listensOn(Endpoint e) {
        for (Listen l : endpoints) if (l.matches(e)) return true;
        return false;
    }

    /** The hop's name in records and the summary: its first endpoint ({@code *:2013} for a bare port). */
    public String label() { return endpoints.get(0).toString(); }

    /** Parses one option value; IllegalArgumentException with a one-line message when it is not one. */
    public static HopSpec parse(String text) {
        String rest = text.trim();
        HopKind kind = HopKind.CARBON;
        int colon = rest.indexOf(':');
        if (colon > 0 && Character.isLetter(rest.charAt(0))) {
            kind = HopKind.byLabel(rest.substring(0, colon));
            if (kind == null) {
                throw new IllegalArgumentException("--hop " + text + ": unknown kind '" + rest.substring(0, colon)
                        + "' (use carbon, carbon-c-relay or riemann)");
            }
            rest = rest.substring(colon + 1);
        }
        List<Listen> eps = new ArrayList<>();
        for (String part : rest.split(",")) eps.add(endpoint(text, part.trim()));
        return new HopSpec(kind, List.copyOf(eps));
    }

    private static Listen endpoint(String option, String s) {
        String host = null, port = s;
        int colon = s.lastIndexOf(':');
        if (colon >= 0) {
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 1 || p > 65535) throw new IllegalArgumentException("--hop " + option + ": '" + s + "' is not a port or ADDRESS:PORT");
        if (host == null || host.isEmpty() || host.equals("*")) return new Listen(null, p);
        if (!isLiteral(host)) throw new IllegalArgumentException("--hop " + option + ": '" + host + "' is not an IP address");
        try {
            return new Listen(new Endpoint(InetAddress.getByName(host).getAddress(), p), p); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--hop " + option + ": '" + host + "' is not an IP address");
        }
    }

    private static boolean isLiteral(String h) {
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':')) return false;
        }
        return true;
    }
}
