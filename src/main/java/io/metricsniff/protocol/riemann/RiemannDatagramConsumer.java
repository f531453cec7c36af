package io.metricsniff.protocol.riemann;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.Problem;

/** Receives the events of Riemann's UDP datagrams (one Msg each), with no verdict. */
public interface RiemannDatagramConsumer {
    /** One event of a client's Msg. */
    void event(Endpoint src, Endpoint dst, RiemannEvent event, long timeNanos);

    /** A datagram Riemann cannot read, and why. */
    void undecodable(Endpoint src, Endpoint dst, String rawText, Problem problem, long timeNanos);

    /** A datagram the capture's snaplen cut: what Riemann read of it is unknown. */
    void gap(Endpoint src, Endpoint dst, long bytes, long timeNanos);
}
