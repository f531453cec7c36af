package io.metricsniff.tui;

import io.metricsniff.analysis.PathStats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-path rates as an exponentially weighted moving average over about a minute of wall time,
 * sampled every {@link #SAMPLE_NANOS}: a sender every 3 s reads a steady 0.33/s instead of
 * jumping between 0 and 1. The average starts at zero and is divided by its own weight (the
 * usual bias correction), so the first seconds show the mean so far rather than a slow climb.
 * Runs on the UI thread; memory is one small entry per path.
 */
final class Rates {
    /** Counts are compared this often: often enough to follow, rarely enough to be cheap. */
    static final long SAMPLE_NANOS = 1_000_000_000L;
    /** The average's time constant: what "rate" means on the screen (a one-minute average). */
    static final double TAU_SECONDS = 60;

    private static final class Avg {
        long count;
        double avg, weight;

        void sample(long n, double dt, double alpha) {
            double instant = (n - count) / dt;
            count = n;
            avg += alpha * (instant - avg);
            weight += alpha * (1 - weight);
        }

        double rate() { return weight > 0 ? avg / weight : Double.NaN; }
    }

    private Map<String, Avg> paths = new HashMap<>();
    private final Avg total = new Avg();
    private long lastSample;
    private boolean started;
    private long epoch;

    Rates(long startWallNanos) { this.lastSample = startWallNanos; }

    /** True when a sample is due at this wall time. */
    boolean due(long wallNanos) { return wallNanos - lastSample >= SAMPLE_NANOS; }

    /** Takes a sample of every path's count and of the metric total. */
    void sample(List<PathStats.Snapshot> snaps, long metrics, long wallNanos) {
        double dt = (wallNanos - lastSample) / 1e9;
        double alpha = 1 - Math.exp(-dt / TAU_SECONDS);
        Map<String, Avg> next = new HashMap<>(paths.size() * 2 + 16);
        for (PathStats.Snapshot s : snaps) {
            Avg a = paths.get(s.path());
            if (a == null) a = new Avg();               // a new path: its points so far came in this window
            a.sample(s.count(), dt, alpha);
            next.put(s.path(), a);
        }
        paths = next;
        total.sample(metrics, dt, alpha);
        lastSample = wallNanos;
        started = true;
        epoch++;
    }

    /** A path's rate per second, NaN before the first sample. */
    double rate(String path) {
        Avg a = paths.get(path);
        return a == null ? Double.NaN : a.rate();
    }

    double linesPerSecond() { return started ? total.rate() : Double.NaN; }

    /** Changes with every sample: lets the model skip rebuilding rows when nothing moved. */
    long epoch() { return epoch; }
}
