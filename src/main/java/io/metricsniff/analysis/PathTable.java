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
public final class PathTable implements RecordSink {
    /** Enough for a busy carbon; beyond it a path table is a memory leak, not a tool. */
    public static final int MAX_PATHS = 200_000;

    private final Map<String, PathStats> paths = new HashMap<>();
    private long overflowRecords;

    @Override public synchronized void metric(MetricRecord r) {
        String path = r.path();
        if (path == null) return;
        PathStats s = paths.get(path);
        if (s == null) {
            if (paths.size() >= MAX_PATHS) { overflowRecords++; return; }
            s = new PathStats(path);
            paths.put(path, s);
        }
        s.add(r);
    }

    /** Records not tracked because the table was full. */
    public synchronized long overflowRecords() { return overflowRecords; }

    public synchronized int size() { return paths.size(); }

    public synchronized PathStats.Snapshot get(String path) {
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
    public synchronized List<PathStats.Snapshot> snapshot(boolean withRecent) {
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
