package io.metricsniff.verdict;

import io.metricsniff.record.Problems;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimestampOrderTest {
    static final Endpoint A = new Endpoint(new byte[] {127, 0, 0, 1}, 50000), B = new Endpoint(new byte[] {127, 0, 0, 1}, 2003);
    static final long NOW = 1_795_504_341L;

    static MetricRecord line(Judge judge, String text) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        MetricRecord r = new MetricRecord(NOW * 1_000_000_000L, A, B, Transport.TCP, Protocol.GRAPHITE, raw, raw.length);
        judge.judgeLine(r, Transport.TCP);
        return r;
    }

    static boolean backwards(MetricRecord r) {
        return r.problems().stream().anyMatch(p -> p.code().equals(Problems.TIMESTAMP_BACKWARDS));
    }

    /** carbon-relay-ng's validate_order is off by default (cfg/cfg.go NewConfig): every receiver only notes it. */
    @Test void aPointOlderThanTheNewestForItsPathIsANoteByDefault() {
        for (String receiver : new String[] {"carbon-relay-ng", "carbon", "go-carbon"}) {
            Judge j = new Judge(Receivers.byName(receiver), 3600_000_000_000L, 3600_000_000_000L);
            assertTrue(!backwards(line(j, "a.b 1 " + (NOW - 10))), receiver);
            assertTrue(!backwards(line(j, "a.b 1 " + NOW)), receiver);
            assertTrue(!backwards(line(j, "a.c 1 " + (NOW - 20))), "other paths have their own clock: " + receiver);
            assertTrue(!backwards(line(j, "a.b 1 " + NOW)), "the same timestamp again is not backwards: " + receiver);
            MetricRecord back = line(j, "a.b 1 " + (NOW - 5));
            assertTrue(backwards(back), receiver);
            assertEquals(Verdict.OK, back.verdict(), receiver);
        }
    }

    @Test void withValidateOrderOnTheOlderPointIsDropped() {
        TimestampOrder order = new TimestampOrder("carbon-relay-ng", true);
        ReceiverProfile ng = Receivers.byName("carbon-relay-ng");
        MetricRecord[] recs = new MetricRecord[2];
        long[] ts = {NOW, NOW - 5};
        for (int i = 0; i < 2; i++) {
            byte[] raw = ("a.b 1 " + ts[i]).getBytes(StandardCharsets.UTF_8);
            recs[i] = new MetricRecord(NOW * 1_000_000_000L, A, B, Transport.TCP, Protocol.GRAPHITE, raw, raw.length);
            ng.judgeLine(recs[i], Transport.TCP);
            order.check(recs[i]);
        }
        assertEquals(Verdict.OK, recs[0].verdict());
        assertEquals(Verdict.MALFORMED, recs[1].verdict());
        assertTrue(backwards(recs[1]));
    }

    @Test void theTableIsBounded() {
        TimestampOrder order = new TimestampOrder("carbon", false);
        ReceiverProfile carbon = Receivers.byName("carbon");
        for (int i = 0; i < TimestampOrder.MAX_PATHS + 10; i++) {
            byte[] raw = ("p" + i + " 1 " + NOW).getBytes(StandardCharsets.UTF_8);
            MetricRecord r = new MetricRecord(NOW * 1_000_000_000L, A, B, Transport.TCP, Protocol.GRAPHITE, raw, raw.length);
            carbon.judgeLine(r, Transport.TCP);
            order.check(r);
        }
        assertEquals(10, order.untracked());
    }
}
