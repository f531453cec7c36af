package io.metricsniff.protocol.statsd;

import io.metricsniff.record.Problems;
import io.metricsniff.text.JsNumber;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.protocol.DecoderTestSupport;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import io.metricsniff.verdict.StatsdLines;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class StatsdDatagramDecoderTest {
    static final long T = 1_700_000_100L * 1_000_000_000L;
    static final Endpoint DST = new Endpoint(new byte[] {127, 0, 0, 1}, 8125);

    final DecoderTestSupport.Sink sink = new DecoderTestSupport.Sink();
    final StatsdDatagramDecoder decoder = new StatsdDatagramDecoder(
            new StatsdLines(DecoderTestSupport.judge(new DecoderTestSupport.TinyProfile()), sink));

    List<MetricRecord> send(String datagram, int missing) {
        byte[] b = datagram.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[b.length + 6];                  // an offset into a larger buffer
        System.arraycopy(b, 0, padded, 3, b.length);
        decoder.datagram(DecoderTestSupport.SRC, DST, padded, 3, b.length, missing, T);
        return sink.records;
    }

    /** "verdict path value type @rate [codes]" per record, ' ; ' between records. */
    static String describe(List<MetricRecord> records) {
        return records.stream().map(r -> r.verdict().json() + " " + r.path() + " "
                + (r.hasValue() ? fmt(r.value()) : "-") + " " + r.statsdType() + " @" + fmt(r.sampleRate())
                + " " + r.problems().stream().map(Problem::code).collect(Collectors.toList()))
                .collect(Collectors.joining(" ; "));
    }

    static String fmt(double d) { return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d); }

    static final String[][] TABLE = {
        // statsd's own examples
        {"gorets:1|c", "ok gorets 1 c @1 []"},
        {"gorets:1|c|@0.1", "ok gorets 1 c @0.1 []"},
        {"glork:320|ms|@0.1", "ok glork 320 ms @0.1 []"},
        {"gaugor:333|g", "ok gaugor 333 g @1 []"},
        {"gaugor:-10|g", "ok gaugor -10 g @1 []"},
        {"gaugor:+4|g", "ok gaugor 4 g @1 []"},
        {"uniques:765|s", "ok uniques 765 s @1 []"},
        // what JavaScript's Number() lets through
        {"users:abc|s", "ok users - s @1 []"},
        {"users:|s", "ok users - s @1 []"},
        {"a:0x10|c", "ok a 16 c @1 []"},
        {"a: 5 |g", "ok a 5 g @1 []"},
        {"a:1e3|ms", "ok a 1000 ms @1 []"},
        {"a:.5|g", "ok a 0.5 g @1 []"},
        {"a:Infinity|g", "ok a Infinity g @1 []"},
        {"a:1|c\r", "ok a 1 c @1 []"},
        {"a:-1|ms ", "ok a -1 ms @1 []"},            // "ms " is not 'ms' to is_valid_packet: no >= 0 check
        {"a:1|c|@0.5|extra", "ok a 1 c @0.5 []"},
        {"a:1|c|@1e-1", "ok a 1 c @1 []"},           // stats.js reads the rate with /^@([\\d.]+)/
        {"a:1|xyz", "ok a 1 xyz @1 [statsd-unknown-type]"},
        {"a:1|", "ok a 1  @1 [statsd-unknown-type]"},
        {"a:1|c:2|ms", "ok a 1 c @1 [] ; ok a 2 ms @1 []"},
        {":1|c", "ok  1 c @1 []"},
        // bad lines
        {"foo", "malformed foo - null @1 [statsd-no-type]"},
        {"foo:1", "malformed foo 1 null @1 [statsd-no-type]"},
        {"foo:", "malformed foo - null @1 [statsd-no-type]"},
        {"foo:abc|c", "malformed foo - c @1 [statsd-bad-value]"},
        {"foo:|c", "malformed foo - c @1 [statsd-bad-value]"},
        {"foo:nan|g", "malformed foo - g @1 [statsd-bad-value]"},
        {"foo:NaN|c", "malformed foo - c @1 [statsd-bad-value]"},
        {"foo:1_000|c", "malformed foo - c @1 [statsd-bad-value]"},
        {"foo:-1|ms", "malformed foo -1 ms @1 [statsd-bad-value]"},
        {"foo:1|c|0.5", "malformed foo 1 c @1 [statsd-bad-sample-rate]"},
        {"foo:1|c|@-0.5", "malformed foo 1 c @1 [statsd-bad-sample-rate]"},
        {"foo:1|c|@abc", "malformed foo 1 c @1 [statsd-bad-sample-rate]"},
        {"foo:1|c|@", "malformed foo 1 c @1 [statsd-bad-sample-rate]"},
        {"foo:1|c|", "malformed foo 1 c @1 [statsd-bad-sample-rate]"},
        {"foo:1|c|@+0.5", "malformed foo 1 c @1 [statsd-sample-rate-crash]"},
        {"foo:1|c|@Infinity", "malformed foo 1 c @1 [statsd-sample-rate-crash]"},
        // DogStatsD
        {"a:1|h", "ok a 1 h @1 [dogstatsd-extension]"},
        {"a:1:2:3|d", "ok a 1 d @1 [dogstatsd-extension, dogstatsd-extension] ; ok a 2 d @1 [dogstatsd-extension, dogstatsd-extension]"
                + " ; ok a 3 d @1 [dogstatsd-extension]"},
        {"a:1:2|c|@0.5", "ok a 1 c @0.5 [dogstatsd-extension] ; ok a 2 c @0.5 []"},
        {"a:1|c|c:abc123", "ok a 1 c @1 [dogstatsd-extension]"},
        {"a:1|c|@0.5|c:abc123|T1700000000", "ok a 1 c @0.5 [dogstatsd-extension]"},
        {"a:1|c|T1700000000", "ok a 1 c @1 [dogstatsd-extension]"},
        {"a:1|c|T17000x", "malformed a 1 c @1 [dogstatsd-extension, statsd-bad-timestamp]"},
        {"a:1|c|T1000", "late a 1 c @1 [dogstatsd-extension, late]"},
        {"a:1|c|#env:prod,web", "ok a 1 c @1 []"},
        {"a:1|c|@0.25|#env:prod|T1700000000", "ok a 1 c @0.25 []"},
        {"a:1|c|#env:prod|T1000", "late a 1 c @1 [late]"},
        {"a|#k:v", "malformed a - null @1 [statsd-no-type]"},
        // names statsd rewrites
        {"my metric/x:1|c", "ok my metric/x 1 c @1 [statsd-name-rewritten]"},
    };

    @Test
    void table() {
        for (String[] row : TABLE) {
            sink.records.clear();
            assertEquals(row[1], describe(send(row[0], 0)), () -> "line: " + row[0]);
            for (MetricRecord r : sink.records) {
                assertEquals(Transport.UDP, r.transport());
                assertEquals(Protocol.STATSD, r.protocol());
                assertEquals(row[0], r.raw());
            }
        }
    }

    @Test
    void tagsTimestampAndStoredName() {
        MetricRecord r = send("page.views:1|c|@0.5|#env:prod,web|T1700000000", 0).get(0);
        assertEquals(2, r.tags().size());
        assertArrayEquals(new String[] {"env", "prod"}, r.tags().get(0));
        assertArrayEquals(new String[] {"web", ""}, r.tags().get(1));
        assertEquals("page.views;env=prod;web", r.storedPath());
        assertTrue(r.hasTimestamp());
        assertEquals(1700000000.0, r.timestamp());
        MetricRecord plain = send("page.views:1|c", 0).get(1);
        assertNull(plain.storedPath());
        assertFalse(plain.hasTimestamp());
        assertEquals("my_metric-x", send("my  metric/x\u00e9:1|c", 0).get(2).storedPath());
    }

    @Test
    void multiLineDatagrams() {
        send("a:1|c\nb:2|g\n\nc:3|ms\n", 0);
        assertEquals("ok a 1 c @1 [] ; ok b 2 g @1 [] ; ok c 3 ms @1 []", describe(sink.records));
        sink.records.clear();
        send("a:1|c\r\nb:2|ms\r\n", 0);
        assertEquals("ok a 1 c @1 [] ; ok b 2 ms @1 []", describe(sink.records));
        assertEquals("a:1|c\r", sink.records.get(0).raw());
        sink.records.clear();
        send("a:1|c\nbad\n", 0);
        assertEquals("ok a 1 c @1 [] ; malformed bad - null @1 [statsd-no-type]", describe(sink.records));
        sink.records.clear();
        send("\n\n", 0);
        assertTrue(sink.records.isEmpty());
    }

    @Test
    void snaplenCutLastLineIsAGapNotMalformed() {
        send("a:1|c\nb:2|", 10);
        assertEquals("ok a 1 c @1 []", describe(sink.records));
        assertEquals(List.of(14L), sink.gaps);
    }

    @Test
    void fuzzNeverThrows() {
        Random rnd = new Random(7);
        byte[] alphabet = "ab:|@#Tc,.-+0123456789\n\r msgdhx".getBytes(StandardCharsets.ISO_8859_1);
        List<MetricRecord> all = new ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[rnd.nextInt(80)];
            for (int i = 0; i < b.length; i++) b[i] = rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : alphabet[rnd.nextInt(alphabet.length)];
            sink.records.clear();
            decoder.datagram(DecoderTestSupport.SRC, DST, b, 0, b.length, rnd.nextInt(10) == 0 ? 5 : 0, T);
            for (MetricRecord r : sink.records) {
                assertNotNull(r.path());
                if (r.verdict() == Verdict.MALFORMED) assertFalse(r.problems().isEmpty());
            }
            if (all.size() < 10) all.addAll(sink.records);
        }
        // a line of thousands of values stays bounded
        String many = "a:" + "1:".repeat(5000) + "1|d";
        sink.records.clear();
        send(many, 0);
        assertEquals(StatsdLines.MAX_VALUES_PER_LINE + 1, sink.records.size());
    }

    @Test
    void jsNumberMatchesJavaScript() {
        String[][] cases = {{"1", "1"}, {"-1.5", "-1.5"}, {"", "0"}, {"  ", "0"}, {"0b101", "5"}, {"0o17", "15"},
            {"0X1f", "31"}, {"-0x10", "NaN"}, {"1e", "NaN"}, {"1.", "1"}, {".", "NaN"}, {"+.5e1", "5"},
            {"Infinity", "Infinity"}, {"-Infinity", "-Infinity"}, {"infinity", "NaN"}, {"1 2", "NaN"},
            {"12345678901234567890", "1.2345678901234567E19"}, {"007", "7"}, {"\t3\r", "3"}};
        for (String[] c : cases) {
            byte[] b = c[0].getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(Double.parseDouble(c[1]), JsNumber.parse(b, 0, b.length), c[0]);
        }
    }
}
