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

    /**
     * A look at the lines about to come, before any of them is delivered: {@code buf[from, to)}
     * starts at a line start (its last line may be partial). A consumer may warm its caches with
     * it (lookups issued together overlap their cache misses); nothing may depend on it.
     *
     * @return where it stopped looking: the framer offers the rest again from there ({@code to}: all seen)
     */
    default int ahead(byte[] buf, int from, int to) { return to; }
}
