package io.metricsniff.verdict;

import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimingRuleTest {
    static final long NOW = 1_700_000_000L * 1_000_000_000L;
    static final long MIN = 60_000_000_000L;

    static Verdict judge(boolean minusOneIsNow, double ts) {
        MetricRecord r = new MetricRecord(NOW, ProfileTableTest.A, ProfileTableTest.B,
                io.metricsniff.record.Transport.TCP, io.metricsniff.record.Protocol.GRAPHITE, new byte[0], 0)
                .timestamp(ts);
        new TimingRule(MIN, MIN, minusOneIsNow).judge(r);
        return r.verdict();
    }

    @Test
    void lateAndFutureAroundTheLimits() {
        assertEquals(Verdict.OK, judge(true, 1_700_000_000 - 60));
        assertEquals(Verdict.LATE, judge(true, 1_700_000_000 - 61));
        assertEquals(Verdict.OK, judge(true, 1_700_000_000 + 60));
        assertEquals(Verdict.FUTURE, judge(true, 1_700_000_000 + 61));
    }

    @Test
    void minusOneIsNowOnlyWhereTheReceiverSaysSo() {
        assertEquals(Verdict.OK, judge(true, -1));
        assertEquals(Verdict.OK, judge(true, -1.7));   // int(-1.7) == -1
        assertEquals(Verdict.LATE, judge(false, -1));  // go-carbon: 1969
        assertEquals(Verdict.LATE, judge(true, -2));
    }
}
