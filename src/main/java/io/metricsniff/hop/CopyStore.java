package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;

import java.util.Arrays;

/**
 * The copies of pending datapoints beyond the first (which {@link PendingStore} keeps inline): a
 * pool of nodes in parallel arrays, each datapoint's extra copies a chain in arrival order, nodes
 * reused through a free list. A replication factor of 2 takes one node per datapoint.
 */
final class CopyStore {
    static final int NONE = -1;
    private static final int INITIAL_NODES = 256;

    private long[] time = new long[INITIAL_NODES];
    private Endpoint[] src = new Endpoint[INITIAL_NODES];
    private Endpoint[] dst = new Endpoint[INITIAL_NODES];
    private int[] next = new int[INITIAL_NODES];
    private int used;           // nodes ever handed out (the pool's high-water mark)
    private int free = NONE;    // first reusable node

    /** Appends a copy to the chain starting at {@code first} (NONE: a new chain); returns the chain's first node. */
    int add(int first, long timeNanos, Endpoint s, Endpoint d) {
        int n = node();
        time[n] = timeNanos;
        src[n] = s;
        dst[n] = d;
        next[n] = NONE;
        if (first == NONE) return n;
        int last = first;
        while (next[last] != NONE) last = next[last];
        next[last] = n;
        return first;
    }

    /** The {@code i}th node of the chain starting at {@code first}. */
    int at(int first, int i) {
        int n = first;
        for (; i > 0; i--) n = next[n];
        return n;
    }

    long time(int node) { return time[node]; }
    Endpoint src(int node) { return src[node]; }
    Endpoint dst(int node) { return dst[node]; }
    int next(int node) { return next[node]; }

    /** Returns a whole chain to the pool. */
    void release(int first) {
        int n = first;
        while (n != NONE) {
            int after = next[n];
            src[n] = dst[n] = null;
            next[n] = free;
            free = n;
            n = after;
        }
    }

    private int node() {
        if (free != NONE) {
            int n = free;
            free = next[n];
            return n;
        }
        if (used == time.length) {
            int size = used * 2;
            time = Arrays.copyOf(time, size);
            src = Arrays.copyOf(src, size);
            dst = Arrays.copyOf(dst, size);
            next = Arrays.copyOf(next, size);
        }
        return used++;
    }
}
