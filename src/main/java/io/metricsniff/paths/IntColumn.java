package io.metricsniff.paths;

import java.util.Arrays;

/** Ints by path id; see {@link Column}. */
public final class IntColumn extends Column {
    private final int initial;
    private int[][] pages = new int[1][];

    IntColumn(int initial) { this.initial = initial; }

    public int get(int id) {
        int p = id >>> PAGE_BITS;
        if (p >= pages.length || pages[p] == null) return initial;
        return pages[p][id & MASK];
    }

    @Override long read(int[] ids, int n) {
        long sum = 0;
        for (int k = 0; k < n; k++) sum += get(ids[k]);
        return sum;
    }

    public void set(int id, int v) { page(id)[id & MASK] = v; }

    @Override void allocate(int id) { page(id); }

    private int[] page(int id) {
        int p = id >>> PAGE_BITS;
        if (p >= pages.length) pages = Arrays.copyOf(pages, pages(id, pages.length));
        int[] page = pages[p];
        if (page == null) {
            page = new int[PAGE];
            if (initial != 0) Arrays.fill(page, initial);
            pages[p] = page;
        }
        return page;
    }

    @Override void reset(int id) {
        int p = id >>> PAGE_BITS;
        if (p < pages.length && pages[p] != null) pages[p][id & MASK] = initial;
    }
}
