package io.metricsniff.protocol;

import io.metricsniff.decode.Endpoint;

/** Consumes one UDP datagram's payload (Graphite plaintext over UDP, StatsD). */
public interface DatagramHandler {
    /** @param missing bytes of the datagram the snaplen cut off (the payload is then incomplete) */
    void datagram(Endpoint src, Endpoint dst, byte[] buf, int off, int len, int missing, long timeNanos);
}
