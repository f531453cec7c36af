package io.metricsniff.pipeline;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.protocol.DatapointConsumer;
import io.metricsniff.protocol.LineConsumer;
import io.metricsniff.protocol.riemann.RiemannEventConsumer;
import io.metricsniff.record.RecordSink;
import io.metricsniff.verdict.Judge;
import io.metricsniff.verdict.JudgedDatapoints;
import io.metricsniff.verdict.JudgedLines;
import io.metricsniff.verdict.JudgedRiemannEvents;

/**
 * Where the framers of each new TCP direction hand their lines, datapoints and Riemann events. {@link #judged}
 * is the tool's usual wiring; a feature that needs frames without a verdict (following
 * datapoints across a relay) supplies its own.
 */
public interface StreamConsumers {
    LineConsumer lines(Endpoint src, Endpoint dst);

    DatapointConsumer datapoints(Endpoint src, Endpoint dst);

    RiemannEventConsumer riemann(Endpoint src, Endpoint dst);

    /** Each line, datapoint and event judged, then handed to the sink. */
    static StreamConsumers judged(Judge judge, RecordSink sink) {
        return new StreamConsumers() {
            @Override public LineConsumer lines(Endpoint src, Endpoint dst) { return new JudgedLines(src, dst, judge, sink); }
            @Override public DatapointConsumer datapoints(Endpoint src, Endpoint dst) {
                return new JudgedDatapoints(src, dst, judge, sink);
            }
            @Override public RiemannEventConsumer riemann(Endpoint src, Endpoint dst) {
                return new JudgedRiemannEvents(src, dst, judge, sink);
            }
        };
    }
}
