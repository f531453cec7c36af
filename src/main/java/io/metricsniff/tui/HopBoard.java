package io.metricsniff.tui;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.hop.HopListener;
import io.metricsniff.hop.HopOutcome;
import io.metricsniff.hop.HopStats;
import io.metricsniff.hop.HopVerdict;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.RecordSink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The hops view's state. The processing thread hears every hop outcome worth reporting (it keeps
 * the latest drops) and, at most every {@link #PUBLISH_NANOS}, copies the hops' counts into an
 * immutable list; the UI thread reads only those copies. Work per record: a clock read ({@link Throttle}).
 */
public final class HopBoard implements HopListener, RecordSink {
    /** The UI redraws at most 4x/s: fresher copies would never be seen. */
    static final long PUBLISH_NANOS = TerminalUi.MIN_REDRAW_NANOS;
    /** Latest drops kept for the lower pane; older ones are counted in the hop's row. */
    static final int MAX_DROPS = 500;

    private final Supplier<List<HopStats>> stats;
    private final ArrayDeque<DropRow> drops = new ArrayDeque<>();
    private volatile List<HopRow> rows = List.of();
    private final Throttle throttle = new Throttle(PUBLISH_NANOS);
    private long seq;

    /** @param stats the hop engine's counts, read on the processing thread only */
    public HopBoard(Supplier<List<HopStats>> stats) { this.stats = stats; }

    @Override public void outcome(HopOutcome o) {
        if (o.verdict() == HopVerdict.DELIVERED) return;
        synchronized (drops) {
            if (drops.size() >= MAX_DROPS) drops.removeFirst();
            drops.addLast(new DropRow(Long.toString(++seq), o));
        }
    }

    @Override public void metric(MetricRecord r) { if (throttle.due()) publish(); }

    @Override public void finish() { publish(); }

    /** Copies the counts for the UI; processing thread only. */
    void publish() {
        List<HopRow> out = new ArrayList<>();
        for (HopStats h : stats.get()) {
            out.add(HopRow.of(h));
            for (Map.Entry<Endpoint, HopStats.Destination> d : h.destinations().entrySet()) {
                out.add(HopRow.of(h.hop(), d.getKey(), d.getValue()));
            }
        }
        rows = List.copyOf(out);
    }

    /** Each hop's row followed by its destinations' rows, as last published. */
    public List<HopRow> rows() { return rows; }

    /** The latest non-delivered outcomes, newest first. */
    public List<DropRow> drops() {
        List<DropRow> out;
        synchronized (drops) { out = new ArrayList<>(drops); }
        java.util.Collections.reverse(out);
        return out;
    }
}
