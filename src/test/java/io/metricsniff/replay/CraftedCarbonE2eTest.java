package io.metricsniff.replay;

import io.metricsniff.testutil.CliRunner;
import io.metricsniff.testutil.Oracle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.metricsniff.testutil.Oracle.normalisePath;
import static io.metricsniff.testutil.Python.pyRepr;
import static io.metricsniff.testutil.Python.pyStrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays captures/crafted-carbon.pcap (scripts/send-lines.py against a real carbon-cache) and
 * holds metricsniff's verdicts against what carbon itself logged and stored. Lines the sender
 * expects a problem for are named {@code lab.expect.<code>.<what>}; good ones {@code lab.ok.*}.
 */
class CraftedCarbonE2eTest {
    static final Path CAPTURE = Path.of("captures/crafted-carbon.pcap");
    static final String EXPECT = "lab.expect.";
    /** Lines carbon drops and the killers it chokes on: every one must be reported malformed. */
    static final Set<String> MALFORMED_CODES = Set.of("field-count", "bad-value", "bad-timestamp", "killer-timestamp", "empty-line",
            "nan-value", "line-too-long", "invalid-utf8", "unterminated", "lost-after-close");

    static CliRunner run;
    static Oracle.Carbon carbon;
    static List<Map<String, Object>> metrics;

    @BeforeAll
    static void replay() throws Exception {
        run = CliRunner.json(CAPTURE.toString());
        carbon = Oracle.carbon(CAPTURE);
        metrics = run.metrics();
    }

    @Test
    void runsCleanlyAndSummaryAddsUp() {
        assertEquals(0, run.exit(), "exit status; stderr: " + run.err());
        run.assertNoStackTrace();
        run.summaryOfMetrics();
        assertEquals(0, CliRunner.num(run.summaryOfMetrics(), "gaps"), "the capture is complete");
        for (Map<String, Object> m : metrics) {
            assertEquals("graphite", m.get("protocol"));
            assertEquals("tcp", m.get("transport"));
            assertEquals("127.0.0.1:2003", m.get("dst"));
        }
    }

    @Test
    void everyLineCarbonLoggedAsInvalidIsMalformedWithTheRightCode() {
        assertFalse(carbon.invalid().isEmpty(), "the oracle has invalid lines");
        for (Oracle.Invalid inv : carbon.invalid()) {
            Map<String, Object> m = find(r -> inv.client().equals(r.get("src"))
                    && inv.repr().equals(pyRepr(pyStrip(raw(r)))), "carbon's invalid line [" + inv.repr() + "]");
            assertEquals("malformed", m.get("verdict"), m.toString());
            String want = inv.repr().isEmpty() ? "empty-line" : expectedCode(raw(m));
            assertTrue(CliRunner.codes(m).contains(want), "want " + want + ": " + m);
        }
    }

    @Test
    void everyPointCarbonStoredIsReportedAsDelivered() {
        assertFalse(carbon.stored().isEmpty());
        for (Oracle.Stored s : carbon.stored()) {
            Map<String, Object> m = find(r -> r.get("path") != null
                    && normalisePath((String) r.get("path")).equals(s.path()), "stored path " + s.path());
            String v = (String) m.get("verdict");
            assertTrue(Set.of("ok", "late", "future").contains(v), "carbon stored it, verdict " + v + ": " + m);
            if (s.path().startsWith("lab.late.")) assertEquals("late", v, m.toString());
            if (s.path().startsWith("lab.future.")) assertEquals("future", v, m.toString());
            if (s.path().startsWith("lab.ok.")) assertEquals("ok", v, m.toString());
            if (!Double.isNaN(s.value()) && m.get("value") instanceof Double d) {
                assertEquals(s.value(), d, 1e-9, "value of " + s.path());
            }
        }
    }

    @Test
    void everyGoodLineIsOkAndEveryExpectedProblemIsReported() {
        int expected = 0;
        for (Map<String, Object> m : metrics) {
            String raw = raw(m);
            if (raw.startsWith("lab.ok.") || pyStrip(raw).startsWith("lab.ok.")) {
                assertEquals("ok", m.get("verdict"), m.toString());
                continue;
            }
            if (!raw.startsWith(EXPECT)) continue;
            expected++;
            String code = expectedCode(raw);
            assertTrue(CliRunner.codes(m).contains(code), "want " + code + ": " + m);
            if (MALFORMED_CODES.contains(code)) assertEquals("malformed", m.get("verdict"), m.toString());
            // carbon could not write it (whisper's 32-bit time field): never "ok", whatever the verdict
            if (code.equals("ms-timestamp")) assertNotEquals("ok", m.get("verdict"), m.toString());
        }
        assertEquals(29, expected, "expect-lines scripts/send-lines.py sends (12 mixed, 4 killers, 12 lost, 1 unterminated)");
    }

    @Test
    void nanValuesAreMalformedAndCarbonStoredNone() {
        List<Map<String, Object>> nan = withRawPrefix("lab.expect.nan-value.");
        assertEquals(2, nan.size(), "nan and NaN lines");
        for (Map<String, Object> m : nan) {
            assertEquals("malformed", m.get("verdict"));
            assertTrue(CliRunner.codes(m).contains("nan-value"), m.toString());
        }
        assertTrue(carbon.stored().stream().noneMatch(s -> s.path().contains("nan-value")));
        assertTrue(carbon.log().stream().noneMatch(l -> l.contains("nan-value")), "carbon drops NaN without a word");
    }

    @Test
    void connectionKillersAreFlaggedAndTheRestOfTheConnectionIsLost() {
        for (String killer : new String[] {"line-too-long", "killer-timestamp.inf", "killer-timestamp.nan", "invalid-utf8"}) {
            List<Map<String, Object>> k = withRawPrefix(EXPECT + killer);
            assertEquals(1, k.size(), killer);
            Map<String, Object> m = k.get(0);
            assertEquals("malformed", m.get("verdict"), m.toString());
            String src = (String) m.get("src");
            // every later line on that connection is lost, and carbon stored none of them
            List<Map<String, Object>> after = new ArrayList<>();
            for (int i = metrics.indexOf(m) + 1; i < metrics.size(); i++) {
                if (src.equals(metrics.get(i).get("src"))) after.add(metrics.get(i));
            }
            assertEquals(3, after.size(), "lines after " + killer);
            for (Map<String, Object> a : after) {
                assertEquals("malformed", a.get("verdict"), a.toString());
                assertTrue(CliRunner.codes(a).contains("lost-after-close"), a.toString());
            }
        }
        assertTrue(carbon.stored().stream().noneMatch(s -> s.path().contains("lost-after-close")));
        assertEquals(12, withRawPrefix(EXPECT + "lost-after-close.").size());
    }

    @Test
    void anUnterminatedLastLineIsMalformed() {
        List<Map<String, Object>> u = withRawPrefix(EXPECT + "unterminated.");
        assertEquals(1, u.size());
        assertEquals("malformed", u.get(0).get("verdict"));
        assertTrue(CliRunner.codes(u.get(0)).contains("unterminated"), u.get(0).toString());
    }

    @Test
    void badTagsAreReportedButCarbonStillStoresThem() {
        // carbon 1.1.7 logs "Error parsing metric" and then writes the point anyway.
        List<Map<String, Object>> tags = withRawPrefix(EXPECT + "bad-tag.");
        assertEquals(4, tags.size());
        for (Map<String, Object> m : tags) {
            assertTrue(CliRunner.codes(m).contains("bad-tag"), m.toString());
            String path = (String) m.get("path");
            assertTrue(carbon.stored().stream().anyMatch(s -> s.path().equals(path)), "carbon stored " + path);
            assertTrue(carbon.log().stream().anyMatch(l -> l.contains("Error parsing metric " + path)));
        }
    }

    /** The code a {@code lab.expect.<code>.<what>} line names. */
    static String expectedCode(String raw) {
        String s = pyStrip(raw);
        if (!s.startsWith(EXPECT)) throw new AssertionError("not an expect-line: " + raw);
        int end = s.indexOf('.', EXPECT.length());
        return s.substring(EXPECT.length(), end);
    }

    static String raw(Map<String, Object> m) { return String.valueOf(m.get("raw")); }

    static List<Map<String, Object>> withRawPrefix(String prefix) {
        List<Map<String, Object>> l = new ArrayList<>();
        for (Map<String, Object> m : metrics) if (raw(m).startsWith(prefix)) l.add(m);
        return l;
    }

    static Map<String, Object> find(java.util.function.Predicate<Map<String, Object>> p, String what) {
        for (Map<String, Object> m : metrics) if (p.test(m)) return m;
        throw new AssertionError("no metric line for " + what);
    }
}
