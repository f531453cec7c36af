package io.metricsniff.paths;

import java.util.Arrays;

/** Doubles by path id; see {@link Column}. */
public final class DoubleColumn extends Column {
    private final double initial;
    private double[][] pages = new double[1][];

    DoubleColumn(double initial) { this.initial = initial; }

    public double get(int id) {
        int p = id >>> PAGE_BITS;
        if (p >= pages.length || pages[p] == null) return initial;
        return pages[p][id & MASK];
    }

    public void set(int id, double v) { page(id)[id & MASK] = v; }

    @Override void reset(int id) {
        int p = id >>> PAGE_BITS;
        if (p < pages.length && pages[p] != null) pages[p][id & MASK] = initial;
    }

    private double[] page(int id) {
        int p = id >>> PAGE_BITS;
        if (p >= pages.length) pages = Arrays.copyOf(pages, pages(id, pages.length));
        double[] page = pages[p];
        if (page == null) {
            page = new double[PAGE];
            if (initial != 0) Arrays.fill(page, initial);
            pages[p] = page;
        }
        return page;
    }
}
