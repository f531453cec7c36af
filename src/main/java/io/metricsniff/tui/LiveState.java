package io.metricsniff.tui;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.output.TerminalEscaper;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The header counters and the latest flagged lines, written by the one processing thread and
 * read by the UI thread. An ok record costs a few plain stores (release stores, no locks, no
 * allocation); a flagged one also builds a small row, at most {@link #ROWS_PER_WINDOW} per
 * {@link #WINDOW_NANOS} of capture time so a flood of bad lines cannot slow the capture. Rows
 * past that budget are only counted ({@link #unlisted()}); per-verdict counts are always exact.
 */
public final class LiveState implements RecordSink {
    /** Latest flagged lines kept: more than any screen shows, small enough to ignore. */
    public static final int RING_SIZE = 256;
    /** Capture-time window of the row budget: shorter than a redraw, so the list never looks stale. */
    public static final long WINDOW_NANOS = 50_000_000L;
    /** Rows built per window: a tall screen's worth; a flood beyond it would only cost CPU. */
    public static final int ROWS_PER_WINDOW = 64;
    /** A flagged line longer than this is cut for display: a screen row is never wider. */
    public static final int MAX_LINE_CHARS = 512;

    // index layout of the counters array: one slot per verdict, then the rest
    private static final int METRICS = Verdict.values().length;
    private static final int GAPS = METRICS + 1;
    private static final int GAP_BYTES = METRICS + 2;
    private static final int FIRST_NANOS = METRICS + 3;
    private static final int LAST_NANOS = METRICS + 4;
    private static final int UNLISTED = METRICS + 5;
    private static final int ROWS_WRITTEN = METRICS + 6;
    private static final int FINISHED = METRICS + 7;
    private static final int SLOTS = METRICS + 8;

    private final AtomicLongArray c = new AtomicLongArray(SLOTS);
    private final AtomicReferenceArray<FlaggedLine> ring = new AtomicReferenceArray<>(RING_SIZE);
    // writer-only state
    private long windowStart;
    private boolean windowOpen;
    private int windowRows;
    private long rowsWritten;
    private boolean seenFirst;

    @Override public void metric(MetricRecord r) {
        long t = r.timeNanos();
        int v = r.verdict().ordinal();
        if (!seenFirst) { seenFirst = true; c.lazySet(FIRST_NANOS, t); }
        c.lazySet(LAST_NANOS, t);               // times before counts: a reader seeing a count sees them
        c.lazySet(v, c.get(v) + 1);
        c.lazySet(METRICS, c.get(METRICS) + 1);
        if (v != Verdict.OK.ordinal()) flagged(r, t);
    }

    private void flagged(MetricRecord r, long t) {
        if (!windowOpen || t - windowStart >= WINDOW_NANOS || t < windowStart) {
            windowOpen = true;
            windowStart = t;
            windowRows = 0;
        }
        if (windowRows >= ROWS_PER_WINDOW) { c.lazySet(UNLISTED, c.get(UNLISTED) + 1); return; }
        windowRows++;
        String line = r.raw();
        if (line.length() > MAX_LINE_CHARS) line = line.substring(0, MAX_LINE_CHARS);
        String code = r.problems().isEmpty() ? "" : r.problems().get(0).code();
        FlaggedLine row = new FlaggedLine(rowsWritten, t, r.src(), r.dst(), r.verdict(),
                TerminalEscaper.escape(line), TerminalEscaper.escape(code), TerminalEscaper.escape(messages(r.problems())));
        ring.lazySet((int) (rowsWritten % RING_SIZE), row);
        rowsWritten++;
        c.lazySet(ROWS_WRITTEN, rowsWritten); // published after the slot: a reader never sees an empty one
    }

    private static String messages(List<Problem> problems) {
        if (problems.isEmpty()) return "";
        if (problems.size() == 1) return problems.get(0).message();
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            if (sb.length() > 0) sb.append("; ");
            sb.append(p.message());
        }
        return sb.toString();
    }

    @Override public void gap(long timeNanos, Endpoint src, Endpoint dst, long bytes) {
        c.lazySet(GAPS, c.get(GAPS) + 1);
        c.lazySet(GAP_BYTES, c.get(GAP_BYTES) + bytes);
    }

    @Override public void finish() { c.set(FINISHED, 1); }

    // ---- reader side (any thread) ----

    public long metrics() { return c.get(METRICS); }
    public long count(Verdict v) { return c.get(v.ordinal()); }

    /**
     * Per-verdict counts read once each; their sum is the metric count that goes with them (reading
     * {@link #metrics()} and then the verdicts, a fast writer could make ok exceed metrics).
     */
    public long[] counts() {
        long[] n = new long[METRICS];
        for (int i = 0; i < METRICS; i++) n[i] = c.get(i);
        return n;
    }
    public long gaps() { return c.get(GAPS); }
    public long gapBytes() { return c.get(GAP_BYTES); }
    /** Flagged records not kept as rows because of the row budget. */
    public long unlisted() { return c.get(UNLISTED); }
    /** True once the capture has ended (end of file, -n reached, Ctrl-C). */
    public boolean finished() { return c.get(FINISHED) != 0; }
    /** Capture time of the first record, or -1 before any. */
    public long firstNanos() { return metrics() == 0 ? -1 : c.get(FIRST_NANOS); }
    /** Capture time of the latest record, or -1 before any. */
    public long lastNanos() { return metrics() == 0 ? -1 : c.get(LAST_NANOS); }

    /** Up to {@code max} of the latest flagged lines, newest first. */
    public List<FlaggedLine> latest(int max) {
        long written = c.get(ROWS_WRITTEN);
        int n = (int) Math.min(Math.min(max, written), RING_SIZE);
        List<FlaggedLine> out = new ArrayList<>(Math.max(n, 0));
        for (int i = 1; i <= n; i++) {
            FlaggedLine row = ring.get((int) ((written - i) % RING_SIZE));
            if (row != null) out.add(row);
        }
        return out;
    }
}
