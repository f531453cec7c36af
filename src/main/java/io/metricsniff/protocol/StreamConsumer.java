package io.metricsniff.protocol;

/**
 * What a framer reports about one TCP direction besides its frames. One consumer per direction,
 * so it knows the endpoints; called from the processing thread, in stream order.
 */
public interface StreamConsumer {
    /** Bytes of this direction missing from the capture (the frame in progress is lost). */
    void gap(long bytes, long timeNanos);

    /** Captured bytes that could not be framed (see {@code RecordSink.skipped}): none is lost silently. */
    void skipped(long bytes, String why, long timeNanos);
}
