package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;

import java.util.LinkedHashMap;
import java.util.Map;

/** One hop's counts for the summary: per verdict, lag, and per destination. */
public final class HopStats {
    /** Counts per destination of one hop. */
    public static final class Destination {
        long out, dropped, unmatched;
        public long out() { return out; }
        public long dropped() { return dropped; }
        /** Copies that matched no pending datapoint (rewritten, aggregated, or sent after the timeout). */
        public long unmatched() { return unmatched; }
    }

    String hop; // the spec's label until the first datapoint in names the address
    long in, delivered, dropped, duplicated, misrouted, unresolved, unmatchedIn, unmatchedOut, own;
    final LagHistogram lag = new LagHistogram();
    private final Map<Endpoint, Destination> destinations = new LinkedHashMap<>();

    HopStats(String hop) { this.hop = hop; }

    /** Counts for {@code dst}; past {@link Evidence#MAX_DESTINATIONS} they are pooled under null. */
    Destination destination(Endpoint dst) {
        Destination d = destinations.get(dst);
        if (d == null) {
            d = new Destination();
            destinations.put(destinations.size() < Evidence.MAX_DESTINATIONS ? dst : null, d);
        }
        return d;
    }

    void add(HopVerdict v) {
        switch (v) {
            case DELIVERED: delivered++; break;
            case DROPPED: dropped++; break;
            case DUPLICATED: duplicated++; break;
            case MISROUTED: misrouted++; break;
            default: unresolved++; break;
        }
    }

    public String hop() { return hop; }
    public long in() { return in; }
    public long delivered() { return delivered; }
    public long dropped() { return dropped; }
    public long duplicated() { return duplicated; }
    public long misrouted() { return misrouted; }
    public long unresolved() { return unresolved; }
    /** Datapoints in that could not be keyed, or that a rewriting hop never sent on as they were. */
    public long unmatchedIn() { return unmatchedIn; }
    public long unmatchedOut() { return unmatchedOut; }
    /** The relay's own metrics (carbon.relays.*, carbon.aggregator.*) seen leaving it. */
    public long own() { return own; }
    public LagHistogram lag() { return lag; }
    public Map<Endpoint, Destination> destinations() { return destinations; }
}
