package io.metricsniff.pipeline;

import io.metricsniff.anomaly.Anomaly;
import io.metricsniff.decode.Packet;
import io.metricsniff.reassembly.ReassemblyLimits;
import io.metricsniff.record.Protocol;
import io.metricsniff.verdict.Judge;
import io.metricsniff.verdict.Receivers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.metricsniff.testutil.Frames.LOCALHOST;
import static io.metricsniff.testutil.Frames.ascii;
import static io.metricsniff.testutil.Frames.tcp4;
import static io.metricsniff.testutil.Frames.udp4;
import static io.metricsniff.testutil.LinkFrames.ETHERTYPE_ARP;
import static io.metricsniff.testutil.LinkFrames.ethernet;
import static io.metricsniff.testutil.LinkFrames.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frames in, records and anomalies out: decode, TCP reassembly, UDP dispatch, counting. */
class PipelineTest {
    static final int EN10MB = 1;
    static final long T = 1_795_508_376_000_000_000L;
    static final long MS = 1_000_000L;

    final Records out = new Records();
    final List<Integer> teed = new ArrayList<>();
    final Pipeline pipeline = new Pipeline(EN10MB,
            new Decoders(Protocol.AUTO, new Judge(Receivers.defaultProfile(), 60_000 * MS, 60_000 * MS), out),
            ReassemblyLimits.defaults(), (t, d, cap, orig) -> teed.add(orig));

    void send(byte[] frame, long t) { pipeline.packet(t, frame, frame.length, frame.length); }

    @Test void aTcpConnectionBecomesRecordsAcrossSegments() {
        byte[] a = ascii("a.b 1 1795508376\nc.d 2 17955");
        byte[] b = ascii("08376\ne.f 3");
        send(tcp4(LOCALHOST, 40000, LOCALHOST, 2003, 1000, 0, Packet.SYN, new byte[0]), T);
        send(tcp4(LOCALHOST, 2003, LOCALHOST, 40000, 5000, 1001, Packet.SYN | Packet.ACK, new byte[0]), T + MS);
        send(tcp4(LOCALHOST, 40000, LOCALHOST, 2003, 1001, 5001, Packet.ACK | Packet.PSH, a), T + 2 * MS);
        send(tcp4(LOCALHOST, 40000, LOCALHOST, 2003, 1001 + a.length, 5001, Packet.ACK | Packet.PSH, b), T + 3 * MS);
        pipeline.finish();

        assertEquals(List.of("a.b 1 1795508376", "c.d 2 1795508376", "e.f 3"), out.raws());
        assertTrue(out.metrics.get(2).problems().stream().anyMatch(p -> p.code().equals("unterminated")),
                "the partial line is reported when the capture ends");
        assertEquals(4, pipeline.counters().packets());
        assertEquals(4, teed.size(), "the -O tap sees every packet");
        assertEquals(1, pipeline.flows());
        assertEquals(1, out.finished);
    }

    @Test void everyObserverSeesEveryTcpSegment() {
        List<Integer> hops = new ArrayList<>(), health = new ArrayList<>();
        pipeline.observe(null);
        pipeline.observe((pkt, t) -> hops.add(pkt.window));
        pipeline.observe((pkt, t) -> health.add(pkt.tcpFlags));
        send(tcp4(LOCALHOST, 40000, LOCALHOST, 2003, 1000, 0, Packet.SYN, new byte[0]), T);
        send(tcp4(LOCALHOST, 2003, LOCALHOST, 40000, 5000, 1001, Packet.RST | Packet.ACK, new byte[0]), T + MS);
        assertEquals(2, hops.size(), "the first observer (hops) still sees segments after a second joins");
        assertEquals(List.of(Packet.SYN, Packet.RST | Packet.ACK), health);
    }

    @Test void datagramsGoToTheirDecoderAndCountOneFlowPerPair() {
        send(udp4(LOCALHOST, 50000, LOCALHOST, 8125, ascii("hits:1|c")), T);
        send(udp4(LOCALHOST, 50000, LOCALHOST, 8125, ascii("hits:2|c")), T + MS);
        send(udp4(LOCALHOST, 50001, LOCALHOST, 8125, ascii("hits:3|c")), T + 2 * MS);
        pipeline.finish();
        assertEquals(3, out.metrics.size());
        assertEquals(Protocol.STATSD, out.metrics.get(0).protocol());
        assertEquals(2, pipeline.flows());
        assertEquals(2, pipeline.counters().udpFlows());
    }

    @Test void badPacketsAreCountedUnderTheirAnomalyAndSkipped() {
        byte[] good = tcp4(LOCALHOST, 40000, LOCALHOST, 2003, 1, 0, Packet.ACK, ascii("a.b 1 1795508376\n"));
        pipeline.packet(T, good, 20, good.length);                      // snaplen cut inside the IP header
        send(with(good, 14, 0x44), T);                                   // IHL 4: contradictory header
        send(ethernet(ETHERTYPE_ARP, new byte[28]), T);                  // not IP
        send(udp4(LOCALHOST, 50000, LOCALHOST, 9999, ascii("x 1 2\n")), T); // no metric port
        pipeline.finish();

        assertEquals(0, out.metrics.size());
        assertEquals(4, pipeline.counters().packets());
        assertEquals(1, pipeline.anomalies().get(Anomaly.TRUNCATED_PACKETS));
        assertEquals(1, pipeline.anomalies().get(Anomaly.CORRUPT_PACKETS));
        assertEquals(2, pipeline.anomalies().get(Anomaly.IGNORED_PACKETS));
        assertEquals(1, pipeline.anomalies().get(Anomaly.UNKNOWN_STREAMS), "reported by Decoders as a source");
        assertEquals(0, pipeline.flows(), "nothing readable: no flow");
    }
}
