package io.metricsniff.protocol.graphite;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.reassembly.EndReason;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Verdict;
import io.metricsniff.protocol.LineConsumer;
import io.metricsniff.protocol.framing.DelimiterFramer;
import io.metricsniff.protocol.framing.FramingLimits;
import io.metricsniff.verdict.Judge;
import io.metricsniff.verdict.JudgedLines;
import io.metricsniff.verdict.Receivers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaintextStreamDecoderTest {
    static final Endpoint A = new Endpoint(new byte[] {127, 0, 0, 1}, 40000);
    static final Endpoint B = new Endpoint(new byte[] {127, 0, 0, 1}, 2003);
    static final long HOUR = 3600_000_000_000L;
    static final long NOW = 1_700_000_000L * 1_000_000_000L;

    static final class Sink implements RecordSink {
        final List<MetricRecord> records = new ArrayList<>();
        final List<Long> gaps = new ArrayList<>();
        final List<Long> skipped = new ArrayList<>();
        @Override public void metric(MetricRecord r) { records.add(r); }
        @Override public void skipped(long t, Endpoint s, Endpoint d, long bytes, String why) { skipped.add(bytes); }
        @Override public void gap(long t, Endpoint s, Endpoint d, long bytes) { gaps.add(bytes); }
        List<String> raws() { List<String> l = new ArrayList<>(); for (MetricRecord r : records) l.add(r.raw()); return l; }
        List<String> codes(int i) { List<String> l = new ArrayList<>(); for (Problem p : records.get(i).problems()) l.add(p.code()); return l; }
    }

    static Judge judge(String receiver) { return new Judge(Receivers.byName(receiver), HOUR, HOUR); }

    static DelimiterFramer decoder(boolean midstream, Judge judge, Sink sink) {
        return PlaintextStreamDecoder.open(midstream, FramingLimits.DEFAULTS, new JudgedLines(A, B, judge, sink));
    }

    static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void splitAtEveryBytePositionGivesTheSameLines() {
        String text = "a.b 1 1700000000\r\nc.d 2.5 1700000001\n\nlonger.name.here 3 1700000002\n";
        byte[] all = b(text);
        for (int cut1 = 0; cut1 <= all.length; cut1++) {
            for (int cut2 = cut1; cut2 <= all.length; cut2 += 7) {
                Sink sink = new Sink();
                DelimiterFramer d = decoder(false, judge("carbon"), sink);
                d.data(all, 0, cut1, NOW);
                d.data(all, cut1, cut2 - cut1, NOW + 1);
                d.data(all, cut2, all.length - cut2, NOW + 2);
                d.end(EndReason.FIN, NOW + 3);
                assertEquals(List.of("a.b 1 1700000000\r", "c.d 2.5 1700000001", "", "longer.name.here 3 1700000002"),
                        sink.raws(), "cuts " + cut1 + "," + cut2);
                assertEquals(Verdict.OK, sink.records.get(0).verdict());
                assertEquals(Verdict.MALFORMED, sink.records.get(2).verdict());
                assertEquals(List.of("empty-line"), sink.codes(2));
                assertEquals("longer.name.here", sink.records.get(3).path());
            }
        }
    }

    @Test
    void recordTimeIsThePacketThatCompletedTheLine() {
        Sink sink = new Sink();
        DelimiterFramer d = decoder(false, judge("carbon"), sink);
        d.data(b("a.b 1 17"), 0, 8, NOW);
        d.data(b("00000000\nx"), 0, 10, NOW + 5);
        assertEquals(NOW + 5, sink.records.get(0).timeNanos());
    }

    @Test
    void midstreamDropsUpToTheFirstNewline() {
        Sink sink = new Sink();
        DelimiterFramer d = decoder(true, judge("carbon"), sink);
        byte[] x = b("0000000\na.b 1 1700000000\n");
        d.data(x, 0, 3, NOW);
        d.data(x, 3, x.length - 3, NOW);
        assertEquals(List.of("a.b 1 1700000000"), sink.raws());
        assertEquals(8, d.skippedBytes());
        assertEquals(List.of(8L), sink.skipped, "the skipped start is reported, not lost silently");
    }

    @Test
    void gapDropsThePartialLineAndResumesAfterTheNextNewline() {
        Sink sink = new Sink();
        DelimiterFramer d = decoder(false, judge("carbon"), sink);
        d.data(b("a.b 1 1700000000\nc.d 2 17"), 0, 25, NOW);
        d.gap(1448, NOW);
        byte[] after = b("00 1700000000\ne.f 3 1700000000\n");
        d.data(after, 0, after.length, NOW);
        assertEquals(List.of("a.b 1 1700000000", "e.f 3 1700000000"), sink.raws());
        assertEquals(List.of(1448L), sink.gaps);
        assertEquals(8 + 14, d.skippedBytes(), "the cut line's start and the rest of it up to its newline");
        assertEquals(List.of(8L, 14L), sink.skipped, "both halves of the cut line are accounted for");
        for (MetricRecord r : sink.records) assertEquals(Verdict.OK, r.verdict());
    }

    @Test
    void unterminatedAtFinIsMalformedForCarbonButReadByRelayNg() {
        Sink sink = new Sink();
        DelimiterFramer d = decoder(false, judge("carbon"), sink);
        d.data(b("a.b 1 1700000000\nc.d 2 1700000000"), 0, 33, NOW);
        d.end(EndReason.FIN, NOW + 1);
        assertEquals(2, sink.records.size());
        MetricRecord last = sink.records.get(1);
        assertEquals("c.d 2 1700000000", last.raw());
        assertEquals(Verdict.MALFORMED, last.verdict());
        assertEquals(List.of("unterminated"), sink.codes(1));
        assertTrue(last.problems().get(0).message().contains("carbon drops"), last.problems().get(0).message());
        assertEquals("c.d", last.path());

        Sink ng = new Sink();
        d = decoder(false, judge("carbon-relay-ng"), ng);
        d.data(b("c.d 2 1700000000"), 0, 16, NOW);
        d.end(EndReason.FIN, NOW + 1);
        assertEquals(Verdict.OK, ng.records.get(0).verdict());
        assertEquals(List.of("unterminated"), ng.codes(0));
    }

    @Test
    void unterminatedAtCaptureEndSaysSo() {
        Sink sink = new Sink();
        DelimiterFramer d = decoder(false, judge("carbon"), sink);
        d.data(b("c.d 2 17000"), 0, 11, NOW);
        d.end(EndReason.CAPTURE_END, NOW + 1);
        assertEquals(List.of("unterminated"), sink.codes(0));
        assertTrue(sink.records.get(0).problems().get(0).message().contains("capture ended"));
        Sink none = new Sink();
        d = decoder(false, judge("carbon"), none);
        d.data(b("c.d 2 1700000000\n"), 0, 17, NOW);
        d.end(EndReason.FIN, NOW + 1);
        assertEquals(1, none.records.size());
    }

    @Test
    void endlessLineKeepsMemoryBoundedAndReportsTrueLength() {
        Sink sink = new Sink();
        DelimiterFramer d = decoder(false, judge("carbon"), sink);
        byte[] chunk = new byte[1448];
        java.util.Arrays.fill(chunk, (byte) 'x');
        long total = 0;
        for (int i = 0; i < 2000; i++) { d.data(chunk, 0, chunk.length, NOW); total += chunk.length; }
        byte[] tail = b(" 1 1700000000\nok.line 1 1700000000\n");
        d.data(tail, 0, tail.length, NOW);
        total += 13;
        MetricRecord big = sink.records.get(0);
        assertEquals(total, big.rawLength());
        assertEquals(FramingLimits.MAX_LINE_BYTES, big.rawBytes().length);
        assertEquals(List.of("line-too-long"), sink.codes(0));
        // carbon closed the connection on it: the next line is reported but lost
        assertEquals(Verdict.MALFORMED, sink.records.get(1).verdict());
        assertEquals(List.of("lost-after-close"), sink.codes(1));
        assertTrue(sink.records.get(1).problems().get(0).message().startsWith("carbon closed this connection at line 1"));
    }

    @Test
    void injectedLimitCutsTheKeptLineButNotItsLength() {
        Sink sink = new Sink();
        DelimiterFramer d = PlaintextStreamDecoder.open(false, new FramingLimits(8, 16),
                new JudgedLines(A, B, judge("carbon"), sink));
        d.data(b("a.long.name 1 1700"), 0, 18, NOW);
        d.data(b("000000\nb 1 1700000000\n"), 0, 22, NOW);
        assertEquals(List.of("a.long.n", "b 1 1700"), sink.raws(), "each line kept up to the limit, whole or split");
        assertEquals(24, sink.records.get(0).rawLength());
        assertEquals(14, sink.records.get(1).rawLength());
    }

    @Test
    void framerFeedsAConsumerThatDoesNotJudge() {
        List<String> seen = new ArrayList<>();
        LineConsumer collect = new LineConsumer() {
            @Override public void line(byte[] raw, long length, long t) { seen.add(new String(raw, StandardCharsets.UTF_8)); }
            @Override public void unterminated(byte[] raw, long length, EndReason r, long t) {
                seen.add("unterminated:" + new String(raw, StandardCharsets.UTF_8));
            }
            @Override public void gap(long bytes, long t) { seen.add("gap:" + bytes); }
            @Override public void skipped(long bytes, String why, long t) { seen.add("skipped:" + bytes); }
        };
        DelimiterFramer d = PlaintextStreamDecoder.open(false, FramingLimits.DEFAULTS, collect);
        d.data(b("a 1 inf\nb 1 2\nc 1"), 0, 17, NOW);
        d.gap(10, NOW);
        d.data(b("x\nd 1 2\ne"), 0, 9, NOW);
        d.end(EndReason.FIN, NOW);
        // no receiver: the line carbon would close on is just a line, and so is the next
        assertEquals(List.of("a 1 inf", "b 1 2", "gap:10", "skipped:3", "skipped:2", "d 1 2", "unterminated:e"), seen);
    }

    @Test
    void killerLineFlagsEveryLaterLine() {
        Sink sink = new Sink();
        JudgedLines judged = new JudgedLines(A, B, judge("carbon"), sink);
        DelimiterFramer d = PlaintextStreamDecoder.open(false, FramingLimits.DEFAULTS, judged);
        byte[] x = b("a 1 1700000000\nb 1 inf\nc 1 1700000000\nd nan 1700000000\ne 1");
        d.data(x, 0, x.length, NOW);
        d.end(EndReason.FIN, NOW);
        assertEquals(5, sink.records.size());
        assertEquals(Verdict.OK, sink.records.get(0).verdict());
        assertEquals(List.of("killer-timestamp"), sink.codes(1));
        assertEquals(List.of("lost-after-close"), sink.codes(2));
        assertTrue(sink.records.get(2).problems().get(0).message().contains("line 2 ('b 1 inf')"));
        assertEquals(List.of("nan-value", "lost-after-close"), sink.codes(3));
        assertEquals(List.of("field-count", "lost-after-close"), sink.codes(4)); // "e 1": 2 fields, unterminated
        assertEquals("c", sink.records.get(2).path());
        assertEquals("line 2 ('b 1 inf')", judged.killer());
        // go-carbon survives the same stream
        Sink go = new Sink();
        d = decoder(false, judge("go-carbon"), go);
        d.data(x, 0, x.length, NOW);
        assertEquals(Verdict.OK, go.records.get(2).verdict());
    }

    @Test
    void timingAppliesThroughTheJudge() {
        Sink sink = new Sink();
        DelimiterFramer d = decoder(false,
                new Judge(Receivers.byName("carbon"), 60_000_000_000L, 60_000_000_000L), sink);
        byte[] x = b("a 1 1699999000\nb 1 1700000500\nc 1 -1\nd 1 1700000010\n");
        d.data(x, 0, x.length, NOW);
        assertEquals(Verdict.LATE, sink.records.get(0).verdict());
        assertEquals(Verdict.FUTURE, sink.records.get(1).verdict());
        assertEquals(Verdict.OK, sink.records.get(2).verdict());
        assertEquals(Verdict.OK, sink.records.get(3).verdict());
    }
}
