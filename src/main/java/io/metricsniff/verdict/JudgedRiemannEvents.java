package io.metricsniff.verdict;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.protocol.riemann.RiemannEvent;
import io.metricsniff.protocol.riemann.RiemannEventConsumer;
import io.metricsniff.record.Problem;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Transport;

/** The judging consumer of one TCP direction's Riemann events: record, {@link Judge}, sink. */
public final class JudgedRiemannEvents extends JudgedStream implements RiemannEventConsumer {
    private final RiemannRecords records;

    public JudgedRiemannEvents(Endpoint src, Endpoint dst, Judge judge, RecordSink sink) {
        super(src, dst, judge, sink);
        this.records = new RiemannRecords(judge, sink);
    }

    @Override public void event(RiemannEvent event, long timeNanos) { records.event(event, timeNanos, src, dst, Transport.TCP); }

    /** Unreadable by Riemann: malformed whoever the receiver downstream. */
    @Override
    public void undecodable(String rawText, Problem problem, long timeNanos) {
        records.bad(timeNanos, src, dst, Transport.TCP, rawText, problem);
    }
}
