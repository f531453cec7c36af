package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.decode.Packet;
import io.metricsniff.pipeline.SegmentObserver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The wire's account of the destinations hops send to, from TCP headers (a {@link SegmentObserver})
 * and the relays' own metrics: refused connects, resets, zero windows, drop counters.
 */
public final class Evidence implements SegmentObserver {
    /** Destinations watched; more are not told apart (a relay has a handful). */
    public static final int MAX_DESTINATIONS = 1024;

    private final Map<Endpoint, DestinationHealth> byDst = new LinkedHashMap<>();
    private final boolean[] watchedPort = new boolean[65536]; // cheap test before building an Endpoint
    private final Predicate<Endpoint> isHopEndpoint;
    private final DestinationHealth unnamed = new DestinationHealth(null); // carbon-c-relay's metricsDropped
    private final DropCounters counters = new DropCounters();
    private long nowNanos;
    private long limitHits;
    private boolean zeroWindowSeen; // until one is, nothing can be stalled: no per-datapoint look

    public Evidence(Predicate<Endpoint> isHopEndpoint) { this.isHopEndpoint = isHopEndpoint; }

    @Override public void tcpSegment(Packet pkt, long timeNanos) {
        nowNanos = timeNanos;
        boolean syn = pkt.has(Packet.SYN), ack = pkt.has(Packet.ACK);
        if (syn && !ack) {
            Endpoint dst = pkt.dst();
            if (!isHopEndpoint.test(dst)) { DestinationHealth h = watch(dst); if (h != null) h.syn(timeNanos); }
            return;
        }
        if (pkt.has(Packet.FIN) && watchedPort[pkt.dstPort]) { // the relay side closing: it has sent all it will
            DestinationHealth h = byDst.get(pkt.dst());
            if (h != null) h.closed(timeNanos);
            return;
        }
        if (!watchedPort[pkt.srcPort]) return;
        DestinationHealth h = byDst.get(pkt.src());
        if (h == null) return;
        if (pkt.has(Packet.RST)) h.reset(timeNanos);
        else {
            if (syn) h.synAck();
            h.window(pkt.window, timeNanos);
            zeroWindowSeen |= pkt.window == 0;
        }
    }

    /** The destination's record, created on first sight; null past the limit. */
    DestinationHealth watch(Endpoint dst) {
        DestinationHealth h = byDst.get(dst);
        if (h == null && byDst.size() < MAX_DESTINATIONS) {
            h = new DestinationHealth(dst);
            byDst.put(dst, h);
            watchedPort[dst.port()] = true;
        } else if (h == null) {
            limitHits++;
        }
        return h;
    }

    DestinationHealth get(Endpoint dst) { return byDst.get(dst); }

    /** True when a destination {@code p} has no copy for is stalled at {@code now} (see {@link DestinationHealth#stalled}). */
    boolean stalledFor(Pending p, long now, long graceNanos) {
        if (!zeroWindowSeen) return false;
        for (DestinationHealth h : byDst.values()) if (h.stalled(now, graceNanos) && !p.sentTo(h.dst)) return true;
        return false;
    }

    /** Destinations not watched because {@link #MAX_DESTINATIONS} were already. */
    long limitHits() { return limitHits; }

    Collection<DestinationHealth> destinations() { return byDst.values(); }

    long now() { return nowNanos; }

    void now(long t) { if (t > nowNanos) nowNanos = t; }

    /**
     * A relay's own metric seen leaving it. carbon-relay's {@code ...destinations.HOST:PORT:INSTANCE.fullQueueDrops}
     * and carbon-c-relay's {@code ...destinations.NAME.dropped} name a destination (dots spelled '_');
     * carbon-c-relay's {@code ...metricsDropped} counts for all of them. What is kept is each report's
     * rise ({@link DropCounters}: carbon-c-relay's counters are cumulative, carbon-relay's are not).
     */
    void ownMetric(String name, double value, long timeNanos) {
        if (!(value >= 0)) return;
        if (name.endsWith(".metricsDropped")) {
            long rise = counters.rise(name, (long) value);
            if (rise > 0) unnamed.counterRose(timeNanos, rise);
            return;
        }
        if (!name.endsWith(".fullQueueDrops") && !name.endsWith(".dropped")) return;
        int d = name.indexOf(".destinations.");
        if (d < 0) return;
        long rise = counters.rise(name, (long) value);
        if (rise <= 0) return;
        int from = d + ".destinations.".length();
        int to = name.lastIndexOf('.');
        Endpoint dst = to > from ? destination(name.substring(from, to)) : null;
        DestinationHealth h = dst == null ? unnamed : watch(dst);
        (h == null ? unnamed : h).counterRose(timeNanos, rise);
    }

    DestinationHealth unnamed() { return unnamed; }

    /** {@code 127_0_0_22:2104:None} as an endpoint, or null when it is not an address and port. */
    static Endpoint destination(String s) {
        String[] parts = s.split(":");   // off the hot path: only for a relay's drop counters
        if (parts.length < 2) return null;
        try {
            String host = parts[0].replace('_', '.');
            if (host.isEmpty() || !host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) return null;
            return new Endpoint(InetAddress.getByName(host).getAddress(), Integer.parseInt(parts[1]));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }
}
