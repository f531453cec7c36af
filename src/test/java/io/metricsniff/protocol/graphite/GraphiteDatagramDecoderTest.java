package io.metricsniff.protocol.graphite;

import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.metricsniff.verdict.JudgedDatagramLines;

import static io.metricsniff.protocol.graphite.PlaintextStreamDecoderTest.A;
import static io.metricsniff.protocol.graphite.PlaintextStreamDecoderTest.B;
import static io.metricsniff.protocol.graphite.PlaintextStreamDecoderTest.NOW;
import static io.metricsniff.protocol.graphite.PlaintextStreamDecoderTest.judge;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GraphiteDatagramDecoderTest {
    static PlaintextStreamDecoderTest.Sink run(byte[] payload, int missing) {
        PlaintextStreamDecoderTest.Sink sink = new PlaintextStreamDecoderTest.Sink();
        new GraphiteDatagramDecoder(new JudgedDatagramLines(judge("carbon"), sink)).datagram(A, B, payload, 0, payload.length - missing, missing, NOW);
        return sink;
    }

    @Test
    void splitsLikePythonSplitlines() {
        String text = "a 1 1700000000\r\nb 1 1700000000\rc 1 1700000000\u000bd 1 1700000000\u000c"
                + "e 1 1700000000\u001cf 1 1700000000\u001dg 1 1700000000\u001eh 1 1700000000\u0085"
                + "i 1 1700000000\u2028j 1 1700000000\u2029\nk 1 1700000000\u001fx\n";
        PlaintextStreamDecoderTest.Sink sink = run(text.getBytes(StandardCharsets.UTF_8), 0);
        // python3: same text .splitlines()
        assertEquals(List.of("a 1 1700000000", "b 1 1700000000", "c 1 1700000000", "d 1 1700000000",
                "e 1 1700000000", "f 1 1700000000", "g 1 1700000000", "h 1 1700000000", "i 1 1700000000",
                "j 1 1700000000", "", "k 1 1700000000\u001fx"), sink.raws());
        for (MetricRecord r : sink.records) assertEquals(Transport.UDP, r.transport());
        assertEquals(Verdict.MALFORMED, sink.records.get(10).verdict()); // empty line: invalid line
        assertEquals(List.of("field-count"), sink.codes(11));            // \x1f splits fields, not lines
    }

    @Test
    void over8192BytesIsTruncated() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 0;
        while (out.size() < 9000) out.writeBytes(String.format("metric.%04d 1 1700000000\n", n++).getBytes(StandardCharsets.US_ASCII));
        byte[] payload = out.toByteArray();
        PlaintextStreamDecoderTest.Sink sink = run(payload, 0);
        assertEquals(n, sink.records.size());
        int lineLen = 25; // "metric.0000 1 1700000000\n"
        int cutLine = 8192 / lineLen;
        for (int i = 0; i < n; i++) {
            MetricRecord r = sink.records.get(i);
            if (i < cutLine) assertEquals(Verdict.OK, r.verdict(), "line " + i);
            else assertEquals(List.of("udp-truncated"), sink.codes(i), "line " + i);
        }
        assertEquals(true, sink.records.get(cutLine).problems().get(0).message().contains("cut there"));
        assertEquals(true, sink.records.get(cutLine + 1).problems().get(0).message().contains("beyond"));
    }

    @Test
    void truncationInsideAUtf8CharacterLosesTheWholeDatagram() {
        StringBuilder sb = new StringBuilder("first 1 1700000000\n");
        while (sb.length() < 8191) sb.append('x');
        sb.append("\u00e9 1 1700000000\n"); // 2 bytes at 8191-8192: recvfrom cuts it in half
        PlaintextStreamDecoderTest.Sink sink = run(sb.toString().getBytes(StandardCharsets.UTF_8), 0);
        assertEquals(List.of("invalid-utf8"), sink.codes(0));
    }

    @Test
    void killerLosesTheRestOfTheDatagram() {
        PlaintextStreamDecoderTest.Sink sink = run("a 1 1700000000\nb 1 inf\nc 1 1700000000\n".getBytes(StandardCharsets.US_ASCII), 0);
        assertEquals(Verdict.OK, sink.records.get(0).verdict());
        assertEquals(List.of("killer-timestamp"), sink.codes(1));
        assertEquals(List.of("lost-in-datagram"), sink.codes(2));
    }

    @Test
    void snaplenCutLineIsDroppedAndReportedAsAGap() {
        PlaintextStreamDecoderTest.Sink sink = new PlaintextStreamDecoderTest.Sink();
        GraphiteDatagramDecoder d = new GraphiteDatagramDecoder(new JudgedDatagramLines(judge("carbon"), sink));
        byte[] p = "a 1 1700000000\nb 1 17".getBytes(StandardCharsets.US_ASCII);
        d.datagram(A, B, p, 0, p.length, 9, NOW);
        assertEquals(List.of("a 1 1700000000"), sink.raws());
        assertEquals(List.of(9L + "b 1 17".length()), sink.gaps, "the cut line and what the snaplen dropped");
    }
}
