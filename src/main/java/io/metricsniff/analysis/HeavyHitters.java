package io.metricsniff.analysis;

import io.metricsniff.record.MetricRecord;

import java.util.List;

/**
 * Space-Saving (Metwally et al.): the top paths by a count, right at any cardinality with a fixed
 * number of entries. A path not monitored takes over the entry with the smallest counter and
 * inherits it plus one, so a frequent path is never lost; the entry's statistics restart for
 * the new path. A min-heap over the counters finds the smallest in O(log capacity).
 * Not thread-safe: {@link PathTable} locks.
 */
final class HeavyHitters {
    private final int capacity;
    private final PathStats[] stats;
    private final long[] counts;
    private final int[] ids;      // path id per entry; -1 free
    private final int[] heap;     // entries by heap position, smallest counter first
    private final int[] pos;      // heap position per entry
    private final SlotMap slots;
    private int used;

    HeavyHitters(int capacity) {
        this.capacity = capacity;
        stats = new PathStats[capacity];
        counts = new long[capacity];
        ids = new int[capacity];
        heap = new int[capacity];
        pos = new int[capacity];
        slots = new SlotMap(capacity);
    }

    /** {@code name}: the row's path when the record has none of its own (a refused line), else null. */
    void add(int id, MetricRecord r, String name) {
        int e = slots.get(id);
        if (e < 0) e = take(id, name != null ? name : r.path());
        counts[e]++;
        stats[e].add(r);
        down(pos[e]);
    }

    private int take(int id, String path) {
        int e;
        if (used < capacity) {
            e = used;
            heap[used] = e;
            pos[e] = used++;
            stats[e] = new PathStats(path);
            up(pos[e]);
        } else {
            e = heap[0];                             // the smallest counter: Space-Saving's victim
            if (ids[e] >= 0) slots.remove(ids[e]);
            else counts[e] = 0;                      // a freed entry starts from nothing
            stats[e].reset(path);
        }
        ids[e] = id;
        slots.put(id, e);
        return e;
    }

    /** The path index reused {@code id} for another path: forget it. */
    void release(int id) {
        int e = slots.get(id);
        if (e < 0) return;
        slots.remove(id);
        ids[e] = -1;
        counts[e] = 0;
        up(pos[e]);
    }

    PathStats find(String path) {
        for (int e = 0; e < used; e++) if (ids[e] >= 0 && stats[e].path().equals(path)) return stats[e];
        return null;
    }

    void collect(List<PathStats> out) {
        for (int e = 0; e < used; e++) if (ids[e] >= 0) out.add(stats[e]);
    }

    private void up(int p) {
        while (p > 0) {
            int parent = (p - 1) >>> 1;
            if (counts[heap[parent]] <= counts[heap[p]]) return;
            swap(p, parent);
            p = parent;
        }
    }

    private void down(int p) {
        while (true) {
            int l = 2 * p + 1, m = p;
            if (l < used && counts[heap[l]] < counts[heap[m]]) m = l;
            if (l + 1 < used && counts[heap[l + 1]] < counts[heap[m]]) m = l + 1;
            if (m == p) return;
            swap(p, m);
            p = m;
        }
    }

    private void swap(int a, int b) {
        int ea = heap[a], eb = heap[b];
        heap[a] = eb;
        heap[b] = ea;
        pos[eb] = a;
        pos[ea] = b;
    }
}
