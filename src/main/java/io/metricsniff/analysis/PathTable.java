package io.metricsniff.analysis;

import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-path statistics, fed by the processing thread and read by the terminal UI, the retention
 * advisor and the summary. Bounded: past {@link #MAX_PATHS} new paths are only counted.
 * Methods are synchronized: updates are uncontended except while a reader takes a snapshot.
 */
public final class PathTable implements RecordSink, PathSource {
    /** Enough for a busy carbon; beyond it a path table is a memory leak, not a tool. */
    public static final int MAX_PATHS = 200_000;
    /**
     * A name read from a line the receiver refused before splitting it (too long) is kept up to
     * this many characters: enough to find it with a filter, never a 64 KiB table key.
     */
    public static final int MAX_RAW_NAME_CHARS = 256;

    private final Map<String, PathStats> paths = new HashMap<>();
    private long overflowRecords;

    @Override public synchronized void metric(MetricRecord r) {
        String path = pathOf(r);
        if (path == null) return;
        PathStats s = paths.get(path);
        if (s == null) {
            if (paths.size() >= MAX_PATHS) { overflowRecords++; return; }
            s = new PathStats(path);
            paths.put(path, s);
        }
        s.add(r);
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
        String name = new String(b, start, Math.min(end - start, MAX_RAW_NAME_CHARS), java.nio.charset.StandardCharsets.UTF_8);
        return end - start > MAX_RAW_NAME_CHARS ? name + "~" : name;
    }

    /** Records not tracked because the table was full. */
    @Override public synchronized long overflowRecords() { return overflowRecords; }

    @Override public synchronized int size() { return paths.size(); }

    @Override public synchronized PathStats.Snapshot get(String path) {
        PathStats s = paths.get(path);
        return s == null ? null : s.snapshot();
    }

    /** A consistent copy of every path's statistics, safe to use on another thread. */
    public synchronized List<PathStats.Snapshot> snapshot() { return snapshot(true); }

    /**
     * Like {@link #snapshot()}; without {@code withRecent} each snapshot's {@code recent} is empty,
     * which makes the copy (and the time the lock is held against the processing thread) several
     * times shorter: the live view lists every path a few times a second but shows points of one.
     */
    @Override public synchronized List<PathStats.Snapshot> snapshot(boolean withRecent) {
        List<PathStats.Snapshot> out = new ArrayList<>(paths.size());
        for (PathStats s : paths.values()) out.add(s.snapshot(withRecent));
        return out;
    }

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
