package io.metricsniff.tui;

import io.metricsniff.analysis.PathSource;
import io.metricsniff.analysis.SenderTable;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.RecordSink;

/**
 * The aggregated state the live view reads, and the sink that fills it (except the path table,
 * which has other readers and is fed on its own): header counters and latest flagged lines,
 * problems grouped, senders by host. Fed by the processing thread; read by the UI thread.
 */
public final class ViewSources implements RecordSink {
    private final PathSource paths;
    private final LiveState live = new LiveState();
    private final ProblemGroups problems = new ProblemGroups();
    private final SenderTable senders = new SenderTable();

    public ViewSources(PathSource paths) { this.paths = paths; }

    @Override public void metric(MetricRecord r) {
        live.metric(r);
        problems.metric(r);                              // it skips ok records itself
        senders.metric(r);
    }

    @Override public void gap(long timeNanos, Endpoint src, Endpoint dst, long bytes) { live.gap(timeNanos, src, dst, bytes); }

    @Override public void finish() { live.finish(); }

    public PathSource paths() { return paths; }
    public LiveState live() { return live; }
    public ProblemGroups problems() { return problems; }
    public SenderTable senders() { return senders; }
}
