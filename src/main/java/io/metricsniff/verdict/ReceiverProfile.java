package io.metricsniff.verdict;

import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Transport;

/**
 * One Graphite receiver's acceptance rules (carbon, go-carbon, carbon-c-relay, carbon-relay-ng,
 * Riemann). A profile reads a record's raw bytes the way that receiver would, fills path, value and
 * timestamp when it can read them, and flags what that receiver rejects or silently discards.
 * Stateless: one instance serves every flow.
 */
public interface ReceiverProfile {
    /** The {@code --receiver} name. */
    String name();

    /** The receiver version and source files whose rules this profile follows (README's table names it). */
    default String follows() { return name(); }

    /**
     * Judges one plaintext line (the record's raw bytes, without the '\n').
     *
     * @return true when this line makes the receiver close the connection, so that everything the
     *         sender wrote after it on this connection is lost
     */
    boolean judgeLine(MetricRecord rec, Transport transport);

    /** Judges one pickle datapoint whose path, value and timestamp are already set. */
    boolean judgeDatapoint(MetricRecord rec);

    /** Whether a timestamp of -1 means "now" to this receiver (carbon) rather than 1969. */
    boolean minusOneIsNow();

    /**
     * Whether a last line without '\n' is still read when the sender closes cleanly (FIN).
     * carbon, go-carbon, carbon-c-relay and Riemann drop it; carbon-relay-ng's Go scanner reads it.
     */
    default boolean readsLastLineAtClose() { return false; }

    /** Whether this receiver drops a point older than the newest it has seen for the path. */
    default boolean dropsBackwardTimestamps() { return false; }
}
