package io.metricsniff.verdict;

import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Riemann's own graphite input tests, riemann/riemann {@code test/riemann/transport/graphite_test.clj}
 * (the 06405cf version, and the 0.3.x version's "without tags" cases, which are the same lines),
 * run through {@link RiemannProfile}. Riemann is a JVM program: {@link #decode} replays
 * graphite.clj's {@code decode-graphite-line} with the JDK's own regex split, {@code Double} and
 * {@code Long} (what Clojure's {@code split}, {@code (Double. s)} and {@code (Long. s)} call), so
 * the JDK is the oracle for every case, and riemann's expected results check the replay.
 * Not converted: 0.3.x {@code tags->attributes-test} and {@code decode-graphite-service-tag-test}
 * (they test {@code :tags true}, off by default; their lines are judged here with tags off), and
 * the {@code round-trip-test*} network plumbing (its one line is kept).
 */
class RiemannGraphiteTableTest {
    static final String T = "test/riemann/transport/graphite_test.clj";
    static final Pattern WS = Pattern.compile("\\s+");
    static final Pattern NAN = Pattern.compile("(?i)nan");

    /** Source test; line; riemann's expected event "service metric time" or thrown string. */
    static final String[][] RIEMANN_TESTS = {
        {"decode-graphite-line-success-test", "name 123 456", "name 123.0 456"},
        {"decode-graphite-line-success-test", "name\t456\t789", "name 456.0 789"},
        {"decode-graphite-line-success-test", "name\t 456\t 789", "name 456.0 789"},
        {"decode-graphite-line-success-test", "name\t\t456\t\t789", "name 456.0 789"},
        {"decode-graphite-line-success-test", "name\t\t456 789", "name 456.0 789"},
        {"decode-graphite-line-success-test", "name 456\t789", "name 456.0 789"},
        {"decode-graphite-line-success-test", "name\t456 789", "name 456.0 789"},
        {"decode-graphite-line-success-test", "name  456      789", "name 456.0 789"},
        {"decode-graphite-line-failure-test", "", "blank line"},
        {"decode-graphite-line-failure-test", "name nan 456", "NaN metric"},
        {"decode-graphite-line-failure-test", "name metric 456", "invalid metric"},
        {"decode-graphite-line-failure-test", "name 123 timestamp", "invalid timestamp"},
        {"decode-graphite-line-failure-test", "name with space 123 456", "too many fields"},
        {"decode-graphite-line-failure-test", "name\twith\ttab\t123\t456", "too many fields"},
        {"decode-graphite-line-failure-test", "name with space\tand\ttab 123\t456", "too many fields"},
        {"decode-graphite-line-failure-test", "name\t\t123\t456\t\t\t789", "too many fields"},
        // 0.3.x decode-graphite-service-tag-test with :tags false (the default): the tags stay in the service
        {"decode-graphite-line-success-test (0.3.x, tags false)", "name;host=foo;description=desc 123 456",
            "name;host=foo;description=desc 123.0 456"},
        {"decode-graphite-line-success-test (0.3.x, tags false)", "name; 123 456", "name; 123.0 456"},
        // round-trip-test: riemann.graphite's client writes "computar.hi.there 2.5 123"
        {"round-trip-test", "computar.hi.there 2.5 123", "computar.hi.there 2.5 123"},
    };

    /** Read from graphite.clj itself (not in its tests): each checked against the JDK replay only. */
    static final String[] FROM_THE_CODE = {
        " name 1 2", " name 1", " name", "   ", "\t", "name", "name 1", "name 1 2 ", "name 1 2\t\t",
        "name 1\r2", "name 1\u001f 2", "name \u001f1\u001f 2", "name\u00a01 2", "name 1 2\u000b",
        "name 1nan 2", "name xNaNx 2", "name NAN 2", "name nAn 2", "name Infinity 2", "name -Infinity 2",
        "name Inf 2", "name inf 2", "name 1e400 2", "name 0x1p4 2", "name 0x1.8P1 2", "name 1d 2", "name 1F 2",
        "name 1_000 2", "name .5 2", "name 5. 2", "name +5 2", "name 1e 2", "name \u0661 2",
        "name 1 -1", "name 1 +7", "name 1 1.5", "name 1 1e9", "name 1 9223372036854775807",
        "name 1 9223372036854775808", "name 1 \u0661\u0662", "name 1 0x10", "name 1 1_0", "name 1 1L",
        "a.\u00e9 1 2", "a\0b 1 2", "a;t=v 1 2",
        // Java's number syntax, value then timestamp: the JDK decides each
        "name 0x1p-1074 2", "name 1e-400 2", "name -0 2", "name 00.5e+1 2", "name 0X1P4D 2", "name 0x.8p1 2",
        "name 1.7976931348623157e308 2", "name 0x1 2", "name 1e+ 2", "name -.e1 2", "name +-1 2", "name 1.0f0 2",
        "name 1 -0", "name 1 -9223372036854775808", "name 1 00042", "name 1 \uff11",
    };

    /** graphite.clj decode-graphite-line, step by step, with the JDK: "service metric time" or the thrown string. */
    static String decode(String line) {
        String[] f = WS.split(line);
        if (f.length > 3) return "too many fields";
        if (f.length >= 1 && f[0].isEmpty()) return "blank line";
        if (f.length < 2) return "no metric";
        if (f.length < 3) return "no timestamp";
        if (NAN.matcher(f[1]).find()) return "NaN metric";
        double metric;
        long time;
        try { metric = Double.valueOf(f[1]); } catch (NumberFormatException e) { return "invalid metric"; }
        try { time = Long.valueOf(f[2]); } catch (NumberFormatException e) { return "invalid timestamp"; }
        return f[0] + " " + metric + " " + time;
    }

    /** The problem code the profile gives each of riemann's errors ("no metric" on a blank line is empty-line). */
    static String code(String error, String line) {
        switch (error) {
            case "too many fields": case "no timestamp": return "field-count";
            case "no metric": return line.isBlank() ? "empty-line" : "field-count";
            case "blank line": return "empty-line";
            case "NaN metric": return "nan-value";
            case "invalid metric": return "bad-value";
            case "invalid timestamp": return "bad-timestamp";
            default: throw new IllegalArgumentException(error);
        }
    }

    @Test
    void riemannsOwnTestsHoldForTheReplayAndTheProfile() {
        List<String> bad = new ArrayList<>();
        for (String[] c : RIEMANN_TESTS) {
            String where = T + " " + c[0] + " '" + ProfileTableTest.escape(c[1]) + "': ";
            String replay = decode(c[1]);
            if (!replay.equals(c[2])) bad.add(where + "riemann expects " + c[2] + ", the JDK replay gives " + replay);
            check(bad, where, c[1], replay);
        }
        assertEquals(List.of(), bad);
        assertEquals(19, RIEMANN_TESTS.length);
    }

    @Test
    void profileAgreesWithTheJdkOnEveryLineReadFromTheCode() {
        List<String> bad = new ArrayList<>();
        for (String line : FROM_THE_CODE) check(bad, "graphite.clj '" + ProfileTableTest.escape(line) + "': ", line, decode(line));
        assertEquals(List.of(), bad);
    }

    /** The profile's record against the replay: the same event, or malformed for the same reason. */
    private static void check(List<String> bad, String where, String line, String replay) {
        MetricRecord r = ProfileTableTest.record(line);
        boolean kills = new RiemannProfile().judgeLine(r, Transport.TCP);
        if (kills) bad.add(where + "the profile closes the connection on a short line");
        if (!isError(replay)) {
            String got = r.verdict() == Verdict.MALFORMED ? r.problems().toString()
                    : r.path() + " " + r.value() + " " + (long) r.timestamp();
            if (!got.equals(replay)) bad.add(where + "riemann makes the event " + replay + ", the profile " + got);
            return;
        }
        String want = code(replay, line);
        List<String> codes = r.problems().stream().map(Problem::code).toList();
        if (r.verdict() != Verdict.MALFORMED || !codes.contains(want)) {
            bad.add(where + "riemann throws '" + replay + "' (" + want + "), the profile says " + r.verdict() + " " + codes);
        }
    }

    private static boolean isError(String replay) {
        return switch (replay) {
            case "too many fields", "blank line", "no metric", "no timestamp", "NaN metric", "invalid metric", "invalid timestamp" -> true;
            default -> false;
        };
    }

    @Test
    void aFrameOverTheLimitClosesTheConnection() {
        assertEquals("ok", ProfileTableTest.judge("riemann", ProfileTableTest.line(RiemannProfile.MAX_FRAME), RiemannProfile.MAX_FRAME));
        assertEquals("malformed:line-too-long!", ProfileTableTest.judge("riemann",
                ProfileTableTest.line(RiemannProfile.MAX_FRAME + 1), RiemannProfile.MAX_FRAME + 1));
        MetricRecord udp = ProfileTableTest.record(new String(ProfileTableTest.line(2000), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(false, new RiemannProfile().judgeLine(udp, Transport.UDP), "a datagram has no connection to close");
        assertEquals(Verdict.MALFORMED, udp.verdict());
    }
}
