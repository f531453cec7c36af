package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Verdict;

import java.util.ArrayList;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * One hop: keys the datapoints going in and coming out, lets the {@link Matcher} pair them, and
 * turns each settled datapoint into a verdict with its cause. Records are read for their path,
 * value and timestamp only; the receiver's verdict on an in-record is kept as a possible cause.
 */
final class Hop {
    /** A stalled destination's reader drains its window within moments of reading again; later copies are lost. */
    static final long STALL_GRACE_NANOS = 2_000_000_000L;
    /** Waiting on a stalled destination ends at this many timeouts: a receiver stopped for good means drops. */
    static final int MAX_HOLD_TIMEOUTS = 3;

    private final HopSpec spec;
    private final HopStats stats;
    private final Matcher matcher;
    private final Router router;
    private final int replicas;
    private final long timeoutNanos;
    private final boolean reportDelivered;
    private final HopListener listener;
    private final RouteMemory routes = new RouteMemory();
    private final HopName name = new HopName();
    private final DropCause causes;
    private final Evidence evidence;
    private Endpoint lastDst;
    private HopStats.Destination lastDestination;

    Hop(HopSpec spec, HopEngine.Options o, Evidence evidence, HopListener listener) {
        this.spec = spec;
        this.stats = new HopStats(spec.label());
        this.router = o.router();
        this.replicas = o.replicas();
        this.timeoutNanos = o.timeoutNanos();
        this.reportDelivered = o.reportDelivered();
        this.listener = listener;
        this.matcher = new Matcher(timeoutNanos, o.maxPending(), this::settled, this::hold);
        this.causes = new DropCause(evidence, routes, router, timeoutNanos);
        this.evidence = evidence;
    }

    HopSpec spec() { return spec; }
    HopStats stats() { return stats; }
    Matcher matcher() { return matcher; }
    RouteMemory routes() { return routes; }

    void in(MetricRecord r) {
        if (stats.in++ == 0 && spec.endpoints().get(0).exact() == null) { // a bare port: name it by the address seen
            stats.hop = new Endpoint(r.dst().address(), spec.endpoints().get(0).port()).toString();
        }
        if (!r.hasPath() || !r.hasValue() || !r.hasTimestamp() || !Double.isFinite(r.timestamp())) {
            stats.unmatchedIn++;
            return;
        }
        HopName n = name.in(r, spec.kind());
        int expected = replicas != HopEngine.Options.REPLICAS_FROM_ROUTER ? replicas
                : router != null ? Math.max(1, router.destinations(new String(n.bytes, n.off, n.len, UTF_8)).size()) : 1;
        String rejected = r.verdict() == Verdict.MALFORMED && !r.problems().isEmpty() ? r.problems().get(0).code() : null;
        matcher.in(n.bytes, n.off, n.len, n.fp, r.timestamp(), r.value(), r.timeNanos(), r.src(), r.dst(), expected, rejected);
    }

    /** A record sent elsewhere by this hop's host; {@code own} when it is the relay's own metric. */
    void out(MetricRecord r, long fp, boolean own) {
        if (r.dst() != lastDst) { // a stream's records share one Endpoint
            lastDst = r.dst();
            lastDestination = stats.destination(lastDst);
        }
        HopStats.Destination d = lastDestination;
        d.out++;
        if (own) {
            stats.own++;
            return;
        }
        if (!r.hasValue() || !r.hasTimestamp() || !Double.isFinite(r.timestamp())
                || !matcher.out(fp, r.timestamp(), r.value(), r.timeNanos(), r.src(), r.dst())) {
            d.unmatched++;
            stats.unmatchedOut++;
            return;
        }
        if (router == null) routes.saw(fp, r.dst());
    }

    private void settled(Pending p, Matcher.Ending how) {
        if (how == Matcher.Ending.EVICTED && p.copies() < p.expected()) { // its fate is unknown: the common case under load
            stats.add(HopVerdict.UNRESOLVED);
            return;
        }
        // evicted with all its copies out: delivered or misrouted, never duplicated (a surplus copy may be
        // an evicted twin's); a copy after this counts as unmatched out
        int n = p.copies();
        HopVerdict v;
        List<Endpoint> where = List.of();
        String reason = null;
        long lag = -1;
        List<Endpoint> wrong = misrouted(p);
        long closedAt = how == Matcher.Ending.END && n < p.expected() ? closedSince(p) : -1;
        boolean closed = closedAt >= 0;
        if (how == Matcher.Ending.END && n < p.expected() && !closed) {
            v = HopVerdict.UNRESOLVED;
        } else if (!wrong.isEmpty()) {
            v = HopVerdict.MISROUTED;
            where = wrong;
            reason = "sent to " + wrong + "; " + router.describe() + " sends it to " + router.destinations(p.name());
        } else if (how != Matcher.Ending.EVICTED && (n > p.expected() || distinctDestinations(p) < n)) {
            v = HopVerdict.DUPLICATED;
            reason = n + " copies seen leaving, " + p.expected() + " expected";
        } else if (n < p.expected()) {
            if (n == 0 && stats.unmatchedOut > 0 && routes.of(p.fingerprint()).length == 0 && router == null
                    && !causes.anyEvidence(p)) {
                stats.unmatchedIn++; // the hop rewrites or aggregates: no copy of this name was ever seen
                return;
            }
            v = HopVerdict.DROPPED;
            where = causes.missing(p, knownDestinations());
            if (listener != HopListener.NONE) reason = causes.reason(p, where, closedAt); // formatting costs; -q needs none
            for (Endpoint e : where) stats.destination(e).dropped++;
        } else {
            v = HopVerdict.DELIVERED;
            lag = 0;
            for (int i = 0; i < p.kept(); i++) lag = Math.max(lag, p.copyTime(i) - p.inNanos());
            stats.lag.add(lag);
        }
        stats.add(v);
        if (v == HopVerdict.UNRESOLVED || v == HopVerdict.DELIVERED && !reportDelivered || listener == HopListener.NONE) return;
        listener.outcome(new HopOutcome(stats.hop, v, p.name(), p.timestamp(), p.value(), p.in(),
                p.copyList(), lag, where, reason));
    }

    /** A copy still missing may sit in a stalled destination's window or the relay's queue for it: wait (bounded). */
    private boolean hold(Pending p, long now) {
        return p.copies() < p.expected() && now - p.inNanos() <= MAX_HOLD_TIMEOUTS * timeoutNanos
                && evidence.stalledFor(p, now, STALL_GRACE_NANOS);
    }

    /**
     * The capture ended before the timeout, but the hop closed every connection it was seen sending
     * on after {@code p} went in (Riemann's graphite client at shutdown): its copy will never come.
     * When the last of them closed, or -1 when one did not.
     */
    private long closedSince(Pending p) {
        long last = -1;
        for (Endpoint e : stats.destinations().keySet()) {
            DestinationHealth h = e == null ? null : evidence.get(e);
            if (h == null || !h.closedAfter(p.inNanos())) return -1;
            last = Math.max(last, h.closedAt());
        }
        return last;
    }

    /** Where this hop was seen sending, and every other server its host was seen connecting to. */
    private List<Endpoint> knownDestinations() {
        List<Endpoint> known = new ArrayList<>(stats.destinations().keySet());
        known.remove(null);
        for (DestinationHealth h : evidence.destinations()) if (!known.contains(h.dst)) known.add(h.dst);
        return known;
    }

    private List<Endpoint> misrouted(Pending p) {
        if (router == null || p.copies() == 0) return List.of();
        List<Endpoint> should = router.destinations(p.name());
        List<Endpoint> wrong = new ArrayList<>(0);
        for (int i = 0; i < p.kept(); i++) {
            Endpoint d = p.copyDst(i);
            if (!should.contains(d) && !wrong.contains(d)) wrong.add(d);
        }
        return wrong;
    }

    private static int distinctDestinations(Pending p) {
        int distinct = 0;
        for (int i = 0; i < p.kept(); i++) {
            boolean before = false;
            for (int j = 0; j < i; j++) before |= p.copyDst(j).equals(p.copyDst(i));
            if (!before) distinct++;
        }
        return distinct;
    }
}
