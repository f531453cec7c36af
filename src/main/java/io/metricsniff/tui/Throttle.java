package io.metricsniff.tui;

/**
 * When a board copies its state for the UI: at most once per interval of wall time, one clock read per
 * record (a record counter would leave a slow live feed's rows stale for minutes). Processing thread only.
 */
final class Throttle {
    private final long intervalNanos;
    private long next;

    Throttle(long intervalNanos) { this.intervalNanos = intervalNanos; }

    boolean due() {
        long now = System.nanoTime();
        if (now - next < 0) return false;
        next = now + intervalNanos;
        return true;
    }
}
