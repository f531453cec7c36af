package io.metricsniff.protocol;

import io.metricsniff.record.Problem;

/**
 * Receives the datapoints decoded from one TCP direction's frames (pickle), with no verdict.
 */
public interface DatapointConsumer extends StreamConsumer {
    /**
     * One datapoint the receiver passes on.
     *
     * @param rawText the datapoint rendered as a plaintext line, for display
     * @return true when the receiver closes the connection on it (then the framer stops and
     *         skips the rest of the direction); a consumer that does not judge returns false
     */
    boolean datapoint(String path, double value, double timestamp, String rawText, long timeNanos);

    /** A frame or an item in it that cannot be read as a datapoint, and why. */
    void undecodable(String rawText, Problem problem, long timeNanos);
}
