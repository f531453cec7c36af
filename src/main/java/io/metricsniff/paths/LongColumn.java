package io.metricsniff.paths;

import java.util.Arrays;

/** Longs by path id; see {@link Column}. */
public final class LongColumn extends Column {
    private final long initial;
    private long[][] pages = new long[1][];

    LongColumn(long initial) { this.initial = initial; }

    public long get(int id) {
        int p = id >>> PAGE_BITS;
        if (p >= pages.length || pages[p] == null) return initial;
        return pages[p][id & MASK];
    }

    @Override long read(int[] ids, int n) {
        long sum = 0;
        for (int k = 0; k < n; k++) sum += get(ids[k]);
        return sum;
    }

    public void set(int id, long v) { page(id)[id & MASK] = v; }

    @Override void reset(int id) {
        int p = id >>> PAGE_BITS;
        if (p < pages.length && pages[p] != null) pages[p][id & MASK] = initial;
    }

    @Override void allocate(int id) { page(id); }

    private long[] page(int id) {
        int p = id >>> PAGE_BITS;
        if (p >= pages.length) pages = Arrays.copyOf(pages, pages(id, pages.length));
        long[] page = pages[p];
        if (page == null) {
            page = new long[PAGE];
            if (initial != 0) Arrays.fill(page, initial);
            pages[p] = page;
        }
        return page;
    }
}
