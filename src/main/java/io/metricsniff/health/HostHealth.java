package io.metricsniff.health;

/** One sender host's counts and its reconnect-storm detector. Processing thread only. */
final class HostHealth {
    final String host;
    final long[] counts = new long[HealthCount.SIZE];
    long lastNanos;
    int openFlows;
    private final long[] shortEnds; // ring of the last short connections' end times
    private int next, filled;
    private long stormLastNanos = Long.MIN_VALUE;
    long stormStartNanos = Long.MIN_VALUE;
    long stormConnects;

    HostHealth(String host, int stormMinConnects) {
        this.host = host;
        this.shortEnds = new long[stormMinConnects];
    }

    /**
     * A short connection ended at {@code t}.
     *
     * @return true when this one starts a reconnect storm
     */
    boolean shortEnd(long t, long windowNanos) {
        boolean wasStorm = inStorm(t, windowNanos);
        shortEnds[next] = t;
        next = (next + 1) % shortEnds.length;
        if (filled < shortEnds.length) filled++;
        long oldest = shortEnds[next % shortEnds.length];
        boolean storm = filled == shortEnds.length && t - oldest <= windowNanos;
        if (wasStorm) {
            stormLastNanos = t;
            stormConnects++;
            return false;
        }
        if (!storm) return false;
        stormStartNanos = oldest;
        stormLastNanos = t;
        stormConnects = shortEnds.length;
        return true;
    }

    boolean inStorm(long t, long windowNanos) {
        return stormLastNanos != Long.MIN_VALUE && t - stormLastNanos <= windowNanos;
    }
}
