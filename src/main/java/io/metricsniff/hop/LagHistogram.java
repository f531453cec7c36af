package io.metricsniff.hop;

/**
 * Lags in a fixed log-scale histogram: constant memory whatever the count, percentiles within
 * {@link #STEP} (5 %) of the true value, the maximum exact.
 */
public final class LagHistogram {
    /** Ratio between bucket bounds: 5 % precision is plenty for a lag. */
    static final double STEP = 1.05;
    /** Bucket 0 holds lags under 1 µs; the last, everything from about 100 s on. */
    private static final int BUCKETS = 380;
    private static final double LOG_STEP = Math.log(STEP);

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long maxNanos;

    public void add(long lagNanos) {
        long lag = Math.max(0, lagNanos);
        counts[bucket(lag)]++;
        total++;
        if (lag > maxNanos) maxNanos = lag;
    }

    public long count() { return total; }
    public long maxNanos() { return maxNanos; }

    /** The lag below which {@code q} (0..1) of the lags fall, in nanoseconds; 0 when empty. */
    public long quantileNanos(double q) {
        if (total == 0) return 0;
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank && counts[i] > 0) return Math.min(upper(i), maxNanos);
        }
        return maxNanos;
    }

    private static int bucket(long nanos) {
        if (nanos < 1000) return 0;
        int b = 1 + (int) (Math.log(nanos / 1000.0) / LOG_STEP);
        return Math.min(b, BUCKETS - 1);
    }

    private static long upper(int bucket) {
        return bucket == 0 ? 1000 : (long) (1000 * Math.pow(STEP, bucket));
    }
}
