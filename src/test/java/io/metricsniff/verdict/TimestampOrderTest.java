package io.metricsniff.verdict;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.paths.PathIndex;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problems;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimestampOrderTest {
    static final Endpoint EP = new Endpoint(new byte[] {127, 0, 0, 1}, 2003);

    static MetricRecord line(String path, long ts) {
        byte[] raw = (path + " 1 " + ts).getBytes(StandardCharsets.UTF_8);
        return new MetricRecord(ts * 1_000_000_000L, EP, EP, Transport.TCP, Protocol.GRAPHITE, raw, raw.length)
                .pathInRaw(0, path.length()).value(1).timestamp(ts);
    }

    /** The old table stopped at 200,000 paths; every path must be checked now. */
    @Test
    void pathsBeyond200kAreChecked() {
        TimestampOrder order = new TimestampOrder(new PathIndex(), "carbon-relay-ng", true);
        int n = 300_000;
        for (int i = 0; i < n; i++) order.check(line("dc.host" + i + ".load", 1_795_500_000L));
        for (int i = 0; i < n; i += 1000) {
            MetricRecord back = line("dc.host" + i + ".load", 1_795_499_990L);
            order.check(back);
            assertEquals(Verdict.MALFORMED, back.verdict(), "path " + i);
            assertEquals(Problems.TIMESTAMP_BACKWARDS, back.problems().get(0).code());
        }
        MetricRecord forward = line("dc.host299999.load", 1_795_500_010L);
        order.check(forward);
        assertTrue(forward.problems().isEmpty());
    }

    @Test
    void sampledOutPathsAreNotCheckedAndTheFractionSaysSo() {
        PathIndex index = new PathIndex(1000);
        TimestampOrder order = new TimestampOrder(index, "carbon", false);
        for (int i = 0; i < 5000; i++) order.check(line("p" + i, 100));
        int flagged = 0;
        for (int i = 0; i < 5000; i++) {
            MetricRecord r = line("p" + i, 50);
            order.check(r);
            if (!r.problems().isEmpty()) flagged++;
            assertEquals(Verdict.OK, r.verdict(), "carbon only notes it");
        }
        assertTrue(index.sampledFraction() <= 0.25, "fraction " + index.sampledFraction());
        assertEquals(index.size(), flagged, "exactly the sampled paths are checked");
    }

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
        TimestampOrder order = new TimestampOrder(new PathIndex(), "carbon-relay-ng", true);
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
}
