package io.metricsniff.reassembly;

/**
 * The consumer of one TCP direction's byte stream, in order. The reassembler calls these on the
 * processing thread; it knows nothing of what the bytes mean.
 */
public interface StreamHandler {
    /** The next in-order bytes. The array is the reassembler's: copy what you keep. */
    void data(byte[] buf, int off, int len, long timeNanos);

    /** {@code bytes} of the stream are missing from the capture here; the next data follows them. */
    void gap(long bytes, long timeNanos);

    /** No more bytes will come: the stream closed or was given up. */
    void end(EndReason reason, long timeNanos);
}
