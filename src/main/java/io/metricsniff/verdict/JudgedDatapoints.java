package io.metricsniff.verdict;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.protocol.DatapointConsumer;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;

/** The judging consumer of one TCP direction's pickle datapoints: record, {@link Judge}, sink. */
public final class JudgedDatapoints implements DatapointConsumer {
    private final Endpoint src;
    private final Endpoint dst;
    private final Judge judge;
    private final RecordSink sink;

    public JudgedDatapoints(Endpoint src, Endpoint dst, Judge judge, RecordSink sink) {
        this.src = src;
        this.dst = dst;
        this.judge = judge;
        this.sink = sink;
    }

    @Override
    public boolean datapoint(String path, double value, double timestamp, String rawText, long timeNanos) {
        MetricRecord rec = record(rawText, timeNanos).path(path).value(value).timestamp(timestamp);
        boolean closes = judge.judgeDatapoint(rec);
        sink.metric(rec);
        return closes;
    }

    /** Unreadable by carbon too: malformed whoever the receiver. */
    @Override
    public void undecodable(String rawText, Problem problem, long timeNanos) {
        sink.metric(record(rawText, timeNanos).flag(Verdict.MALFORMED, problem));
    }

    @Override public void gap(long bytes, long timeNanos) { sink.gap(timeNanos, src, dst, bytes); }

    @Override public void skipped(long bytes, String why, long timeNanos) { sink.skipped(timeNanos, src, dst, bytes, why); }

    private MetricRecord record(String rawText, long timeNanos) {
        return new MetricRecord(timeNanos, src, dst, Transport.TCP, Protocol.PICKLE, rawText);
    }
}
