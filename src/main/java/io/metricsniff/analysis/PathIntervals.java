package io.metricsniff.analysis;

import io.metricsniff.paths.DoubleColumn;
import io.metricsniff.paths.LongColumn;
import io.metricsniff.paths.PathIndex;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Verdict;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What the retention advice needs of every path, in columns of the run's {@link PathIndex}
 * (~50 bytes a path plus its name, no object per path): points, distinct timestamps, the
 * timestamp range and arrival times. Names are kept once, as UTF-8 in a {@link NameArena}.
 * Distinct timestamps are counted as new minima or maxima: exact for a sender whose clock only
 * moves forward, which is what an interval means.
 */
final class PathIntervals implements Iterable<PathStats.Snapshot> {
    /**
     * Names beyond twice the tracked paths before the store is compacted (only released ids leave
     * names behind, so a run that never samples never compacts); keeps a tiny index from compacting
     * at every new name.
     */
    static final int COMPACT_SLACK = 1024;

    private final PathIndex index;
    private final LongColumn counts;    // points in the low 32 bits, distinct timestamps in the high
    private final DoubleColumn minTs;
    private final DoubleColumn maxTs;
    private final LongColumn firstNanos;
    private final LongColumn lastNanos;
    private final LongColumn names;
    private NameArena arena = new NameArena();
    private long namesInArena;          // live and released: a released id's name stays until compact()

    PathIntervals(PathIndex index) {
        this.index = index;
        counts = index.longs(0);
        minTs = index.doubles(Double.NaN);
        maxTs = index.doubles(Double.NaN);
        firstNanos = index.longs(0);
        lastNanos = index.longs(0);
        names = index.longs(-1);
    }

    void add(int id, MetricRecord r) {
        long c = counts.get(id);
        long points = c & 0xFFFF_FFFFL, distinct = c >>> 32;
        long t = r.timeNanos();
        if (points == 0) {
            firstNanos.set(id, t);
            if (namesInArena > 2L * index.size() + COMPACT_SLACK) compact();
            names.set(id, arena.add(r.path().getBytes(StandardCharsets.UTF_8)));
            namesInArena++;
        }
        lastNanos.set(id, t);
        if (points < 0xFFFF_FFFFL) points++;        // saturates: an interval needs only a few
        if (r.hasTimestamp() && Double.isFinite(r.timestamp())) {
            double ts = r.timestamp(), lo = minTs.get(id), hi = maxTs.get(id);
            if (Double.isNaN(lo)) { minTs.set(id, ts); maxTs.set(id, ts); distinct = 1; }
            else if (ts < lo) { minTs.set(id, ts); distinct++; }
            else if (ts > hi) { maxTs.set(id, ts); distinct++; }
        }
        counts.set(id, Math.min(distinct, 0xFFFF_FFFFL) << 32 | points);
    }

    /** Names in the store, those of released ids included (tests: the compaction bounds it). */
    long namesKept() { return namesInArena; }

    /**
     * Keeps only the names of tracked paths: each halving of the index's sample releases half the
     * ids, whose names would otherwise stay (at 5 M paths with --schemas, 2.5 M names kept for 1 M
     * tracked, ~70 MB). Walks the ids in order, as the index does; amortised over the names added.
     */
    private void compact() {
        NameArena kept = new NameArena();
        long n = 0;
        for (int id = 0; id < index.idLimit(); id++) {
            long ref = names.get(id);
            if (ref < 0) continue;               // never named, or released (the column reset it)
            names.set(id, arena.copy(ref, kept));
            n++;
        }
        arena = kept;
        namesInArena = n;
    }

    /** Every path's figures, one snapshot at a time (millions would not fit as a list). */
    @Override public Iterator<PathStats.Snapshot> iterator() {
        return new Iterator<>() {
            private int next = advance(0);

            private int advance(int from) {
                int id = from;
                while (id < index.idLimit() && (counts.get(id) & 0xFFFF_FFFFL) == 0) id++;
                return id;
            }

            @Override public boolean hasNext() { return next < index.idLimit(); }

            @Override public PathStats.Snapshot next() {
                if (!hasNext()) throw new NoSuchElementException();
                PathStats.Snapshot s = snapshot(next);
                next = advance(next + 1);
                return s;
            }
        };
    }

    private PathStats.Snapshot snapshot(int id) {
        long c = counts.get(id);
        long points = c & 0xFFFF_FFFFL, distinct = c >>> 32;
        long first = firstNanos.get(id), last = lastNanos.get(id);
        double lo = minTs.get(id), hi = maxTs.get(id);
        double meanInterval = points > 1 ? (last - first) / 1e9 / (points - 1) : Double.NaN;
        double meanTsInterval = distinct > 1 ? (hi - lo) / (distinct - 1) : Double.NaN;
        return new PathStats.Snapshot(arena.get(names.get(id)), points, new long[Verdict.values().length], first, last, Double.NaN,
                Double.NaN, meanInterval, meanTsInterval, lo, hi, List.of(), 0, Verdict.OK, List.of(), null, Double.NaN);
    }
}
