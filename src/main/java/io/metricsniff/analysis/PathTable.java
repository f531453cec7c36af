package io.metricsniff.analysis;

import io.metricsniff.paths.PathIndex;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Verdict;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-path statistics at any cardinality, keyed by the run's {@link PathIndex}: the top paths by
 * records and by problems in two Space-Saving structures ({@link HeavyHitters}, for the terminal
 * UI), and every path's interval figures in columns ({@link PathIntervals}, for the retention
 * advice). Fed by the processing thread; methods are synchronized, uncontended except while a
 * reader takes a snapshot (a few thousand rows at most).
 */
public final class PathTable implements RecordSink, PathSource {
    /** Rows by record count: a screen shows dozens; the margin keeps ranks right under churn. */
    public static final int TOP_BY_RATE = 2048;
    /** Rows by problem count, so a rare but broken path is never crowded out by busy good ones. */
    public static final int TOP_BY_PROBLEMS = 1024;
    /**
     * A name read from a line the receiver refused before splitting it (too long) is kept up to
     * this many characters: enough to find it with a filter, never a 64 KiB table key.
     */
    public static final int MAX_RAW_NAME_CHARS = 256;

    private final PathIndex index;
    private final HeavyHitters byRate = new HeavyHitters(TOP_BY_RATE);
    private final HeavyHitters byProblems = new HeavyHitters(TOP_BY_PROBLEMS);
    private final PathIntervals intervals;
    private long overflowRecords;

    /** With an index of its own and every feature (tests, demos). */
    public PathTable() { this(new PathIndex(), true); }

    /** {@code withIntervals}: keep every path's interval figures (only the retention advice reads them). */
    public PathTable(PathIndex index, boolean withIntervals) {
        this.index = index;
        this.intervals = withIntervals ? new PathIntervals(index) : null;
        index.onRelease(this::release);
    }

    @Override public synchronized void metric(MetricRecord r) {
        if (r.hasPath()) {
            int id = index.id(r);
            if (id == PathIndex.NONE) { overflowRecords++; return; }
            byRate.add(id, r, null);
            if (r.verdict() != Verdict.OK) byProblems.add(id, r, null);
            if (intervals != null) intervals.add(id, r);
            return;
        }
        String name = pathOf(r);                     // a line refused whole: rare, so a String is fine
        if (name == null) return;
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        int id = index.id(b, 0, b.length);
        if (id == PathIndex.NONE) { overflowRecords++; return; }
        byRate.add(id, r, name);
        byProblems.add(id, r, name);
    }

    /**
     * The record's path; for a line refused whole (over the receiver's line limit: no fields were
     * read) the text up to its first blank, cut at {@link #MAX_RAW_NAME_CHARS} with a {@code ~},
     * so the refused name still shows and can be found. Null when there is no name at all.
     */
    public static String pathOf(MetricRecord r) {
        String p = r.path();
        if (p != null || r.verdict() == Verdict.OK) return p;
        byte[] b = r.rawBytes();
        int start = 0;
        while (start < b.length && (b[start] == ' ' || b[start] == '\t')) start++;
        int end = start;
        while (end < b.length && b[end] != ' ' && b[end] != '\t' && b[end] != '\r' && end - start <= MAX_RAW_NAME_CHARS) end++;
        if (end == start) return null;
        String name = new String(b, start, Math.min(end - start, MAX_RAW_NAME_CHARS), StandardCharsets.UTF_8);
        return end - start > MAX_RAW_NAME_CHARS ? name + "~" : name;
    }

    private synchronized void release(int id) {
        byRate.release(id);
        byProblems.release(id);
    }

    @Override public synchronized long overflowRecords() { return overflowRecords; }

    @Override public int size() { return index.size(); }

    @Override public synchronized PathStats.Snapshot get(String path) {
        PathStats s = byRate.find(path);
        if (s == null) s = byProblems.find(path);
        return s == null ? null : s.snapshot();
    }

    /** Every row's statistics with their recent points. */
    public synchronized List<PathStats.Snapshot> snapshot() { return snapshot(true); }

    @Override public synchronized List<PathStats.Snapshot> snapshot(boolean withRecent) {
        List<PathStats> rows = new ArrayList<>(TOP_BY_RATE + TOP_BY_PROBLEMS);
        byRate.collect(rows);
        Map<String, PathStats> seen = new HashMap<>(rows.size() * 2);
        for (PathStats s : rows) seen.put(s.path(), s);
        List<PathStats> problems = new ArrayList<>(TOP_BY_PROBLEMS);
        byProblems.collect(problems);
        List<PathStats.Snapshot> out = new ArrayList<>(rows.size() + problems.size());
        for (PathStats s : rows) out.add(s.snapshot(withRecent));
        for (PathStats s : problems) if (!seen.containsKey(s.path())) out.add(s.snapshot(withRecent));
        return out;
    }

    /** Every path's interval figures, one at a time; empty when built without them. */
    Iterable<PathStats.Snapshot> intervals() { return intervals == null ? List.of() : intervals; }

    /** Worst first: the contract's order, malformed beats future beats late beats ok. */
    public static int severity(Verdict v) {
        switch (v) {
            case MALFORMED: return 3;
            case FUTURE: return 2;
            case LATE: return 1;
            default: return 0;
        }
    }
}
