package io.metricsniff.verdict;

import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problems;
import io.metricsniff.record.Verdict;

/**
 * {@code --late} / {@code --future}: how far a metric timestamp may trail or lead the capture time
 * of the packet that completed it. Malformed records are left alone: their verdict is settled.
 */
public final class TimingRule {
    private final long lateNanos;
    private final long futureNanos;
    private final boolean minusOneIsNow;

    public TimingRule(long lateNanos, long futureNanos, boolean minusOneIsNow) {
        this.lateNanos = lateNanos;
        this.futureNanos = futureNanos;
        this.minusOneIsNow = minusOneIsNow;
    }

    public void judge(MetricRecord rec) {
        if (!rec.hasTimestamp() || rec.verdict() == Verdict.MALFORMED) return;
        double ts = rec.timestamp();
        if (Double.isNaN(ts) || Double.isInfinite(ts)) return; // a profile has judged these
        if (minusOneIsNow && (long) ts == -1) return;           // the receiver substitutes its clock
        double lagSeconds = rec.timeNanos() / 1e9 - ts;          // positive: the metric is behind
        if (lagSeconds * 1e9 > lateNanos) {
            rec.flag(Verdict.LATE, Problems.timing(true, lagSeconds, lateNanos / 1e9));
        } else if (-lagSeconds * 1e9 > futureNanos) {
            rec.flag(Verdict.FUTURE, Problems.timing(false, -lagSeconds, futureNanos / 1e9));
        }
    }
}
