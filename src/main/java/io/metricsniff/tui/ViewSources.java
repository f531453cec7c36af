package io.metricsniff.tui;

import io.metricsniff.analysis.PathSource;
import io.metricsniff.analysis.SenderTable;
import io.metricsniff.carboncache.CacheRules;
import io.metricsniff.carboncache.ClockOffsets;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.health.HealthSnapshot;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.RecordSink;

import java.util.function.Supplier;

/**
 * The aggregated state the live view reads, and the sink that fills it (except the path table,
 * which has other readers and is fed on its own): header counters and latest flagged lines,
 * problems grouped, senders by host; with --hop the hops' board, with --health the latest
 * connection health, with --carbon-conf (or --health) carbon-cache's rules and sender clocks. Fed by the processing thread; read by the UI thread.
 */
public final class ViewSources implements RecordSink {
    private final PathSource paths;
    private final LiveState live = new LiveState();
    private final ProblemGroups problems = new ProblemGroups();
    private final SenderTable senders = new SenderTable();
    private HopBoard hops;
    private Supplier<HealthSnapshot> health;
    private Runnable publishHealth;
    private CarbonBoard carbon;

    public ViewSources(PathSource paths) { this.paths = paths; }

    /** Shows the hops (--hop); the board is fed by the hop engine and the record chain. Before the capture starts. */
    public ViewSources hops(HopBoard board) { this.hops = board; return this; }

    /**
     * Shows connection health (--health). {@code latest} is read on the UI thread; {@code publish}
     * refreshes it at the end of the capture (on the processing thread), so a replay's final state is whole.
     */
    public ViewSources health(Supplier<HealthSnapshot> latest, Runnable publish) {
        this.health = latest;
        this.publishHealth = publish;
        return this;
    }

    /**
     * Shows carbon-cache's rules and sender clocks (either may be null). Before the capture starts. Returns the
     * board to put after both in the record chain, or null when both are off.
     */
    public CarbonBoard carbon(CacheRules cache, ClockOffsets clocks) {
        carbon = cache == null && clocks == null ? null : new CarbonBoard(cache, clocks);
        return carbon;
    }

    @Override public void metric(MetricRecord r) {
        live.metric(r);
        problems.metric(r);                              // it skips ok records itself
        senders.metric(r);
    }

    @Override public void gap(long timeNanos, Endpoint src, Endpoint dst, long bytes) { live.gap(timeNanos, src, dst, bytes); }

    @Override public void finish() {
        if (publishHealth != null) publishHealth.run();
        live.finish();
    }

    public PathSource paths() { return paths; }
    public LiveState live() { return live; }
    public ProblemGroups problems() { return problems; }
    public SenderTable senders() { return senders; }
    /** Null unless --hop. */
    public HopBoard hops() { return hops; }
    /** The latest connection health (null before the first second of capture), or null unless --health. */
    public Supplier<HealthSnapshot> health() { return health; }
    /** Null unless --carbon-conf, --health or --report-to (sender clocks). */
    public CarbonBoard carbon() { return carbon; }
}
