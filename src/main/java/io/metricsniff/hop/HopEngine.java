package io.metricsniff.hop;

import io.metricsniff.anomaly.Anomalies;
import io.metricsniff.anomaly.Anomaly;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.decode.Packet;
import io.metricsniff.pipeline.SegmentObserver;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.RecordSink;

import java.util.ArrayList;
import java.util.List;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * Follows every datapoint across the hops named with {@code --hop}: records sent to a hop's
 * listening endpoints go in, metric records its host sends anywhere else come out. Sees every
 * record whatever its verdict (a {@link RecordSink}) and every TCP segment (a
 * {@link SegmentObserver}, for the causes of drops). Runs on the processing thread.
 */
public final class HopEngine implements RecordSink, SegmentObserver {
    /** Prefixes of the metrics relays report about themselves, routed like any metric. */
    private static final byte[][] OWN_PREFIXES = {"carbon.relays.".getBytes(US_ASCII), "carbon.aggregator.".getBytes(US_ASCII)};

    /**
     * @param timeoutNanos how long a datapoint may take to come out before it counts as dropped
     * @param replicas     copies each datapoint should come out as (the relay's replication factor);
     *                     {@link #REPLICAS_FROM_ROUTER}: as many as the router names for its name
     * @param maxPending   datapoints pending per hop; past it the oldest is settled unresolved
     * @param router       the relay's routing rule, for misrouted; null when not known
     */
    public record Options(long timeoutNanos, int replicas, int maxPending, boolean reportDelivered, Router router) {
        /** carbon-relay flushes its queues at once; 10 s also covers a stalled receiver's window. */
        public static final long DEFAULT_TIMEOUT_NANOS = 10_000_000_000L;
        /** About 100 bytes each (64 in the ring, 16 of endpoints, the name): 20 MB, within the launcher's 288 MB heap. */
        public static final int DEFAULT_MAX_PENDING = 200_000;
        /** replicas when the router's destinations for each name say how many copies to expect. */
        public static final int REPLICAS_FROM_ROUTER = 0;

        public static Options defaults() {
            return new Options(DEFAULT_TIMEOUT_NANOS, 1, DEFAULT_MAX_PENDING, false, null);
        }
    }

    private final Hop[] hops;
    private final Evidence evidence;
    private final HopName outName = new HopName();
    private Endpoint lastDst;    // one-entry cache: a stream's records share one Endpoint
    private int lastHop = -1;    // index of the hop lastDst leads into, -1 none
    private Endpoint lastWatched; // the destination last handed to the evidence
    private long nowNanos;

    public HopEngine(List<HopSpec> specs, Options options, HopListener listener) {
        this.evidence = new Evidence(this::isHopEndpoint);
        this.hops = new Hop[specs.size()];
        for (int i = 0; i < hops.length; i++) hops[i] = new Hop(specs.get(i), options, evidence, listener);
    }

    private boolean isHopEndpoint(Endpoint e) { return hopInto(e) >= 0; }

    private int hopInto(Endpoint dst) {
        if (dst == lastDst) return lastHop;
        int found = -1;
        for (int i = 0; i < hops.length && found < 0; i++) if (hops[i].spec().listensOn(dst)) found = i;
        lastDst = dst;
        lastHop = found;
        return found;
    }

    @Override public void metric(MetricRecord r) {
        tick(r.timeNanos());
        int into = hopInto(r.dst());
        if (into >= 0) {
            hops[into].in(r);
            if (hops.length == 1) return;
        }
        if (!r.hasPath()) return;
        if (r.dst() != lastWatched) {
            evidence.watch(r.dst());
            lastWatched = r.dst();
        }
        HopName name = outName.out(r);
        boolean own = isOwn(name);
        if (own && r.hasValue()) evidence.ownMetric(r.path(), r.value(), r.timeNanos());
        for (int i = 0; i < hops.length; i++) if (i != into) hops[i].out(r, name.fp, own);
    }

    private static boolean isOwn(HopName name) {
        for (byte[] p : OWN_PREFIXES) if (name.startsWith(p)) return true;
        return false;
    }

    @Override public void tcpSegment(Packet pkt, long timeNanos) {
        evidence.tcpSegment(pkt, timeNanos);
        tick(timeNanos);
    }

    private void tick(long t) {
        if (t <= nowNanos) return;
        nowNanos = t;
        evidence.now(t);
        for (Hop h : hops) h.matcher().expire(t);
    }

    @Override public void finish() {
        for (Hop h : hops) h.matcher().finish(nowNanos);
    }

    /** Datapoints settled unresolved because a hop's pending limit was reached (all hops). */
    public long evicted() {
        long n = 0;
        for (Hop h : hops) n += h.matcher().evicted();
        return n;
    }

    /** Destinations not watched for causes: past {@link Evidence#MAX_DESTINATIONS}. */
    public long destinationLimitHits() { return evidence.limitHits(); }

    /** Names whose route was not remembered: past {@link RouteMemory#MAX_NAMES} (all hops). */
    public long routeLimitHits() {
        long n = 0;
        for (Hop h : hops) n += h.routes().limitHits();
        return n;
    }

    /** Connects the engine's limit counters to the run's anomaly channel. */
    public void countInto(Anomalies anomalies) {
        anomalies.source(Anomaly.HOP_PENDING_EVICTED, this::evicted)
                .source(Anomaly.HOP_DESTINATIONS_LIMIT, this::destinationLimitHits)
                .source(Anomaly.HOP_ROUTES_LIMIT, this::routeLimitHits);
    }

    /** Per hop, in the order given; read after the capture ended. */
    public List<HopStats> stats() {
        List<HopStats> out = new ArrayList<>(hops.length);
        for (Hop h : hops) out.add(h.stats());
        return out;
    }
}
