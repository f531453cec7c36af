package io.metricsniff.replay;

import io.metricsniff.testutil.Oracle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metricsniff.replay.Replay.Rec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * captures/graphite-udp.pcap: plaintext datagrams to carbon-cache's UDP listener (2003/udp):
 * several lines per datagram, CR, CRLF, form feed and other splitlines() separators, bad lines,
 * NaN, late/future points, and a datagram over carbon's 8192-byte read.
 */
class GraphiteUdpCaptureTest {
    private static final String NAME = "graphite-udp";
    private static final Set<String> ACCEPTED = Set.of("ok", "late", "future");
    private static List<Rec> udp;

    @BeforeAll
    static void replay() {
        udp = Replay.of(NAME).to("graphite", 2003);
        assertFalse(udp.isEmpty());
        for (Rec r : udp) {
            assertEquals("udp", r.str("transport"), r::toString);
        }
    }

    @Test
    void linesCarbonLoggedInvalidAreMalformed() {
        List<String> invalid = Oracle.carbonInvalid(Oracle.capture(NAME), "carbon-cache");
        assertFalse(invalid.isEmpty());
        for (String text : invalid) {
            long logged = invalid.stream().filter(text::equals).count();
            // raw is the line as sent; carbon logs what is left of a line its 8192-byte read cut
            List<Rec> same = udp.stream().filter(r -> io.metricsniff.testutil.Python.pyStrip(r.raw()).equals(text)
                    || r.problemCodes().contains("udp-truncated") && r.raw().startsWith(text)).toList();
            assertTrue(same.size() >= logged,
                    () -> "carbon logged [" + text + "] " + logged + " times, records: " + same);
            for (Rec r : same) {
                assertEquals("malformed", r.verdict(), () -> "carbon logged it invalid: " + r);
            }
        }
    }

    @Test
    void storedPointsAreAccepted() {
        List<Oracle.Stored> stored = Oracle.stored(Oracle.capture(NAME));
        assertFalse(stored.isEmpty());
        for (Oracle.Stored s : stored) {
            // Same path and the stored second; `-1` means "receive time" to carbon.
            List<Rec> same = udp.stream()
                    .filter(r -> s.path().equals(r.path()) && r.timestamp() != null
                            && (Math.floor(r.timestamp()) == s.timestamp() || r.timestamp() == -1))
                    .toList();
            assertFalse(same.isEmpty(), () -> "stored point without a record: " + s);
            for (Rec r : same) {
                assertTrue(ACCEPTED.contains(r.verdict()), () -> "whisper stored " + s + " but: " + r);
                if (Double.isFinite(s.value()) && r.value() != null) {
                    assertEquals(s.value(), r.value(), 0.0, r::toString);
                }
            }
        }
    }

    @Test
    void latenessGoesByCaptureTime() {
        assertEquals("late", only("lab.udp.late").verdict());
        assertEquals("future", only("lab.udp.future").verdict());
        assertEquals("ok", only("lab.udp.single").verdict());
    }

    @Test
    void nanIsMalformed() {
        for (String path : List.of("lab.udp.nan", "lab.udp.nanupper")) {
            Rec r = only(path);
            assertEquals("malformed", r.verdict(), r::toString);
            assertTrue(r.problemCodes().contains("nan-value"), r::toString);
        }
    }

    @Test
    void splitlinesSeparatorsMakeSeparateLines() {
        // carbon's UDP listener splits on \r, \x0b, \x0c, \x1c, U+0085, U+2028 too; whisper
        // stored both halves of each, so both must be separate ok records.
        for (String kind : List.of("cr", "crlf", "ff", "vt", "fs", "nel", "ls")) {
            assertEquals("ok", only("lab.udp." + kind + ".a").verdict(), kind);
            assertEquals("ok", only("lab.udp." + kind + ".b").verdict(), kind);
        }
    }

    private static Rec only(String path) {
        List<Rec> l = udp.stream().filter(r -> path.equals(r.path())).toList();
        assertEquals(1, l.size(), () -> "records with path " + path + ": " + l);
        return l.get(0);
    }
}
