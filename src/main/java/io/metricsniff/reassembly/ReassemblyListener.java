package io.metricsniff.reassembly;

import io.metricsniff.decode.Endpoint;

/** Optional observer of anomalies the reassembler resolves on its own. Called on the processing thread. */
public interface ReassemblyListener {
    /**
     * A retransmission carried different bytes than the copy already buffered for the same
     * sequence range. The first copy was kept (and is what the consumer gets).
     *
     * @param bytes length of the overlapping range that differed
     */
    default void overlapConflict(Endpoint src, Endpoint dst, long bytes, long timeNanos) { }

    /**
     * A reassembly limit tripped for this direction; what it cost is reported to the stream's
     * handler as a gap.
     */
    default void limitReached(Endpoint src, Endpoint dst, Limit limit, long timeNanos) { }

    /** Which limit tripped. */
    enum Limit { BUFFER_PER_DIRECTION, BUFFER_TOTAL, MAX_FLOWS }
}
