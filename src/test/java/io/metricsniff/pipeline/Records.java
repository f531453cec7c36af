package io.metricsniff.pipeline;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.RecordSink;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what reached it, for the pipeline's tests. */
final class Records implements RecordSink {
    final List<MetricRecord> metrics = new ArrayList<>();
    final List<Long> gaps = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    int finished;

    @Override public void metric(MetricRecord r) { metrics.add(r); }
    @Override public void gap(long timeNanos, Endpoint src, Endpoint dst, long bytes) { gaps.add(bytes); }
    @Override public void skipped(long timeNanos, Endpoint src, Endpoint dst, long bytes, String why) { skipped.add(why); }
    @Override public void finish() { finished++; }

    List<String> raws() {
        List<String> l = new ArrayList<>();
        for (MetricRecord r : metrics) l.add(r.raw());
        return l;
    }
}
