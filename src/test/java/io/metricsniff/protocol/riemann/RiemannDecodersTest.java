package io.metricsniff.protocol.riemann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.protocol.DecoderTestSupport;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Verdict;
import io.metricsniff.reassembly.EndReason;
import io.metricsniff.record.Problems;
import io.metricsniff.verdict.Judge;
import io.metricsniff.verdict.JudgedRiemannDatagrams;
import io.metricsniff.verdict.JudgedRiemannEvents;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiemannDecodersTest {
    private static final long T = 1795508376L;
    private static final long NOW = T * 1_000_000_000L;
    private static final Endpoint SRC = DecoderTestSupport.SRC;
    private static final Endpoint DST = new Endpoint(new byte[] {127, 0, 0, 1}, 5555);

    private final DecoderTestSupport.Sink sink = new DecoderTestSupport.Sink();
    private final RiemannStats stats = new RiemannStats();
    private final Judge judge = DecoderTestSupport.judge(new DecoderTestSupport.TinyProfile());
    private final RiemannStreamDecoder tcp = new RiemannStreamDecoder(false, stats, new JudgedRiemannEvents(SRC, DST, judge, sink));

    /** Feeds the bytes in pieces of {@code step} so frames straddle segments. */
    private void feed(byte[] b, int step) {
        for (int i = 0; i < b.length; i += step) tcp.data(b, i, Math.min(step, b.length - i), NOW);
    }

    @Test
    void framesAcrossSegmentsGiveOneRecordPerEvent() {
        byte[] two = RiemannWire.build(o -> {
            RiemannWire.message(o, 6, e -> { e.writeString(4, "a.b"); e.writeString(3, "x 0.99"); e.writeSInt64(13, 10_000_000); e.writeInt64(1, T); });
            RiemannWire.message(o, 6, e -> { e.writeString(4, "c"); e.writeString(3, "y"); e.writeString(2, "critical"); e.writeInt64(1, T); });
        });
        byte[] stream = RiemannWire.framed(RiemannWire.event("h", "s", 1e7, T), two);
        for (int step : new int[] {1, 3, 7, stream.length}) {
            sink.records.clear();
            RiemannStreamDecoder d = new RiemannStreamDecoder(false, stats, new JudgedRiemannEvents(SRC, DST, judge, sink));
            for (int i = 0; i < stream.length; i += step) d.data(stream, i, Math.min(step, stream.length - i), NOW);
            d.end(EndReason.FIN, NOW);
            assertEquals(3, sink.records.size(), "step " + step);
            MetricRecord first = sink.records.get(0);
            assertEquals(Protocol.RIEMANN, first.protocol());
            assertEquals("h.s", first.path());
            assertEquals(1e7, first.value());
            assertEquals((double) T, first.timestamp());
            assertEquals("{:host \"h\", :service \"s\", :metric_d 1.0E7, :time " + T + "}", first.raw());
            assertEquals("b.a.x.99", sink.records.get(1).path());
            assertEquals(1e7, sink.records.get(1).value());
            MetricRecord noMetric = sink.records.get(2);
            assertEquals(Verdict.OK, noMetric.verdict());
            assertEquals(Problems.RIEMANN_NO_METRIC, noMetric.problems().get(0).code());
            assertTrue(!noMetric.hasValue());
            assertEquals("critical", noMetric.riemann().state());
        }
    }

    @Test
    void serverAnswersAndQueriesMakeNoRecords() {
        feed(RiemannWire.framed(RiemannWire.build(o -> o.writeBool(2, true)),
                RiemannWire.build(o -> RiemannWire.message(o, 5, q -> q.writeString(1, "true"))),
                RiemannWire.build(o -> { o.writeBool(2, true); RiemannWire.message(o, 6, e -> e.writeDouble(14, 1)); })), 5);
        assertEquals(List.of(), sink.records);
        assertEquals(2, stats.responses());
        assertEquals(1, stats.queries());
    }

    @Test
    void aLengthOverRiemannsLimitClosesTheConnection() {
        byte[] huge = RiemannWire.concat(new byte[] {(byte) 0x80, 0, 0, 0}, RiemannWire.framed(RiemannWire.event("h", "s", 1, T)));
        feed(huge, 1000);
        tcp.end(EndReason.FIN, NOW);
        assertEquals(List.of(Problems.RIEMANN_FRAME_TOO_LARGE), sink.codes());
        assertEquals(Verdict.MALFORMED, sink.records.get(0).verdict());
        assertEquals(List.of((long) huge.length - 4), sink.skipped, "everything after the prefix is skipped and counted");
    }

    @Test
    void aFrameOverOurBufferIsNotBufferedAndTheRestIsCounted() {
        RiemannStreamDecoder small = new RiemannStreamDecoder(false, 64, stats, new JudgedRiemannEvents(SRC, DST, judge, sink));
        byte[] stream = RiemannWire.framed(RiemannWire.event("h", "first", 1, T), new byte[65],
                RiemannWire.event("h", "after", 2, T));
        small.data(stream, 0, stream.length, NOW);
        small.end(EndReason.FIN, NOW);
        assertEquals(1, stats.oversizedFrames());
        assertEquals(1, sink.records.size(), "the frame before it is decoded");
        assertEquals("h.first", sink.records.get(0).path());
        int firstFrame = 4 + RiemannWire.event("h", "first", 1, T).length;
        assertEquals(List.of((long) stream.length - firstFrame - 4), sink.skipped, "every byte after its prefix is counted");
        assertEquals(RiemannStreamDecoder.MAX_BUFFERED_FRAME, 4 << 20);
    }

    @Test
    void garbageIsOneMalformedRecordAndTheRestIsLost() {
        byte[] garbage = RiemannWire.framed("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
        byte[] stream = RiemannWire.concat(garbage, RiemannWire.framed(RiemannWire.event("h", "s", 1, T)));
        feed(stream, 4);
        tcp.end(EndReason.FIN, NOW);
        assertEquals(List.of(Problems.RIEMANN_BAD_PROTOBUF), sink.codes());
        assertTrue(sink.records.get(0).raw().startsWith("[riemann frame, 27 bytes: 47 45 54 20"), sink.records.get(0).raw());
        assertEquals(List.of((long) stream.length - garbage.length), sink.skipped);
    }

    @Test
    void aConnectionClosedInsideAFrameReportsIt() {
        byte[] f = RiemannWire.framed(RiemannWire.event("h", "s", 1, T));
        feed(Arrays.copyOf(f, f.length - 3), 100);
        tcp.end(EndReason.FIN, NOW);
        assertEquals(List.of(Problems.RIEMANN_UNTERMINATED), sink.codes());
        assertTrue(sink.records.get(0).problems().get(0).message().contains((f.length - 7) + " of " + (f.length - 4) + " bytes"));
    }

    @Test
    void afterAGapTheRestIsSkipped() {
        byte[] f = RiemannWire.framed(RiemannWire.event("h", "s", 1, T));
        feed(Arrays.copyOf(f, 6), 6);
        tcp.gap(100, NOW);
        feed(f, 5);
        tcp.end(EndReason.FIN, NOW);
        assertEquals(List.of(), sink.records);
        assertEquals(List.of(100L), sink.gaps);
        assertEquals(List.of(6L + f.length), sink.skipped);
    }

    @Test
    void midstreamIsSkipped() {
        RiemannStreamDecoder d = new RiemannStreamDecoder(true, stats, new JudgedRiemannEvents(SRC, DST, judge, sink));
        byte[] f = RiemannWire.framed(RiemannWire.event("h", "s", 1, T));
        d.data(f, 0, f.length, NOW);
        d.end(EndReason.FIN, NOW);
        assertEquals(List.of(), sink.records);
        assertEquals(List.of((long) f.length), sink.skipped);
    }

    @Test
    void datagramsAreOneMsgEach() {
        RiemannDatagramDecoder udp = new RiemannDatagramDecoder(new JudgedRiemannDatagrams(judge, sink));
        byte[] ok = RiemannWire.event("h.example", "load 1m", 0.75, T);
        udp.datagram(SRC, DST, ok, 0, ok.length, 0, NOW);
        byte[] bad = {0x32, 0x7f};
        udp.datagram(SRC, DST, bad, 0, bad.length, 0, NOW);
        byte[] tooBig = new byte[RiemannDatagramDecoder.RIEMANN_MAX_DATAGRAM + 1];
        udp.datagram(SRC, DST, tooBig, 0, tooBig.length, 0, NOW);
        udp.datagram(SRC, DST, ok, 0, ok.length - 2, 2, NOW); // cut by the snaplen: not decoded
        assertEquals(3, sink.records.size());
        assertEquals("example.h.load.1m", sink.records.get(0).path());
        assertEquals(List.of(Problems.RIEMANN_BAD_PROTOBUF, Problems.RIEMANN_BAD_PROTOBUF), sink.codes());
        assertEquals(List.of(2L), sink.gaps, "a datagram the snaplen cut is a gap");
    }

    @Test
    void anEventWithoutTimeTakesTheCaptureSecondAndSaysSo() {
        feed(RiemannWire.framed(RiemannWire.build(o -> RiemannWire.message(o, 6, e -> { e.writeString(4, "h"); e.writeSInt64(13, 42); }))), 50);
        MetricRecord r = sink.records.get(0);
        assertEquals((double) T, r.timestamp());
        assertEquals(Problems.RIEMANN_NO_TIME, r.problems().get(0).code());
        assertNull(r.riemann().service());
        assertEquals("sint64", r.riemann().metricType());
    }

    @Test
    void aTimeOutsideJavaIntIsANoteRiemannsGraphiteOutputFailsOn() {
        feed(RiemannWire.framed(RiemannWire.event("h", "s", 1, 1L << 32)), 50);
        MetricRecord r = sink.records.get(0);
        assertEquals((double) (1L << 32), r.timestamp());
        assertEquals(List.of(Problems.RIEMANN_TIME_RANGE, "future"), sink.codes(), "2106 is also in the future");
        assertEquals(Verdict.FUTURE, r.verdict());
    }

    @Test
    void timeMicrosIsTruncatedToWholeSecondsAsIntDoes() {
        feed(RiemannWire.framed(RiemannWire.build(o -> RiemannWire.message(o, 6, e -> {
            e.writeInt64(1, T - 100);          // time_micros wins
            e.writeInt64(10, T * 1_000_000 + 999_999);
            e.writeFloat(15, 2.5f);
        }))), 50);
        MetricRecord r = sink.records.get(0);
        assertEquals((double) T, r.timestamp());
        assertEquals(T + 0.999999, r.riemann().eventTime(), 1e-6);
        assertEquals(List.of(), sink.codes());
    }
}
