package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * Explains a missing copy from the wire: which destinations it was meant for (the router's, else
 * where its name went before, else the destinations in trouble), and what the wire showed about
 * them while the datapoint was pending.
 */
final class DropCause {
    private final Evidence evidence;
    private final RouteMemory routes;
    private final Router router;
    private final long timeoutNanos;

    DropCause(Evidence evidence, RouteMemory routes, Router router, long timeoutNanos) {
        this.evidence = evidence;
        this.routes = routes;
        this.router = router;
        this.timeoutNanos = timeoutNanos;
    }

    /** Where the missing copies of {@code p} should have gone; empty when the wire cannot tell. */
    List<Endpoint> missing(Pending p, List<Endpoint> known) {
        List<Endpoint> should = new ArrayList<>();
        if (router != null) should.addAll(router.destinations(p.name()));
        else for (Endpoint e : routes.of(p.fingerprint())) should.add(e);
        if (should.isEmpty() && p.expected() >= known.size()) should.addAll(known); // every destination gets a copy
        List<Endpoint> missing = new ArrayList<>();
        for (Endpoint e : should) if (!p.sentTo(e)) missing.add(e);
        if (!missing.isEmpty() || router != null) return missing;
        long from = p.inNanos(), to = from + timeoutNanos, now = evidence.now();
        for (Endpoint e : known) {
            DestinationHealth h = evidence.get(e);
            if (!p.sentTo(e) && h != null && h.troubled(from, to, now)) missing.add(e);
        }
        return missing.size() <= p.expected() - p.copies() ? missing : List.of();
    }

    /** True when anything on the wire explains a loss while {@code p} was pending. */
    boolean anyEvidence(Pending p) {
        if (p.rejected() != null) return true;
        long from = p.inNanos(), to = from + timeoutNanos, now = evidence.now();
        if (evidence.unnamed().counterDrops(from, to, now) > 0) return true;
        for (DestinationHealth h : evidence.destinations()) if (h.troubled(from, to, now)) return true;
        return false;
    }

    /**
     * The {@code reason} of a dropped record; {@code closedAt} (else -1) when the capture ended before
     * the timeout and the hop's closing its connections (FIN) at that time decided it.
     */
    String reason(Pending p, List<Endpoint> missing, long closedAt) {
        long from = p.inNanos(), to = from + timeoutNanos, now = evidence.now();
        StringBuilder b = new StringBuilder();
        b.append(p.copies() == 0 ? "not seen leaving the hop" : p.copies() + " of " + p.expected() + " copies seen leaving");
        if (closedAt < 0) b.append(" within ").append(DestinationHealth.seconds(timeoutNanos));
        else b.append(" before it closed its connections (FIN) ").append(DestinationHealth.seconds(closedAt - from))
                .append(" after it went in (the capture ended at ").append(DestinationHealth.seconds(now - from))
                .append(", before the ").append(DestinationHealth.seconds(timeoutNanos)).append(" timeout)");
        if (p.rejected() != null) b.append("; the hop's receiver rejects it (").append(p.rejected()).append(')');
        List<DestinationHealth> about = new ArrayList<>();
        if (missing.isEmpty()) { // no idea where it should have gone: every destination in trouble
            for (DestinationHealth h : evidence.destinations()) if (h.troubled(from, to, now)) about.add(h);
        }
        for (Endpoint e : missing) {
            DestinationHealth h = evidence.get(e);
            if (h == null || !h.seen) b.append("; the relay never connected to ").append(e);
            else about.add(h);
        }
        for (DestinationHealth h : about) {
            String t = h.trouble(from, to, now);
            String counted = h.counterRise(from, to, now);
            b.append("; destination ").append(h.dst);
            if (!t.isEmpty()) b.append(' ').append(t);
            if (!counted.isEmpty()) b.append(t.isEmpty() ? " " : ", ").append("the relay's own drop counter for it ").append(counted);
            if (t.isEmpty() && counted.isEmpty()) b.append(": nothing wrong seen on the wire");
        }
        String global = evidence.unnamed().counterRise(from, to, now);
        if (!global.isEmpty()) b.append("; the relay's metricsDropped ").append(global);
        return b.toString();
    }
}
