package io.metricsniff.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * What whisper's rollups make of a metric that arrives every {@code interval} seconds.
 *
 * <p>Whisper's rule (whisper.py {@code __propagate}): a point in archive k covers
 * {@code m = precision(k) / precision(k-1)} slots of archive k-1; it gets a value only when the
 * known (non-null) ones among them are at least {@code xFilesFactor} of m (and at least one).
 * Archive k is computed from archive k-1, not from the raw points, so a null propagates upwards.
 * Timestamps are truncated to whole seconds and a slot holds any point whose timestamp falls in it.
 * For in-order data the final state equals applying the rule once per slot with all points present,
 * which is what this does over a bounded stretch of regular arrivals.
 */
final class WhisperRollup {
    /** Finest slots simulated at most: 1 MiB of flags, milliseconds of work for one group. */
    static final int MAX_SIM_SLOTS = 1 << 20;
    /** Windows of the coarsest archive simulated: enough for the floor/ceil count pattern to show. */
    static final int WINDOWS = 16;
    /** Arrivals simulated at least, so a sparse finest archive's fill is measured, not guessed. */
    static final int MIN_ARRIVALS = 64;
    /** Fewer windows than this and an archive is not judged (too coarse for the slot budget). */
    static final int MIN_WINDOWS = 2;

    /**
     * One archive's outcome. For archive 0 a slot is "null" only by absence, so {@code nullWindows}
     * is 0; for rollups it counts windows that contain at least one received point yet got no value.
     */
    record ArchiveOutcome(long secondsPerPoint, long windowsWithPoints, long nullWindows,
                          double minKnownFraction, double meanKnownFraction, double filledFraction) {
        boolean allNull() { return windowsWithPoints > 0 && nullWindows == windowsWithPoints; }
        double nullFraction() { return windowsWithPoints == 0 ? 0 : (double) nullWindows / windowsWithPoints; }
    }

    /** Per archive, finest first; {@code evaluated} may be shorter than the archive list; arrivals from t=0 to the horizon. */
    record Result(List<ArchiveOutcome> evaluated, int archives, long horizonSeconds) {
        /** The first rollup archive with null windows, or -1. */
        int firstNullArchive() {
            for (int k = 1; k < evaluated.size(); k++) if (evaluated.get(k).nullWindows() > 0) return k;
            return -1;
        }
        /** The lowest known fraction seen in any rollup window that had points (NaN without rollups). */
        double minKnownFraction() {
            double m = Double.NaN;
            for (int k = 1; k < evaluated.size(); k++) {
                double f = evaluated.get(k).minKnownFraction();
                if (!Double.isNaN(f)) m = Double.isNaN(m) ? f : Math.min(m, f);
            }
            return m;
        }
    }

    private WhisperRollup() { }

    /**
     * The xFilesFactor whisper compares with: its header stores a 32-bit float, so 0.1 becomes
     * 0.100000001 and 6 of 60 slots (0.1) are not enough.
     */
    static double storedXff(double xff) { return (double) (float) xff; }

    /** @param archives sorted finest first and valid for whisper; interval > 0 seconds */
    static Result simulate(List<Retention.Archive> archives, double xff, double interval) {
        if (!(interval > 0) || Double.isInfinite(interval)) throw new IllegalArgumentException("interval must be > 0");
        xff = storedXff(xff);
        long p0 = archives.get(0).secondsPerPoint();
        // how many archives fit the slot budget with at least MIN_WINDOWS windows each
        int k = archives.size();
        while (k > 1 && (double) MIN_WINDOWS * archives.get(k - 1).secondsPerPoint() / p0 > MAX_SIM_SLOTS) k--;
        long top = archives.get(k - 1).secondsPerPoint();
        // at least WINDOWS coarse windows and MIN_ARRIVALS arrivals, within the slot budget
        long wanted = Math.max(WINDOWS, (long) Math.ceil(MIN_ARRIVALS * interval / top));
        long windows = Math.max(MIN_WINDOWS, Math.min(wanted, (long) MAX_SIM_SLOTS * p0 / top));
        int slots = (int) (windows * top / p0);
        long horizon = windows * top;

        boolean[] known = new boolean[slots];    // archive 0: a slot is known when a point lands in it
        if (interval <= p0) java.util.Arrays.fill(known, true); // every slot gets a point; skip the loop
        else for (long j = 0; ; j++) {
            long t = (long) Math.floor(j * interval);
            if (t >= horizon) break;
            known[(int) (t / p0)] = true;
        }
        boolean[] hasPoint = known.clone();

        List<ArchiveOutcome> out = new ArrayList<>(k);
        int filled0 = 0;
        for (boolean b : known) if (b) filled0++;
        out.add(new ArchiveOutcome(p0, filled0, 0, Double.NaN, Double.NaN, (double) filled0 / slots));
        for (int a = 1; a < k; a++) {
            int m = (int) (archives.get(a).secondsPerPoint() / archives.get(a - 1).secondsPerPoint());
            int n = known.length / m;
            boolean[] nextKnown = new boolean[n], nextHas = new boolean[n];
            long withPoints = 0, nulls = 0, filled = 0;
            double minFrac = Double.NaN, sumFrac = 0;
            for (int w = 0; w < n; w++) {
                int cnt = 0;
                boolean any = false;
                for (int i = w * m; i < (w + 1) * m; i++) {
                    if (known[i]) cnt++;
                    any |= hasPoint[i];
                }
                double frac = (double) cnt / (double) m;          // whisper: float(known) / float(total)
                nextKnown[w] = cnt > 0 && frac >= xff;
                nextHas[w] = any;
                if (nextKnown[w]) filled++;
                if (any) {
                    withPoints++;
                    sumFrac += frac;
                    minFrac = Double.isNaN(minFrac) ? frac : Math.min(minFrac, frac);
                    if (!nextKnown[w]) nulls++;
                }
            }
            out.add(new ArchiveOutcome(archives.get(a).secondsPerPoint(), withPoints, nulls, minFrac,
                    withPoints == 0 ? Double.NaN : sumFrac / withPoints, n == 0 ? 0 : (double) filled / n));
            known = nextKnown;
            hasPoint = nextHas;
        }
        return new Result(List.copyOf(out), archives.size(), horizon);
    }
}
