package io.metricsniff.reassembly;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bytes of one direction that arrived beyond a hole, kept until the hole fills or is given up
 * (Zeek's {@code Reassem.cc}, apart from its TCP state machine). Disjoint ranges keyed by stream
 * offset: the first copy of a byte wins, a later copy that differs is counted as an overlap
 * conflict. A range may be a marker without data for bytes the capture cut off. Every range is
 * charged against the per-direction and the global budget of {@link ReassemblyLimits}.
 *
 * <p>Knows nothing of sequence numbers, TCP flags, handlers or when a hole is to be given up: the
 * caller decides, this class only places, accounts and hands ranges back in order.
 */
final class SegmentBuffer {
    /** Bookkeeping charged per buffered range on top of its bytes, so tiny segments cannot exhaust memory. */
    static final int SEGMENT_COST = 96;

    /** One buffered range [start, end); {@code data == null}: bytes known to be missing. */
    static final class Segment {
        final long start;
        long end; // may be trimmed below start + data.length by a FIN
        final byte[] data;
        final long cost;

        Segment(long start, long end, byte[] data) {
            this.start = start;
            this.end = end;
            this.data = data;
            this.cost = SEGMENT_COST + (data == null ? 0 : data.length);
        }
    }

    /** Whether a range fits, and if not which budget is in the way. */
    enum Budget { FITS, DIRECTION_FULL, TOTAL_FULL }

    private final ReassemblyStats stats;
    private final ReassemblyLimits limits;
    /** Null while empty: most streams never buffer, so they never pay for a map. */
    private TreeMap<Long, Segment> ranges;
    private long cost;

    SegmentBuffer(ReassemblyStats stats, ReassemblyLimits limits) {
        this.stats = stats;
        this.limits = limits;
    }

    boolean isEmpty() { return ranges == null; }

    /** The accounted cost of what this direction holds now. */
    long cost() { return cost; }

    /** Start of the lowest range; only when not {@link #isEmpty()}. */
    long firstStart() { return ranges.firstKey(); }

    /** End of the range that holds {@code pos}, or {@code pos} when none does. */
    long coveredUntil(long pos) {
        if (ranges == null) return pos;
        Map.Entry<Long, Segment> below = ranges.floorEntry(pos);
        return below != null && below.getValue().end > pos ? below.getValue().end : pos;
    }

    /** Start of the first range after {@code pos}, or {@link Long#MAX_VALUE}. */
    long nextStart(long pos) {
        Long above = ranges == null ? null : ranges.higherKey(pos);
        return above == null ? Long.MAX_VALUE : above;
    }

    /** Counts the held ranges that [abs,end) overlaps with different bytes; the held copy stays. */
    void compare(long abs, long end, byte[] buf, int off) {
        if (ranges == null) return;
        Long from = ranges.floorKey(abs);
        for (Segment s : ranges.subMap(from == null ? abs : from, true, end, false).values()) {
            if (s.data == null) continue;
            long lo = Math.max(s.start, abs), hi = Math.min(s.end, end);
            if (lo >= hi) continue;
            int a = off + (int) (lo - abs), b = (int) (lo - s.start), n = (int) (hi - lo);
            if (!Arrays.equals(buf, a, a + n, s.data, b, b + n)) {
                stats.overlapConflicts++;
                stats.overlapConflictBytes += n;
            }
        }
    }

    /** Whether {@code bytes} more (plus one range's bookkeeping) fit both budgets. */
    Budget budget(long bytes) {
        long add = SEGMENT_COST + bytes;
        if (cost + add > limits.maxBufferedPerDirection()) return Budget.DIRECTION_FULL;
        if (stats.bufferedTotal + add > limits.maxBufferedTotal()) return Budget.TOTAL_FULL;
        return Budget.FITS;
    }

    /**
     * Copies [start,end) from {@code buf} (null: a marker for missing bytes). The caller made sure
     * no held range overlaps it and that it fits the {@link #budget}.
     */
    void store(long start, long end, byte[] buf, int off) {
        byte[] copy = null;
        if (buf != null) {
            copy = new byte[(int) (end - start)];
            System.arraycopy(buf, off, copy, 0, copy.length);
        }
        Segment s = new Segment(start, end, copy);
        if (ranges == null) ranges = new TreeMap<>();
        ranges.put(start, s);
        charge(s.cost);
    }

    /** Removes and returns the lowest range if it starts at or before {@code pos}; else null. */
    Segment pollReady(long pos) {
        if (ranges == null || ranges.firstKey() > pos) return null;
        Segment s = ranges.pollFirstEntry().getValue();
        release(s);
        return s;
    }

    /**
     * Drops everything at or beyond {@code limit} (a FIN's position), trimming a range across it.
     *
     * @return the bytes dropped (data and markers)
     */
    long dropFrom(long limit) {
        long dropped = 0;
        while (ranges != null && ranges.lastKey() >= limit) {
            Segment s = ranges.pollLastEntry().getValue();
            dropped += s.end - s.start;
            release(s);
        }
        if (ranges != null) {
            Segment last = ranges.lastEntry().getValue();
            if (last.end > limit) {
                dropped += last.end - limit;
                last.end = limit;
            }
        }
        return dropped;
    }

    /** Lets go of everything held. */
    void clear() {
        if (ranges == null) return;
        charge(-cost);
        ranges = null;
    }

    private void release(Segment s) {
        charge(-s.cost);
        if (ranges.isEmpty()) ranges = null;
    }

    private void charge(long delta) {
        cost += delta;
        stats.addBuffered(delta);
    }
}
