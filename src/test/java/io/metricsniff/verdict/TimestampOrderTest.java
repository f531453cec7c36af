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
}
