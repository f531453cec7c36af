package io.metricsniff.replay;

import io.metricsniff.testutil.CliRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --expect at the command line on a replay of captures/crafted-carbon.pcap: the exit status, the
 * summary's {@code expect_met} / {@code expect[]} and the text reason lines, for a glob that is met,
 * one never seen, one seen only malformed, only late, only future, and several at once. Expected
 * counts come from the replay's own metric lines, not from constants.
 */
class ExpectReplayTest {
    static final String CAPTURE = "captures/crafted-carbon.pcap";
    /** A replay of a few hundred KB: far below this even on a loaded box. */
    static final long TIMEOUT_SECONDS = 60;

    static List<Map<String, Object>> metrics;

    @BeforeAll
    static void replayOnce() throws Exception {
        CliRunner all = CliRunner.run(TIMEOUT_SECONDS, "-I", CAPTURE, "--format", "json");
        assertEquals(0, all.exit(), all.err());
        metrics = all.metrics();
    }

    @Test
    void aGlobMetByOkMetricsExitsZero() throws Exception {
        CliRunner r = json("lab.ok.*");
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> s = r.summary();
        assertEquals(Boolean.TRUE, s.get("expect_met"));
        Map<String, Object> e = only(s);
        assertEquals("lab.ok.*", e.get("glob"));
        assertEquals("met", e.get("status"));
        assertEquals(Boolean.TRUE, e.get("met"));
        long matches = count(m -> threeNodes(m, "lab.ok."));
        assertTrue(matches >= 5, "the capture has lab.ok.* lines");
        assertEquals(matches, CliRunner.num(e, "matches"));
        assertEquals(count(m -> threeNodes(m, "lab.ok.") && "ok".equals(m.get("verdict"))), CliRunner.num(e, "ok"));
        assertTrue(e.get("first_seen") instanceof String && e.get("last_seen") instanceof String, e.toString());
        assertFalse(((List<?>) e.get("senders")).isEmpty(), e.toString());
        // with --expect met, every metric is still printed, and -q does not change the verdict
        assertEquals(metrics.size(), r.metrics().size());
        CliRunner q = CliRunner.run(TIMEOUT_SECONDS, "-I", CAPTURE, "-q", "--format", "json", "--expect", "lab.ok.*");
        assertEquals(0, q.exit());
        assertEquals(List.of(), q.metrics());
    }

    @Test
    void aGlobNeverSeenExitsOne() throws Exception {
        CliRunner r = json("lab.nothing.*");
        assertEquals(1, r.exit(), r.err());
        Map<String, Object> s = r.summary();
        assertEquals(Boolean.FALSE, s.get("expect_met"));
        Map<String, Object> e = only(s);
        assertEquals("never_seen", e.get("status"));
        assertEquals(Boolean.FALSE, e.get("met"));
        assertEquals(0, CliRunner.num(e, "matches"));
        assertFalse(e.containsKey("first_seen"), "no first_seen without a match: " + e);
        assertTrue(((String) e.get("reason")).startsWith("never seen"), e.toString());
        assertEquals("", r.err(), "a replay that does not meet --expect says so in the summary only");
    }

    @Test
    void aGlobSeenOnlyMalformedExitsOne() throws Exception {
        CliRunner r = json("lab.expect.nan-value.*");
        assertEquals(1, r.exit());
        Map<String, Object> e = only(r.summary());
        assertEquals("only_malformed", e.get("status"));
        long nan = count(m -> threeNodes(m, "lab.expect.nan-value."));
        assertEquals(2, nan, "the capture's nan and NaN lines");
        assertEquals(nan, CliRunner.num(e, "matches"));
        assertEquals(nan, CliRunner.num(e, "malformed"));
        assertEquals(0, CliRunner.num(e, "ok"));
        assertTrue(((String) e.get("reason")).contains("nan-value"), "the reason names the problem: " + e);
    }

    @Test
    void aGlobSeenOnlyLateOrOnlyFutureExitsOne() throws Exception {
        CliRunner late = json("lab.late.two.hours");
        assertEquals(1, late.exit());
        Map<String, Object> l = only(late.summary());
        assertEquals("only_late_or_future", l.get("status"));
        assertEquals(1, CliRunner.num(l, "late"));
        assertEquals(0, CliRunner.num(l, "ok"));
        assertTrue(((String) l.get("reason")).contains("late"), l.toString());

        CliRunner future = json("lab.future.*.*");
        assertEquals(1, future.exit());
        Map<String, Object> f = only(future.summary());
        assertEquals("only_late_or_future", f.get("status"));
        assertEquals(1, CliRunner.num(f, "future"));
        assertTrue(((String) f.get("reason")).contains("future"), f.toString());
    }

    @Test
    void severalGlobsAllMustBeMet() throws Exception {
        CliRunner met = json("lab.ok.int", "lab.*.tab", "lab.ok.{float,negative}", "lab.ok.[cd]*");
        assertEquals(0, met.exit(), met.out());
        List<Map<String, Object>> es = expect(met.summary());
        assertEquals(4, es.size());
        for (Map<String, Object> e : es) assertEquals("met", e.get("status"), e.toString());
        assertEquals(2, CliRunner.num(es.get(2), "matches"), "{float,negative}");

        CliRunner mixed = json("lab.ok.int", "lab.nothing.*", "lab.expect.nan-value.*", "lab.late.*.*");
        assertEquals(1, mixed.exit());
        Map<String, Object> s = mixed.summary();
        assertEquals(Boolean.FALSE, s.get("expect_met"));
        List<String> status = new ArrayList<>();
        for (Map<String, Object> e : expect(s)) status.add((String) e.get("status"));
        assertEquals(List.of("met", "never_seen", "only_malformed", "only_late_or_future"), status, "in command-line order");
    }

    @Test
    void theTextSummaryGivesOneReasonLinePerGlob() throws Exception {
        CliRunner r = CliRunner.run(TIMEOUT_SECONDS, "-I", CAPTURE, "-q", "--format", "text",
                "--expect", "lab.ok.*", "--expect", "lab.nothing.*", "--expect", "lab.expect.nan-value.*",
                "--expect", "lab.late.two.hours");
        assertEquals(1, r.exit());
        String out = r.out();
        assertTrue(out.contains("\nexpect:\n"), out);
        assertTrue(out.matches("(?s).*\n  ok +lab\\.ok\\.\\*: met: \\d+ ok \\[\\d+ matches.*"), out);
        assertTrue(out.contains("\n  FAIL lab.nothing.*: never seen: no metric path matched\n"), out);
        assertTrue(out.matches("(?s).*\n  FAIL lab\\.expect\\.nan-value\\.\\*: seen only malformed: [^\n]*nan-value[^\n]*\n.*"), out);
        assertTrue(out.matches("(?s).*\n  FAIL lab\\.late\\.two\\.hours: seen only late or future: 1 late[^\n]*\n.*"), out);
    }

    @Test
    void withinIsForLiveCaptureOnly() throws Exception {
        CliRunner r = CliRunner.run(TIMEOUT_SECONDS, "-I", CAPTURE, "--format", "json", "--expect", "lab.ok.*", "--within", "5s");
        assertEquals(2, r.exit(), "a usage error");
        assertTrue(r.err().startsWith("metricsniff: --within is for live capture"), r.err());
        assertEquals(1, r.err().split("\n").length, "one clear line: " + r.err());
    }

    static CliRunner json(String... globs) throws Exception {
        List<String> a = new ArrayList<>(List.of("-I", CAPTURE, "--format", "json"));
        for (String g : globs) a.addAll(List.of("--expect", g));
        return CliRunner.run(TIMEOUT_SECONDS, a.toArray(new String[0]));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> expect(Map<String, Object> summary) {
        Object e = summary.get("expect");
        assertTrue(e instanceof List, "summary has expect[]: " + summary);
        return (List<Map<String, Object>>) e;
    }

    static Map<String, Object> only(Map<String, Object> summary) {
        List<Map<String, Object>> es = expect(summary);
        assertEquals(1, es.size());
        return es.get(0);
    }

    static long count(Predicate<Map<String, Object>> p) {
        return metrics.stream().filter(p).count();
    }

    /** The path is {@code prefix} plus exactly one more node (what {@code prefix*} matches). */
    static boolean threeNodes(Map<String, Object> m, String prefix) {
        return m.get("path") instanceof String p && p.startsWith(prefix) && p.indexOf('.', prefix.length()) < 0;
    }

    /** statsd flushes on a new connection each time (statsd.numStats every flush): one sender host, every connection counted. */
    @Test
    void sendersAreHostsAndConnectionsAreCounted() throws Exception {
        String capture = "captures/statsd.pcap";
        CliRunner r = CliRunner.run(TIMEOUT_SECONDS, "-I", capture, "-q", "--format", "json", "--expect", "statsd.numStats");
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> e = only(r.summary());
        assertEquals(List.of("127.0.0.1"), e.get("senders"));
        long established = io.metricsniff.testutil.Oracle.carbonLog(io.metricsniff.testutil.Oracle.capture("statsd")).stream()
                .filter(l -> l.contains("connection with 127.0.0.1:") && l.contains("established")).count();
        assertTrue(established > 1, "statsd connected per flush");
        assertEquals(established, CliRunner.num(e, "connections"));
        CliRunner text = CliRunner.run(TIMEOUT_SECONDS, "-I", capture, "-q", "--expect", "statsd.numStats");
        assertTrue(text.out().contains("from 127.0.0.1 (" + established + " connections)"), text.out());
    }
}
