package io.metricsniff.analysis;

import java.util.Arrays;

/**
 * Path id to entry slot for a fixed-size structure (the heavy hitters): linear probing over an
 * int array at most half full, deletion by backward shift so no tombstones pile up.
 */
final class SlotMap {
    private static final int EMPTY = -1;
    private final int[] keys;
    private final int[] values;
    private final int mask;

    SlotMap(int maxEntries) {
        int cap = Integer.highestOneBit(Math.max(2, maxEntries) * 4 - 1);
        keys = new int[cap];
        values = new int[cap];
        mask = cap - 1;
        Arrays.fill(keys, EMPTY);
    }

    private int home(int key) { return (key * 0x9E3779B9) >>> 7 & mask; }

    /** The slot of {@code key}, or -1. */
    int get(int key) {
        for (int i = home(key); keys[i] != EMPTY; i = (i + 1) & mask) if (keys[i] == key) return values[i];
        return -1;
    }

    void put(int key, int value) {
        int i = home(key);
        while (keys[i] != EMPTY && keys[i] != key) i = (i + 1) & mask;
        keys[i] = key;
        values[i] = value;
    }

    void remove(int key) {
        int i = home(key);
        while (keys[i] != key) {
            if (keys[i] == EMPTY) return;
            i = (i + 1) & mask;
        }
        // backward shift: move later entries of the cluster into the hole when their home allows it
        for (int j = (i + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            int h = home(keys[j]);
            boolean movable = i <= j ? (h <= i || h > j) : (h <= i && h > j);
            if (movable) {
                keys[i] = keys[j];
                values[i] = values[j];
                i = j;
            }
        }
        keys[i] = EMPTY;
    }
}
