package io.metricsniff.protocol;

import io.metricsniff.decode.Endpoint;

/** Receives the lines a datagram framer cuts from each UDP datagram, with no verdict. */
public interface DatagramLineConsumer {
    /** A datagram begins; its lines follow ({@code buf[off, off + len)} is the captured payload). */
    default void datagram(Endpoint src, Endpoint dst, byte[] buf, int off, int len, long timeNanos) { }

    /** One line without its separator: {@code buf[from, to)}, valid only during the call. */
    void line(Endpoint src, Endpoint dst, byte[] buf, int from, int to, long timeNanos);

    /** Bytes of a datagram missing from the capture (the snaplen cut them), with the line they cut. */
    void gap(Endpoint src, Endpoint dst, long bytes, long timeNanos);
}
