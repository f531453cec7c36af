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

    static io.metricsniff.record.MetricRecord withSchemas(double ts) {
        byte[] raw = ("a.b 1 " + (long) ts).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        io.metricsniff.record.MetricRecord r = new io.metricsniff.record.MetricRecord(NOW, ProfileTableTest.A, ProfileTableTest.B,
                io.metricsniff.record.Transport.TCP, io.metricsniff.record.Protocol.GRAPHITE, raw, raw.length)
                .path("a.b").timestamp(ts);
        new TimingRule(MIN, MIN, false, path -> 86_400L).judge(r); // one day of retention
        return r;
    }

    @Test
    void withSchemasALatePointInsideTheRetentionIsStoredAndNoted() {
        io.metricsniff.record.MetricRecord r = withSchemas(1_700_000_000 - 3600);
        assertEquals(Verdict.OK, r.verdict());
        assertEquals("late", r.problems().get(0).code());
        String m = r.problems().get(0).message();
        org.junit.jupiter.api.Assertions.assertTrue(m.startsWith("stored:") && m.contains("off by 1h"), m);
    }

    @Test
    void withSchemasAPointOlderThanTheRetentionIsDropped() {
        io.metricsniff.record.MetricRecord r = withSchemas(1_700_000_000 - 86_401);
        assertEquals(Verdict.MALFORMED, r.verdict());
        org.junit.jupiter.api.Assertions.assertTrue(r.problems().get(0).message().startsWith("dropped:"), r.problems().get(0).message());
    }

    @Test
    void withSchemasAFuturePointIsStoredWithoutThemTheAssumptionIsSaid() {
        io.metricsniff.record.MetricRecord r = withSchemas(1_700_000_000 + 3600);
        assertEquals(Verdict.OK, r.verdict());
        assertEquals("future", r.problems().get(0).code());
        io.metricsniff.record.MetricRecord plain = new io.metricsniff.record.MetricRecord(NOW, ProfileTableTest.A, ProfileTableTest.B,
                io.metricsniff.record.Transport.TCP, io.metricsniff.record.Protocol.GRAPHITE, new byte[0], 0).timestamp(1_700_000_000 - 3600);
        new TimingRule(MIN, MIN, false).judge(plain);
        assertEquals(Verdict.LATE, plain.verdict());
        org.junit.jupiter.api.Assertions.assertTrue(plain.problems().get(0).message().contains("without --schemas"), plain.problems().get(0).message());
    }
}
