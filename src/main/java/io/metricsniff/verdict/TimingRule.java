package io.metricsniff.verdict;

import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problems;
import io.metricsniff.record.Verdict;

import java.util.function.ToLongFunction;

/**
 * {@code --late} / {@code --future}: how far a metric timestamp may trail or lead the capture time
 * of the packet that completed it, and what the receiver keeps of such a point. With
 * {@code --schemas}, whisper decides: a point inside its path's longest retention is stored (a note
 * says by how much the clock is off; the verdict stays ok), an older one is dropped silently
 * (malformed for that receiver); a future point goes into the finest archive (stored, noted).
 * Without {@code --schemas} it is late or future, and the message says what is assumed.
 * Malformed records are left alone: their verdict is settled.
 */
public final class TimingRule {
    private final long lateNanos;
    private final long futureNanos;
    private final boolean minusOneIsNow;
    /** Seconds of a path's longest retention (its storage schema); null without --schemas. */
    private final ToLongFunction<String> longestRetention;

    public TimingRule(long lateNanos, long futureNanos, boolean minusOneIsNow) {
        this(lateNanos, futureNanos, minusOneIsNow, null);
    }

    public TimingRule(long lateNanos, long futureNanos, boolean minusOneIsNow, ToLongFunction<String> longestRetention) {
        this.lateNanos = lateNanos;
        this.futureNanos = futureNanos;
        this.minusOneIsNow = minusOneIsNow;
        this.longestRetention = longestRetention;
    }

    public void judge(MetricRecord rec) {
        if (!rec.hasTimestamp() || rec.verdict() == Verdict.MALFORMED) return;
        double ts = rec.timestamp();
        if (Double.isNaN(ts) || Double.isInfinite(ts)) return; // a profile has judged these
        if (minusOneIsNow && (long) ts == -1) return;           // the receiver substitutes its clock
        double lagSeconds = rec.timeNanos() / 1e9 - ts;          // positive: the metric is behind
        if (lagSeconds * 1e9 > lateNanos) {
            late(rec, lagSeconds);
        } else if (-lagSeconds * 1e9 > futureNanos) {
            if (longestRetention == null) rec.flag(Verdict.FUTURE, Problems.timing(false, -lagSeconds, futureNanos / 1e9));
            else rec.note(Problems.timingStored(false, -lagSeconds, futureNanos / 1e9, 0)); // whisper takes future points
        }
    }

    private void late(MetricRecord rec, double lagSeconds) {
        if (longestRetention == null || !rec.hasPath()) {
            rec.flag(Verdict.LATE, Problems.timing(true, lagSeconds, lateNanos / 1e9));
            return;
        }
        long keep = longestRetention.applyAsLong(rec.path());
        if (lagSeconds <= keep) rec.note(Problems.timingStored(true, lagSeconds, lateNanos / 1e9, keep));
        else rec.flag(Verdict.MALFORMED, Problems.olderThanRetention(lagSeconds, keep));
    }
}
