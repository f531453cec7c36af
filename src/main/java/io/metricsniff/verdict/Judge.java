package io.metricsniff.verdict;

import io.metricsniff.paths.PathIndex;
import io.metricsniff.paths.PathSequence;
import io.metricsniff.reassembly.EndReason;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problems;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;

/**
 * The only entry point for verdicts: the chosen receiver's rules, then the timing rule and the
 * per-path order, for every kind of record (complete, unterminated and after-close lines,
 * datapoints, StatsD lines with a timestamp). Framers never call it: judging consumers do.
 */
public final class Judge {
    private final ReceiverProfile profile;
    private final TimingRule timing;
    private final TimestampOrder order;
    private final PathIndex paths;

    /** With a path index of its own (tests, and runs that share it with nothing). */
    public Judge(ReceiverProfile profile, long lateNanos, long futureNanos) {
        this(profile, lateNanos, futureNanos, null, new PathIndex());
    }

    /** {@code paths}: the run's path index, shared with the per-path statistics. */
    public Judge(ReceiverProfile profile, long lateNanos, long futureNanos, PathIndex paths) {
        this(profile, lateNanos, futureNanos, null, paths);
    }

    /** With --schemas: {@code longestRetention} gives a path's longest retention in seconds. */
    public Judge(ReceiverProfile profile, long lateNanos, long futureNanos, java.util.function.ToLongFunction<String> longestRetention) {
        this(profile, lateNanos, futureNanos, longestRetention, new PathIndex());
    }

    /**
     * @param longestRetention a path's longest retention in seconds (its storage schema); null without --schemas
     * @param paths            the run's path index, shared with the per-path statistics
     */
    public Judge(ReceiverProfile profile, long lateNanos, long futureNanos,
                 java.util.function.ToLongFunction<String> longestRetention, PathIndex paths) {
        this.profile = profile;
        this.timing = new TimingRule(lateNanos, futureNanos, profile.minusOneIsNow(), longestRetention);
        this.order = new TimestampOrder(paths, profile.name(), profile.dropsBackwardTimestamps());
        this.paths = paths;
    }

    /** A new stream's order of paths: its records' path ids are looked up faster (see PathSequence). */
    public PathSequence pathSequence() { return paths.sequence(); }

    /** The receiver's name, for messages that name it. */
    public String receiver() { return profile.name(); }

    /** @return true when the receiver closes the connection on this line (see ReceiverProfile) */
    public boolean judgeLine(MetricRecord rec, Transport transport) {
        boolean kills = profile.judgeLine(rec, transport);
        timing.judge(rec);
        order.check(rec);
        return kills;
    }

    /**
     * A line the sender wrote after the line on which the receiver closed the connection: read
     * for its fields, then lost ({@code killer} names the closing line).
     */
    public void judgeLostLine(MetricRecord rec, String killer) {
        profile.judgeLine(rec, Transport.TCP);
        rec.flag(Verdict.MALFORMED, Problems.lostAfterClose(profile.name(), killer));
    }

    /**
     * The last line of a TCP direction, without its newline. Lost after a close ({@code killer}
     * not null); read by a receiver that reads it at a FIN; otherwise dropped.
     */
    public void judgeUnterminated(MetricRecord rec, EndReason reason, String killer) {
        profile.judgeLine(rec, Transport.TCP); // timing after the close verdict, so it is not noise
        String receiver = profile.name();
        if (killer != null) {
            rec.flag(Verdict.MALFORMED, Problems.lostAfterClose(receiver, killer));
        } else if (reason == EndReason.FIN && profile.readsLastLineAtClose()) {
            rec.note(Problems.unterminated("fin", receiver, true));
        } else {
            rec.flag(Verdict.MALFORMED, Problems.unterminated(reason.name().toLowerCase(), receiver, false));
        }
        timing.judge(rec);
    }

    /** @return true when the receiver closes the connection on this datapoint */
    public boolean judgeDatapoint(MetricRecord rec) {
        boolean kills = profile.judgeDatapoint(rec);
        timing.judge(rec);
        order.check(rec);
        return kills;
    }

    /**
     * A Riemann event: one without a metric is a note (Riemann's graphite output never forwards
     * it: not a drop); the rest are timed. Riemann accepts any event that parsed.
     */
    public void judgeEvent(MetricRecord rec) {
        if (rec.hasValue()) timing.judge(rec);
        else rec.note(Problems.riemannNoMetric());
    }

    /** Timing alone, for records whose syntax another rule judged (StatsD with a timestamp). */
    public void judgeTiming(MetricRecord rec) { timing.judge(rec); } // StatsD aggregates: order is moot
}
