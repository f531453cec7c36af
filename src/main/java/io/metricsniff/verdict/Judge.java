package io.metricsniff.verdict;

import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Transport;

/** The chosen receiver's rules followed by the timing rule: the whole verdict for one record. */
public final class Judge {
    private final ReceiverProfile profile;
    private final TimingRule timing;
    private final TimestampOrder order;

    public Judge(ReceiverProfile profile, long lateNanos, long futureNanos) {
        this.profile = profile;
        this.timing = new TimingRule(lateNanos, futureNanos, profile.minusOneIsNow());
        this.order = new TimestampOrder(profile.name(), profile.dropsBackwardTimestamps());
    }

    public ReceiverProfile profile() { return profile; }

    /** @return true when the receiver closes the connection on this line (see ReceiverProfile) */
    public boolean judgeLine(MetricRecord rec, Transport transport) {
        boolean kills = profile.judgeLine(rec, transport);
        timing.judge(rec);
        order.check(rec);
        return kills;
    }

    /** @return true when the receiver closes the connection on this datapoint */
    public boolean judgeDatapoint(MetricRecord rec) {
        boolean kills = profile.judgeDatapoint(rec);
        timing.judge(rec);
        order.check(rec);
        return kills;
    }

    /** Timing alone, for records whose syntax another rule judged (StatsD with a timestamp). */
    public void judgeTiming(MetricRecord rec) { timing.judge(rec); } // StatsD aggregates: order is moot
}
