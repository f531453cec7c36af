package io.metricsniff.protocol;

import io.metricsniff.reassembly.EndReason;

/**
 * Receives the lines a delimiter framer cuts from one TCP direction, with no verdict: the judging
 * consumer applies the receiver's rules, another (a relay's two sides) may only collect them.
 */
public interface LineConsumer extends StreamConsumer {
    /**
     * One complete line without its delimiter.
     *
     * @param raw    the line's bytes, at most the framing limit; the consumer may keep the array
     * @param length the line's true length on the wire ({@code >= raw.length})
     */
    void line(byte[] raw, long length, long timeNanos);

    /** The direction ended ({@code reason}) inside a line: the bytes after the last delimiter. */
    void unterminated(byte[] raw, long length, EndReason reason, long timeNanos);
}
