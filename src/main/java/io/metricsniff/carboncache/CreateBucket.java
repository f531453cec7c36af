package io.metricsniff.carboncache;

/**
 * carbon 1.1's TokenBucket (lib/carbon/util.py) for MAX_CREATES_PER_MINUTE, on capture time. Its quirk
 * is kept: the refill clock only moves while the bucket is below capacity, so the first create after a
 * quiet spell finds the bucket full, and the second one refills for all the time since the bucket was
 * last below capacity: a burst after a quiet minute gets capacity + 1 creates, not capacity.
 */
final class CreateBucket {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long stamp;

    /** {@code sinceNanos}: when the bucket was last below capacity (carbon's start, for a fresh carbon). */
    CreateBucket(double perMinute, long sinceNanos) {
        this.capacity = perMinute;
        this.perNano = perMinute / 60 / NANOS_PER_SECOND;
        this.tokens = perMinute;
        this.stamp = sinceNanos;
    }

    /** writer.py: {@code CREATE_BUCKET.drain(1)}; false means the metric's drained points are dropped. */
    boolean drain(long nowNanos) {
        if (tokens < capacity) {
            tokens = Math.min(capacity, tokens + perNano * (nowNanos - stamp));
            stamp = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
