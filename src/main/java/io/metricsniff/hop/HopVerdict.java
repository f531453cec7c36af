package io.metricsniff.hop;

/** What became of one datapoint that went into a hop. */
public enum HopVerdict {
    /** As many copies came out as the hop should send, each where it should go. */
    DELIVERED,
    /** Fewer copies came out within the hop timeout (none, or some replicas missing). */
    DROPPED,
    /** More copies came out than the replication factor, or two to one destination. */
    DUPLICATED,
    /** A copy went to a destination the relay's own routing would not choose. */
    MISROUTED,
    /** Not settled: the capture ended before its timeout, or the pending limit evicted it. */
    UNRESOLVED;

    public String json() { return name().toLowerCase(); }
}
