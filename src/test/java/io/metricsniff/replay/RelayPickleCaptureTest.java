package io.metricsniff.replay;

import io.metricsniff.testutil.Oracle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metricsniff.replay.Replay.Rec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * captures/relay-pickle.pcap: plaintext lines into carbon-relay (TCP 2013), which forwards the
 * valid ones as pickle frames to carbon-cache (TCP 2004). The relay's own log says which lines
 * it rejected; whisper says what arrived.
 */
class RelayPickleCaptureTest {
    private static final String NAME = "relay-pickle";
    private static Replay replay;
    private static List<Rec> plaintext;
    private static List<Rec> pickle;

    @BeforeAll
    static void replay() {
        replay = Replay.of(NAME);
        plaintext = replay.to("graphite", 2013);
        pickle = replay.to("pickle", 2004);
        assertFalse(plaintext.isEmpty(), "plaintext records to 2013");
        assertFalse(pickle.isEmpty(), "pickle records to 2004");
    }

    private static String key(String path, double value, double timestamp) {
        return path + " " + value + " " + timestamp;
    }

    @Test
    void everyPickleDatapointIsAPlaintextLineTheRelayAccepted() {
        Map<String, Integer> accepted = new HashMap<>();
        for (Rec r : plaintext) {
            if ("ok".equals(r.verdict())) {
                accepted.merge(key(r.path(), r.value(), r.timestamp()), 1, Integer::sum);
            }
        }
        for (Rec p : pickle) {
            assertEquals("ok", p.verdict(), () -> "pickle datapoint " + p);
            assertEquals("tcp", p.str("transport"));
            assertNotNull(p.value(), () -> "value of " + p);
            assertNotNull(p.timestamp(), () -> "timestamp of " + p);
            String k = key(p.path(), p.value(), p.timestamp());
            Integer n = accepted.get(k);
            assertTrue(n != null && n > 0, () -> "pickle datapoint without its plaintext line: " + p);
            accepted.put(k, n - 1);
        }
        // The relay forwards every valid, non-NaN line: nothing accepted is left over.
        accepted.values().removeIf(n -> n == 0);
        assertTrue(accepted.isEmpty(), () -> "ok plaintext lines never forwarded: " + accepted);
    }

    @Test
    void linesTheRelayLoggedInvalidAreMalformed() {
        List<String> invalid = Oracle.carbonInvalid(Oracle.capture(NAME), "carbon-relay");
        assertFalse(invalid.isEmpty(), "the recording logged invalid lines");
        for (String text : invalid) {
            List<Rec> same = plaintext.stream().filter(r -> io.metricsniff.testutil.Python.pyStrip(r.raw()).equals(text)).toList();
            assertFalse(same.isEmpty(), () -> "no record for logged invalid line [" + text + "]");
            for (Rec r : same) {
                assertEquals("malformed", r.verdict(), () -> "relay logged it invalid: " + r);
            }
        }
    }

    @Test
    void nanLinesAreMalformedAndNotForwarded() {
        List<Rec> nan = plaintext.stream().filter(r -> r.raw().startsWith("lab.relay.nan")).toList();
        assertEquals(2, nan.size(), "nan and NaN lines");
        for (Rec r : nan) {
            assertEquals("malformed", r.verdict(), r::toString);
            assertTrue(r.problemCodes().contains("nan-value"), r::toString);
            assertTrue(pickle.stream().noneMatch(p -> p.path().equals(r.path())), "NaN is not forwarded");
        }
    }

    @Test
    void everyStoredPointArrivedAsAnOkPickleDatapoint() {
        List<Oracle.Stored> stored = Oracle.stored(Oracle.capture(NAME));
        assertFalse(stored.isEmpty());
        Map<String, Rec> byPathTime = new HashMap<>();
        for (Rec p : pickle) {
            byPathTime.put(p.path() + " " + p.timestamp().longValue(), p);
        }
        for (Oracle.Stored s : stored) {
            Rec p = byPathTime.get(s.path() + " " + s.timestamp());
            assertNotNull(p, () -> "stored point without a pickle datapoint: " + s);
            assertEquals("ok", p.verdict(), p::toString);
            assertEquals(s.value(), p.value(), 0.0, p::toString);
        }
        assertEquals(stored.size(), pickle.size(), "every forwarded datapoint has its own whisper slot");
    }

    @Test
    void summaryCountsTheRecords() {
        assertEquals((double) replay.metrics.size(), replay.summary.get("metrics"));
        assertEquals(0.0, replay.summary.get("gaps"));
    }
}
