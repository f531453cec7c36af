package io.metricsniff.pipeline;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.RecordSink;

import java.util.List;

/** Hands every record to several sinks in order (tally, statistics, output...). */
public final class Fanout implements RecordSink {
    private final RecordSink[] sinks;

    public Fanout(List<RecordSink> sinks) { this.sinks = sinks.toArray(new RecordSink[0]); }

    @Override public void metric(MetricRecord record) {
        for (RecordSink s : sinks) s.metric(record);
    }

    @Override public void gap(long timeNanos, Endpoint src, Endpoint dst, long bytes) {
        for (RecordSink s : sinks) s.gap(timeNanos, src, dst, bytes);
    }

    @Override public void skipped(long timeNanos, Endpoint src, Endpoint dst, long bytes, String why) {
        for (RecordSink s : sinks) s.skipped(timeNanos, src, dst, bytes, why);
    }

    @Override public void finish() {
        for (RecordSink s : sinks) s.finish();
    }
}
