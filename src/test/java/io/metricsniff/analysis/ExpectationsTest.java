package io.metricsniff.analysis;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpectationsTest {
    static final Endpoint DST = new Endpoint(new byte[] {127, 0, 0, 1}, 2003);
    static final long NOW = 1_795_504_341L;

    static Endpoint src(int port) { return new Endpoint(new byte[] {127, 0, 0, 1}, port); }

    static MetricRecord rec(String path, double ts, long captureSec, int srcPort) {
        String raw = path + " 1 " + (long) ts;
        return new MetricRecord(captureSec * 1_000_000_000L, src(srcPort), DST, Transport.TCP, Protocol.GRAPHITE, raw)
                .path(path).value(1).timestamp(ts);
    }

    static ExpectResult result(Expectations e, String glob) {
        return e.results().stream().filter(r -> r.glob().equals(glob)).findFirst().orElseThrow();
    }

    @Test
    void presentAbsentMalformedLate() {
        Expectations e = new Expectations(List.of("lab.ok.*", "lab.absent.*", "lab.bad.*", "lab.late.*", "lab.future.*", "lab.mixed.*"));
        assertFalse(e.allMet());
        e.metric(rec("lab.ok.a", NOW, NOW, 5000));
        e.metric(rec("lab.ok.b", NOW + 1, NOW + 1, 5001));
        e.metric(rec("lab.bad.x", NOW, NOW, 5000).flag(Verdict.MALFORMED, new Problem("nan-value", "carbon drops NaN values silently")));
        e.metric(rec("lab.bad.x", NOW, NOW + 2, 5000).flag(Verdict.MALFORMED, new Problem("too-long", "x")));
        e.metric(rec("lab.late.x", NOW - 3600, NOW, 5002).flag(Verdict.LATE, new Problem("late", "late")));
        e.metric(rec("lab.future.x", NOW + 600, NOW, 5002).flag(Verdict.FUTURE, new Problem("future", "future")));
        e.metric(rec("lab.mixed.x", NOW - 3600, NOW, 5002).flag(Verdict.LATE, new Problem("late", "late")));
        e.metric(rec("lab.mixed.x", NOW, NOW, 5002).flag(Verdict.MALFORMED, new Problem("nan-value", "nan")));
        e.metric(rec("unrelated.path", NOW, NOW, 5002));
        assertFalse(e.allMet());

        ExpectResult ok = result(e, "lab.ok.*");
        assertEquals(ExpectResult.Status.MET, ok.status());
        assertEquals(2, ok.matches());
        assertEquals(2, ok.ok());
        assertEquals(NOW * 1_000_000_000L, ok.firstNanos());
        assertEquals((NOW + 1) * 1_000_000_000L, ok.lastNanos());
        assertEquals(List.of(src(0)), ok.senders());            // one host, two connections
        assertEquals(2, ok.connections());
        assertTrue(ok.toText().contains("from 127.0.0.1 (2 connections)"), ok.toText());
        assertTrue(ok.toJson().contains("\"senders\":[\"127.0.0.1\"],\"senders_overflow\":0,\"connections\":2"), ok.toJson());

        ExpectResult absent = result(e, "lab.absent.*");
        assertEquals(ExpectResult.Status.NEVER_SEEN, absent.status());
        assertEquals(0, absent.matches());
        assertEquals(-1, absent.firstNanos());
        assertTrue(absent.reason().contains("never seen"));

        ExpectResult bad = result(e, "lab.bad.*");
        assertEquals(ExpectResult.Status.ONLY_MALFORMED, bad.status());
        assertEquals(2, bad.malformed());
        assertTrue(bad.reason().contains("nan-value"), bad.reason());

        ExpectResult late = result(e, "lab.late.*");
        assertEquals(ExpectResult.Status.ONLY_LATE_OR_FUTURE, late.status());
        assertEquals(1, late.late());
        assertTrue(late.reason().contains("60.0m behind"), late.reason());

        ExpectResult fut = result(e, "lab.future.*");
        assertEquals(ExpectResult.Status.ONLY_LATE_OR_FUTURE, fut.status());
        assertTrue(fut.reason().contains("10.0m ahead"), fut.reason());

        ExpectResult mixed = result(e, "lab.mixed.*");
        assertEquals(ExpectResult.Status.NO_OK, mixed.status());
        assertEquals(1, mixed.malformed());
        assertEquals(1, mixed.late());
    }

    @Test
    void aSkewedPointStoredUnderSchemasCountsAsArrivedAndTheSkewIsNoted() {
        Expectations e = new Expectations(List.of("lab.skew.*"));
        e.metric(rec("lab.skew.a", NOW - 3600, NOW, 5000).note(new Problem("late", "stored: 1h behind")));
        assertTrue(e.allMet(), "stored inside the retention: it arrived");
        String reason = e.results().get(0).reason();
        assertTrue(reason.startsWith("met: 1 ok") && reason.contains("clock skew: up to 60.0m behind"), reason);
    }

    @Test
    void allMetFlipsWithTheLastOkMatchOnly() {
        Expectations e = new Expectations(List.of("a.*", "b.{x,y}"));
        e.metric(rec("a.1", NOW, NOW, 1));
        assertFalse(e.allMet());
        e.metric(rec("b.x", NOW, NOW, 1).flag(Verdict.LATE, new Problem("late", "late")));
        assertFalse(e.allMet(), "a late match does not count");
        e.metric(rec("b.y", NOW, NOW, 1));
        assertTrue(e.allMet());
        e.metric(rec("b.y", NOW, NOW, 1));
        assertTrue(e.allMet());
        assertTrue(new Expectations(List.of()).allMet());
    }

    @Test
    void storedNameCountsAndSendersAreBounded() {
        Expectations e = new Expectations(List.of("relay.rewritten_name"));
        e.metric(rec("relay.rewritten name", NOW, NOW, 1).storedPath("relay.rewritten_name"));
        assertTrue(e.allMet());
        Expectations many = new Expectations(List.of("m"));
        for (int p = 0; p < 100; p++) many.metric(rec("m", NOW, NOW, 1000 + p));   // a connection per flush
        assertEquals(1, many.results().get(0).senders().size());
        assertEquals(100, many.results().get(0).connections());
        for (int h = 0; h < Expectations.MAX_SENDERS + 5; h++) {
            Endpoint host = new Endpoint(new byte[] {10, 0, 0, (byte) h}, 4000);
            many.metric(new MetricRecord(NOW * 1_000_000_000L, host, DST, Transport.TCP, Protocol.GRAPHITE, "m 1 1")
                    .path("m").value(1).timestamp(NOW));
        }
        ExpectResult r = many.results().get(0);
        assertEquals(Expectations.MAX_SENDERS, r.senders().size());
        assertEquals(6, r.sendersOverflow());                 // 127.0.0.1 and 21 more hosts: 16 kept
    }

    @Test
    void renderingEscapesNetworkText() {
        Expectations e = new Expectations(List.of("evil.*"));
        e.metric(rec("evil.\u001b[31m", NOW, NOW, 1).flag(Verdict.MALFORMED, new Problem("bad", "quote \" and \n newline")));
        ExpectResult r = e.results().get(0);
        String json = r.toJson();
        assertTrue(json.startsWith("{\"glob\":\"evil.*\",\"status\":\"only_malformed\",\"met\":false"), json);
        assertTrue(json.contains("\\\" and \\n newline"), json);
        assertTrue(json.contains("\"first_seen\":\"2026-11-24T"), json);
        assertFalse(r.toText().contains("\n"), r.toText());
        assertTrue(r.toText().startsWith("FAIL evil.*: seen only malformed"), r.toText());
        assertTrue(new Expectations(List.of("x")).results().get(0).toJson().contains("\"senders\":[]"));
    }

    /** With the path index the globs are matched once per path; the counts must not change. */
    @Test
    void memoisedPerPathGivesTheSameCounts() {
        List<String> globs = List.of("lab.ok.*", "lab.{ok,bad}.a", "none.*");
        Expectations plain = new Expectations(globs);
        Expectations memo = new Expectations(globs, new io.metricsniff.paths.PathIndex(1000));
        for (int i = 0; i < 5000; i++) {
            String p = (i % 3 == 0 ? "lab.ok." : "lab.bad.") + (char) ('a' + i % 5);
            plain.metric(rec(p, NOW, NOW, 5000));
            memo.metric(rec(p, NOW, NOW, 5000));
        }
        assertEquals(plain.results().toString(), memo.results().toString());
        assertEquals(1667, result(memo, "lab.ok.*").matches());
        assertEquals(0, result(memo, "none.*").matches());
    }
}
