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
public final class JudgedDatapoints extends JudgedStream implements DatapointConsumer {
    public JudgedDatapoints(Endpoint src, Endpoint dst, Judge judge, RecordSink sink) {
        super(src, dst, judge, sink);
    }

    @Override
    public boolean datapoint(String path, double value, double timestamp, String rawText, long timeNanos) {
        MetricRecord rec = hinted(record(rawText, timeNanos).path(path).value(value).timestamp(timestamp));
        boolean closes = judge.judgeDatapoint(rec);
        emit(rec);
        return closes;
    }

    /** Unreadable by carbon too: malformed whoever the receiver. */
    @Override
    public void undecodable(String rawText, Problem problem, long timeNanos) {
        sink.metric(record(rawText, timeNanos).flag(Verdict.MALFORMED, problem));
    }

    private MetricRecord record(String rawText, long timeNanos) {
        return new MetricRecord(timeNanos, src, dst, Transport.TCP, Protocol.PICKLE, rawText);
    }
}
