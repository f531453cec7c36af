package io.metricsniff.paths;

/**
 * Per-path state indexed by a {@link PathIndex} id, in pages of primitives allocated as ids
 * arrive: no copy of the whole column when it grows (a doubling copy would double peak memory).
 */
public abstract class Column {
    /** Entries per page: 512 KiB of longs, small against millions of paths, large against overhead. */
    static final int PAGE_BITS = 16;
    static final int PAGE = 1 << PAGE_BITS;
    static final int MASK = PAGE - 1;

    Column() { }

    /** Back to the initial value: the id was released and will name another path. */
    abstract void reset(int id);

    /** Allocates the page that holds {@code id} if it has none (see {@link PathIndex}: before the id is used). */
    abstract void allocate(int id);

    /** Reads the entries of {@code ids[0, n)} (to bring them into cache); their sum, to be kept by the caller. */
    abstract long read(int[] ids, int n);

    static int pages(int id, int have) {
        int need = (id >>> PAGE_BITS) + 1;
        return need <= have ? have : Math.max(need, have * 2);
    }
}
