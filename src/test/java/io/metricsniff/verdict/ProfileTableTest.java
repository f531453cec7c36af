package io.metricsniff.verdict;

import io.metricsniff.record.Problems;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Transport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every profile's verdict on the same tricky lines. A cell is {@code verdict[:codes][!]}, where
 * {@code !} means the receiver closes the connection on that line.
 */
class ProfileTableTest {
    static final Endpoint A = new Endpoint(new byte[] {127, 0, 0, 1}, 40000);
    static final Endpoint B = new Endpoint(new byte[] {127, 0, 0, 1}, 2003);
    static final String[] ORDER = {"carbon", "go-carbon", "carbon-c-relay", "carbon-relay-ng", "riemann"};
    static final String T = " 1700000000";

    //            line                                   carbon                       go-carbon                    c-relay                   relay-ng                    riemann
    static final Object[][] TABLE = {
        {"a.b 1" + T,                                    "ok",                        "ok",                        "ok",                     "ok",                       "ok"},
        {"a.b\t1\t1700000000",                           "ok",                        "malformed:tab-separator",   "ok",                     "ok",                       "ok"},
        {"a.b  1" + T,                                   "ok",                        "malformed:double-space",    "ok",                     "ok",                       "ok"},
        {" a.b 1" + T,                                   "ok",                        "ok",                        "ok",                     "ok",                       "malformed:field-count"},
        {"a.b 1" + T + " ",                              "ok",                        "ok",                        "ok",                     "ok",                       "ok"},
        {"a.b 1" + T + "\r",                             "ok",                        "ok",                        "ok",                     "ok",                       "ok"},
        {"a.b nan" + T,                                  "malformed:nan-value",       "malformed:nan-value",       "ok:not-checked",         "ok",                       "malformed:nan-value"},
        {"a.b NaN" + T,                                  "malformed:nan-value",       "malformed:nan-value",       "ok:not-checked",         "ok",                       "malformed:nan-value"},
        {"a.b inf" + T,                                  "ok",                        "ok",                        "ok",                     "ok",                       "malformed:bad-value"},
        {"a.b Infinity" + T,                             "ok",                        "ok",                        "ok",                     "ok",                       "ok"},
        {"a.b 1 -1",                                     "ok",                        "ok",                        "ok",                     "ok:timestamp-range",  "ok"},
        {"a.b 1 -1.5",                                   "ok",                        "ok",                        "ok",                     "ok:timestamp-range",  "malformed:bad-timestamp"},
        {"a.b 1" + T + ".5",                             "ok",                        "ok",                        "ok",                     "ok",  "malformed:bad-timestamp"},
        {"a.b 1e3" + T,                                  "ok",                        "ok",                        "ok",                     "ok",                       "ok"},
        {"a.b +5" + T,                                   "ok",                        "ok",                        "ok",                     "ok",                       "ok"},
        {"a.b 1_000" + T,                                "ok",                        "ok",                        "ok",                     "ok",                       "malformed:bad-value"},
        {"a.b 1__000" + T,                               "malformed:bad-value",       "malformed:bad-value",       "ok:not-checked",         "malformed:bad-value",      "malformed:bad-value"},
        {"a.b 0x1p4" + T,                                "malformed:bad-value",       "ok",                        "ok:not-checked",         "ok",                       "ok"},
        {"a.b 0x10" + T,                                 "malformed:bad-value",       "malformed:bad-value",       "ok:not-checked",         "malformed:bad-value",      "malformed:bad-value"},
        {"a.b 1e400" + T,                                "ok",                        "malformed:bad-value",       "ok",                     "malformed:bad-value",      "ok"},
        {"a.b 1" + T + " x",                             "malformed:field-count",     "malformed:field-count",     "ok:not-checked",         "malformed:field-count",    "malformed:field-count"},
        {"a.b 1",                                        "malformed:field-count",     "malformed:field-count",     "ok:not-checked",         "malformed:field-count",    "malformed:field-count"},
        {"a.b",                                          "malformed:field-count",     "malformed:field-count",     "malformed:field-count",  "malformed:field-count",    "malformed:field-count"},
        {"a.b;t=v",                                      "malformed:field-count",     "malformed:field-count",     "ok:not-checked",         "malformed:field-count",    "malformed:field-count"},
        {"a.b;t=a\0b 1" + T,                             "malformed:bad-name",         "ok",                        "ok:name-rewritten",      "malformed:bad-name",       "ok"},
        {"",                                             "malformed:empty-line",      "malformed:empty-line",      "malformed:empty-line",   "malformed:empty-line",     "malformed:empty-line"},
        {"\r",                                           "malformed:empty-line",      "malformed:empty-line",      "malformed:empty-line",   "malformed:empty-line",     "malformed:empty-line"},
        {"a.\u00ff 1" + T,                               "ok",                        "ok",                        "ok:name-rewritten",      "malformed:bad-name",                       "ok"},
        {"a\0b 1" + T,                                   "malformed:bad-name",        "ok",                        "ok:name-rewritten",      "malformed:bad-name",       "ok"},
        {"a..b 1" + T,                                   "ok",                        "ok",                        "ok:name-rewritten",      "ok",                       "ok"},
        {".a.b. 1" + T,                                  "ok",                        "ok",                        "ok:name-rewritten",      "ok",                       "ok"},
        {"host(1)/cpu% 1" + T,                           "ok",                        "ok",                        "ok:name-rewritten",      "ok",                       "ok"},
        {"a-b_c:d#e 1" + T,                              "ok",                        "ok",                        "ok",                     "ok",                       "ok"},
        {"a.b;dc=eu;env=prod 1" + T,                     "ok",                        "ok",                        "ok",                     "ok",                       "ok"},
        {"a.b;dc= 1" + T,                                "ok:bad-tag",                "ok",                        "ok",                     "malformed:bad-tag",        "ok"},
        {"a.b;dc=~x 1" + T,                              "ok:bad-tag",                "ok",                        "ok",                     "ok",                       "ok"},
        {"a.b;d!c=x 1" + T,                              "ok:bad-tag",                "ok",                        "ok",                     "malformed:bad-tag",        "ok"},
        {"a.b;d^c=x 1" + T,                              "ok:bad-tag",                "ok",                        "ok",                     "ok",                       "ok"},
        {";dc=eu 1" + T,                                 "ok:bad-tag",                "ok",                        "ok",                     "malformed:bad-name",        "ok"},
        {"unit=B.mtype=gauge.host=x 1" + T,              "ok",                        "ok",                        "ok:name-rewritten",      "ok",                       "ok"},
        {"host=x.what=y 1" + T,                          "ok",                        "ok",                        "ok:name-rewritten",      "malformed:bad-name",       "ok"},
        {"a.b 1 1700000000000",                          "malformed:ms-timestamp",    "ok",                        "ok",                     "ok:ms-timestamp",   "ok"},
        {"a.b 1 4294967296",                             "malformed:timestamp-range", "ok",                        "ok",                     "ok:timestamp-range","ok"},
        {"a.b 1 4294967295",                             "ok",                        "ok",                        "ok",                     "ok",                       "ok"},
        {"a.b 1 -5",                                     "malformed:negative-timestamp", "ok",                     "ok",                     "ok:timestamp-range",  "ok"},
        {"a.b 1 inf",                                    "malformed:killer-timestamp!", "malformed:timestamp-range", "ok:not-checked",       "ok:timestamp-range",  "malformed:bad-timestamp"},
        {"a.b 1 nan",                                    "malformed:killer-timestamp!", "malformed:bad-timestamp", "ok:not-checked",         "ok:timestamp-range",  "malformed:bad-timestamp"},
        {"a.b nan inf",                                  "malformed:nan-value",       "malformed:nan-value",       "ok:not-checked",         "ok:timestamp-range",  "malformed:nan-value"},
        {"a.b x" + T,                                    "malformed:bad-value",       "malformed:bad-value",       "ok:not-checked",         "malformed:bad-value",      "malformed:bad-value"},
        {"a.b 1 x",                                      "malformed:bad-timestamp",   "malformed:bad-timestamp",   "ok:not-checked",         "malformed:bad-timestamp",  "malformed:bad-timestamp"},
        {"a.b 1" + T + "\rc.d 2" + T,                    "malformed:field-count",     "malformed:field-count",     "ok:cr-split",            "malformed:field-count",    "malformed:field-count"},
        {"a.b 1\u00a01700000000",                        "ok",                        "malformed:field-count",     "ok:not-checked",         "ok",                       "malformed:field-count"},
        {"a.b 1\u001f1700000000",                        "ok",                        "malformed:field-count",     "ok:not-checked",         "malformed:field-count",    "malformed:field-count"},
        {"a.b \u0661\u0662" + T,                         "ok",                        "malformed:bad-value",       "ok",                     "malformed:bad-value",      "malformed:bad-value"},
    };

    @Test
    void everyProfileOnEveryTrickyLine() {
        List<String> failures = new ArrayList<>();
        for (Object[] row : TABLE) {
            byte[] raw = ((String) row[0]).getBytes(StandardCharsets.UTF_8);
            for (int p = 0; p < ORDER.length; p++) {
                String got = judge(ORDER[p], raw, raw.length);
                if (!got.equals(row[p + 1])) {
                    failures.add(ORDER[p] + " on '" + escape((String) row[0]) + "': expected " + row[p + 1] + " got " + got);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void invalidUtf8KillsCarbonOnly() {
        byte[] raw = {'a', '.', (byte) 0xff, ' ', '1', ' ', '1', '7', '0', '0', '0', '0', '0', '0', '0', '0'};
        assertEquals("malformed:invalid-utf8!", judge("carbon", raw, raw.length));
        assertEquals("ok", judge("go-carbon", raw, raw.length));
        assertEquals("ok:name-rewritten", judge("carbon-c-relay", raw, raw.length));
        assertEquals("malformed:bad-name", judge("carbon-relay-ng", raw, raw.length), "go-metrics20 medium: no byte >= 0x80");
        assertEquals("ok", judge("riemann", raw, raw.length));
        byte[] surrogate = {'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80, ' ', '1', ' ', '2'};
        assertEquals("malformed:invalid-utf8!", judge("carbon", surrogate, surrogate.length));
        byte[] overlong = {'a', (byte) 0xc0, (byte) 0xaf, ' ', '1', ' ', '2'};
        assertEquals("malformed:invalid-utf8!", judge("carbon", overlong, overlong.length));
    }

    @Test
    void lineLengthLimitsAtEachBoundary() {
        assertEquals("ok", judge("carbon", line(16384), 16384));
        assertEquals("malformed:line-too-long!", judge("carbon", line(16385), 16385));
        assertEquals("ok", judge("carbon-c-relay", line(32766), 32766));
        assertEquals("malformed:line-too-long!", judge("carbon-c-relay", line(32767), 32767));
        assertEquals("ok", judge("carbon-relay-ng", line(65535), 65535));
        assertEquals("malformed:line-too-long!", judge("carbon-relay-ng", line(65536), 65536));
        assertEquals("ok", judge("riemann", line(1024), 1024));
        assertEquals("malformed:line-too-long!", judge("riemann", line(1025), 1025));
        byte[] crlf = (new String(line(1024), StandardCharsets.US_ASCII) + "\r").getBytes(StandardCharsets.US_ASCII);
        assertEquals("ok", judge("riemann", crlf, crlf.length), "riemann's frame limit excludes the \\r\\n delimiter");
        assertEquals("ok", judge("go-carbon", line(70000), 70000));
        // the decoder keeps only a prefix of a huge line: the true length still decides
        byte[] prefix = line(65536);
        assertEquals("malformed:line-too-long!", judge("carbon", prefix, 1_000_000));
    }

    @Test
    void carbonFillsPathTagsValueTimestamp() {
        MetricRecord r = record("a.b;env=prod;dc=eu 42.5 1700000000\r");
        assertTrue(!new CarbonProfile().judgeLine(r, Transport.TCP));
        assertEquals("a.b;env=prod;dc=eu", r.path());
        assertEquals(42.5, r.value());
        assertEquals(1700000000.0, r.timestamp());
        assertEquals(2, r.tags().size());
        assertEquals("env", r.tags().get(0)[0]);
        assertEquals("prod", r.tags().get(0)[1]);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
    }

    @Test
    void cRelayStoredPathShowsTheRewrite() {
        MetricRecord r = record("..my..host(1).cpu.. 1 1700000000");
        new CarbonCRelayProfile().judgeLine(r, Transport.TCP);
        assertEquals("..my..host(1).cpu..", r.path());
        assertEquals("my.host_1_.cpu", r.storedPath());
        assertTrue(r.problems().get(0).message().contains("'my.host_1_.cpu'"), r.problems().get(0).message());
        MetricRecord clean = record("my.host.cpu 1 1700000000");
        new CarbonCRelayProfile().judgeLine(clean, Transport.TCP);
        assertNull(clean.storedPath());
    }

    @Test
    void messagesNameTheReceiver() {
        MetricRecord r = record("a.b nan 1700000000");
        new CarbonProfile().judgeLine(r, Transport.TCP);
        assertEquals("carbon drops NaN values silently", r.problems().get(0).message());
        MetricRecord ms = record("a.b 1 1700000000000");
        new CarbonProfile().judgeLine(ms, Transport.TCP);
        assertTrue(ms.problems().get(0).message().contains(Problems.WHISPER_L_ERROR), ms.problems().get(0).message());
        assertTrue(ms.problems().get(0).message().contains("milliseconds"));
    }

    @Test
    void carbonUdpNanTimestampIsLoggedNotFatal() {
        MetricRecord r = record("a.b 1 nan");
        assertTrue(!new CarbonProfile().judgeLine(r, Transport.UDP));
        assertEquals("malformed:bad-timestamp", describe(r, false));
        MetricRecord inf = record("a.b 1 inf");
        assertTrue(new CarbonProfile().judgeLine(inf, Transport.UDP));
    }

    @Test
    void receiversByName() {
        for (String n : ORDER) assertEquals(n, Receivers.byName(n).name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Receivers.byName("graphite"));
        assertTrue(e.getMessage().contains("'graphite'") && e.getMessage().contains("carbon-relay-ng"), e.getMessage());
        assertTrue(Receivers.byName("carbon").minusOneIsNow());
        assertTrue(!Receivers.byName("go-carbon").minusOneIsNow());
        assertTrue(Receivers.byName("carbon-relay-ng").readsLastLineAtClose());
        assertTrue(!Receivers.byName("carbon").readsLastLineAtClose());
    }

    @Test
    void pickleDatapoints() {
        MetricRecord nan = new MetricRecord(0, A, B, Transport.TCP, Protocol.PICKLE, "a.b nan 1700000000")
                .path("a.b").value(Double.NaN).timestamp(1700000000);
        assertTrue(!new CarbonProfile().judgeDatapoint(nan));
        assertEquals("malformed:nan-value", describe(nan, false));
        MetricRecord inf = new MetricRecord(0, A, B, Transport.TCP, Protocol.PICKLE, "a.b 1 inf")
                .path("a.b").value(1).timestamp(Double.POSITIVE_INFINITY);
        assertTrue(new CarbonProfile().judgeDatapoint(inf));
        MetricRecord any = new MetricRecord(0, A, B, Transport.TCP, Protocol.PICKLE, "a.b 1 1")
                .path("a.b").value(1).timestamp(1700000000);
        new CarbonCRelayProfile().judgeDatapoint(any);
        assertEquals("malformed:no-pickle", describe(any, false));
    }

    static byte[] line(int length) {
        String tail = " 1" + T;
        StringBuilder sb = new StringBuilder(length);
        sb.append("a.");
        while (sb.length() < length - tail.length()) sb.append('x');
        sb.append(tail);
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static MetricRecord record(String line) {
        byte[] raw = line.getBytes(StandardCharsets.UTF_8);
        return new MetricRecord(0, A, B, Transport.TCP, Protocol.GRAPHITE, raw, raw.length);
    }

    static String judge(String profile, byte[] raw, long rawLength) {
        MetricRecord rec = new MetricRecord(0, A, B, Transport.TCP, Protocol.GRAPHITE, raw, rawLength);
        boolean kills = Receivers.byName(profile).judgeLine(rec, Transport.TCP);
        return describe(rec, kills);
    }

    static String describe(MetricRecord rec, boolean kills) {
        String codes = rec.problems().stream().map(Problem::code).collect(Collectors.joining(","));
        return rec.verdict().json() + (codes.isEmpty() ? "" : ":" + codes) + (kills ? "!" : "");
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        return sb.toString();
    }
}
