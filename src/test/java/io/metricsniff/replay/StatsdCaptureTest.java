package io.metricsniff.replay;

import io.metricsniff.testutil.Oracle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metricsniff.replay.Replay.Rec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * captures/statsd.pcap: StatsD datagrams into the statsd daemon (UDP 8125), which logged its
 * bad lines, and statsd's flushes to carbon-cache (TCP 2003, a new connection per flush).
 */
class StatsdCaptureTest {
    private static final String NAME = "statsd";
    private static List<Rec> statsd;
    private static List<Rec> flushes;

    @BeforeAll
    static void replay() {
        Replay r = Replay.of(NAME);
        statsd = r.to("statsd", 8125);
        flushes = r.to("graphite", 2003);
        assertFalse(statsd.isEmpty(), "statsd records to 8125");
        assertFalse(flushes.isEmpty(), "graphite records to 2003");
    }

    @Test
    void badLinesStatsdLoggedAreMalformedTheRestOk() {
        Set<String> bad = new HashSet<>(Oracle.statsdBad(Oracle.capture(NAME)));
        assertFalse(bad.isEmpty());
        Set<String> seenBad = new HashSet<>();
        for (Rec r : statsd) {
            assertEquals("udp", r.str("transport"), r::toString);
            if (r.raw().isEmpty()) {
                continue;   // statsd skips empty lines without a word
            }
            if (bad.contains(r.raw())) {
                seenBad.add(r.raw());
                assertEquals("malformed", r.verdict(), () -> "statsd logged a bad line: " + r);
            } else {
                assertEquals("ok", r.verdict(), () -> "statsd took it: " + r);
            }
        }
        assertEquals(bad, seenBad, "every bad line statsd logged is in the capture");
    }

    @Test
    void everyLineStatsdReceivedIsOneRecord() {
        // dumpMessages: statsd logged each non-empty line it received as "DEBUG: LINE".
        Map<String, Integer> dumped = new HashMap<>();
        for (String line : Oracle.beside(Oracle.capture(NAME), ".statsd.log")) {
            int at = line.indexOf(" - DEBUG: ");
            if (at < 0) {
                continue;
            }
            String text = line.substring(at + " - DEBUG: ".length());
            // The rest of DEBUG is statsd talking about itself (debug: true).
            if (!text.startsWith("Bad line: ") && !text.startsWith("Loading ")
                    && !text.startsWith("numStats: ")) {
                dumped.merge(text, 1, Integer::sum);
            }
        }
        assertFalse(dumped.isEmpty());
        Map<String, Integer> recorded = new HashMap<>();
        for (Rec r : statsd) {
            if (!r.raw().isEmpty()) {
                recorded.merge(r.raw(), 1, Integer::sum);
            }
        }
        assertEquals(dumped, recorded);
    }

    @Test
    void goodLinesCarryTypeAndRate() {
        Rec hits = statsd.stream().filter(r -> "lab.sd.hits:3|c|@0.5".equals(r.raw())).findFirst().orElseThrow();
        assertEquals("c", hits.str("statsd_type"));
        assertEquals(0.5, (Double) hits.o().get("sample_rate"), 0.0);
        assertEquals("lab.sd.hits", hits.path());
        assertEquals(3.0, hits.value(), 0.0);
        Rec timer = statsd.stream().filter(r -> "lab.sd.latency:320|ms".equals(r.raw())).findFirst().orElseThrow();
        assertEquals("ms", timer.str("statsd_type"));
    }

    @Test
    void flushesToCarbonAreOkGraphite() {
        boolean stats = false;
        boolean counts = false;
        Set<String> connections = new HashSet<>();
        for (Rec r : flushes) {
            assertEquals("tcp", r.str("transport"), r::toString);
            assertEquals("ok", r.verdict(), () -> "carbon stored statsd's flush line: " + r);
            stats |= r.path().startsWith("stats.");
            counts |= r.path().startsWith("stats_counts.");
            connections.add(r.str("src"));
        }
        assertTrue(stats && counts, "stats.* and stats_counts.* lines");
        // statsd opens a new connection per flush; carbon logged each one.
        long established = Oracle.carbonLog(Oracle.capture(NAME)).stream()
                .filter(l -> l.contains("MetricLineReceiver connection with") && l.endsWith("established"))
                .count();
        assertEquals(established, connections.size(), "one connection per flush");
        assertTrue(Oracle.carbonInvalid(Oracle.capture(NAME), "carbon-cache").isEmpty(), "carbon rejected no flush line");
    }

    @Test
    void everyStoredPointIsAnOkFlushLine() {
        List<Oracle.Stored> stored = Oracle.stored(Oracle.capture(NAME));
        assertFalse(stored.isEmpty());
        for (Oracle.Stored s : stored) {
            Rec r = flushes.stream()
                    .filter(f -> s.path().equals(f.path()) && f.timestamp() != null
                            && f.timestamp().longValue() == s.timestamp())
                    .reduce((a, b) -> b).orElse(null);   // whisper keeps the last of duplicates
            assertNotNull(r, () -> "stored point without a flush line: " + s);
            assertEquals("ok", r.verdict(), r::toString);
            assertEquals(s.value(), r.value(), 1e-9 * Math.max(1, Math.abs(s.value())), r::toString);
        }
    }
}
