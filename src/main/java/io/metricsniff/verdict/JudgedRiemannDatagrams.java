package io.metricsniff.verdict;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.protocol.riemann.RiemannDatagramConsumer;
import io.metricsniff.protocol.riemann.RiemannEvent;
import io.metricsniff.record.Problem;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Transport;

/** The judging consumer of Riemann's UDP events: record, {@link Judge}, sink. */
public final class JudgedRiemannDatagrams implements RiemannDatagramConsumer {
    private final RiemannRecords records;
    private final RecordSink sink;

    public JudgedRiemannDatagrams(Judge judge, RecordSink sink) {
        this.records = new RiemannRecords(judge, sink);
        this.sink = sink;
    }

    @Override
    public void event(Endpoint src, Endpoint dst, RiemannEvent event, long timeNanos) {
        records.event(event, timeNanos, src, dst, Transport.UDP);
    }

    @Override
    public void undecodable(Endpoint src, Endpoint dst, String rawText, Problem problem, long timeNanos) {
        records.bad(timeNanos, src, dst, Transport.UDP, rawText, problem);
    }

    @Override public void gap(Endpoint src, Endpoint dst, long bytes, long timeNanos) { sink.gap(timeNanos, src, dst, bytes); }
}
