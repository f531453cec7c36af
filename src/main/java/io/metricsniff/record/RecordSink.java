package io.metricsniff.record;

import io.metricsniff.decode.Endpoint;

/**
 * Where judged records go: outputs, statistics, the terminal UI. Called from the one processing
 * thread, in capture order. Implementations must not keep a reference to the byte arrays they are
 * handed unless they copy them.
 */
public interface RecordSink {
    void metric(MetricRecord record);

    /** Bytes of one TCP direction missing from the capture (see the contract's {@code gap} record). */
    default void gap(long timeNanos, Endpoint src, Endpoint dst, long bytes) { }

    /**
     * Bytes that were captured but could not be read as records: the start of a stream captured
     * mid-record (up to the first newline), the rest of a line a gap cut, an unframeable pickle
     * stream. Counted so that nothing seen is silently lost.
     */
    default void skipped(long timeNanos, Endpoint src, Endpoint dst, long bytes, String why) { }

    /** The capture has ended (end of file, Ctrl-C, -n reached). */
    default void finish() { }
}
