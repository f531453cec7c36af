package io.metricsniff.protocol.riemann;

import io.metricsniff.protocol.StreamConsumer;
import io.metricsniff.record.Problem;

/** Receives the events decoded from one TCP direction of Riemann's protocol, with no verdict. */
public interface RiemannEventConsumer extends StreamConsumer {
    /** One event of a client's Msg (a server's answers and query results never come here). */
    void event(RiemannEvent event, long timeNanos);

    /** A frame Riemann cannot read, and why. */
    void undecodable(String rawText, Problem problem, long timeNanos);
}
