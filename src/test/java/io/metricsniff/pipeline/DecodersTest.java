package io.metricsniff.pipeline;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.protocol.DatagramHandler;
import io.metricsniff.reassembly.EndReason;
import io.metricsniff.reassembly.StreamHandler;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Transport;
import io.metricsniff.verdict.Judge;
import io.metricsniff.verdict.Receivers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which decoder reads a TCP direction or a datagram: by port (auto) or forced. Public API only. */
class DecodersTest {
    static final long T = 1_795_508_376_000_000_000L;
    static final String LINE = "a.b 1 1795508376\n";
    static final byte[] LOCAL = {127, 0, 0, 1};
    static final Endpoint CLIENT = new Endpoint(LOCAL, 40000);

    final Records out = new Records();

    Decoders decoders(Protocol p) {
        return new Decoders(p, new Judge(Receivers.defaultProfile(), 60_000_000_000L, 60_000_000_000L), out);
    }

    static Endpoint port(int p) { return new Endpoint(LOCAL, p); }

    /** Feeds {@code bytes} at an odd offset, then closes the direction. */
    static void feed(StreamHandler h, byte[] bytes) {
        byte[] buf = new byte[bytes.length + 3];
        System.arraycopy(bytes, 0, buf, 3, bytes.length);
        h.data(buf, 3, bytes.length, T);
        h.end(EndReason.FIN, T);
    }

    static void feed(DatagramHandler h, Endpoint dst, byte[] bytes) {
        h.datagram(CLIENT, dst, bytes, 0, bytes.length, 0, T);
    }

    @Test void autoReadsPlaintextOnTheCarbonLinePorts() {
        Decoders d = decoders(Protocol.AUTO);
        for (int p : new int[] {2003, 2013, 2023}) feed(d.open(CLIENT, port(p), false, T), LINE.getBytes(StandardCharsets.US_ASCII));
        assertEquals(3, out.metrics.size());
        for (var r : out.metrics) {
            assertEquals(Protocol.GRAPHITE, r.protocol());
            assertEquals(Transport.TCP, r.transport());
            assertEquals("a.b", r.path());
        }
        assertEquals(0, d.unknownStreams());
    }

    @Test void autoReadsPickleOnThePicklePorts() {
        // protocol 0: [('a.b', (1795508376, 1.0))] behind its 4-byte length
        byte[] pickle = "(lp0\n(S'a.b'\np1\n(I1795508376\nF1.0\ntp2\ntp3\na.".getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[4 + pickle.length];
        framed[3] = (byte) pickle.length;
        System.arraycopy(pickle, 0, framed, 4, pickle.length);
        Decoders d = decoders(Protocol.AUTO);
        feed(d.open(CLIENT, port(2004), false, T), framed);
        assertEquals(1, out.metrics.size(), out.raws().toString());
        assertEquals(Protocol.PICKLE, out.metrics.get(0).protocol());
        assertEquals("a.b", out.metrics.get(0).path());
    }

    @Test void autoLeavesTheReceiversSideAloneAndCountsUnknownPorts() {
        Decoders d = decoders(Protocol.AUTO);
        assertNull(d.open(port(2003), CLIENT, false, T), "carbon's side carries nothing to read");
        assertEquals(0, d.unknownStreams(), "and is not an unknown stream");
        assertNull(d.firstUnknown());
        assertNull(d.open(CLIENT, port(9999), false, T));
        assertNull(d.forDatagram(port(9998)));
        assertEquals(2, d.unknownStreams());
        assertEquals(port(9999).toString(), d.firstUnknown().toString(), "the first one, for the hint");
    }

    @Test void forcedProtocolReadsAnyPort() {
        Decoders d = decoders(Protocol.GRAPHITE);
        feed(d.open(CLIENT, port(9999), false, T), LINE.getBytes(StandardCharsets.US_ASCII));
        feed(d.forDatagram(port(9999)), port(9999), LINE.getBytes(StandardCharsets.US_ASCII));
        assertEquals(2, out.metrics.size());
        assertEquals(Transport.TCP, out.metrics.get(0).transport());
        assertEquals(Transport.UDP, out.metrics.get(1).transport());
        assertEquals(Protocol.GRAPHITE, out.metrics.get(1).protocol());
        assertEquals(0, d.unknownStreams());
    }

    @Test void datagramsGoToStatsdOn8125AndGraphiteOn2003() {
        Decoders d = decoders(Protocol.AUTO);
        feed(d.forDatagram(port(8125)), port(8125), "hits:1|c".getBytes(StandardCharsets.US_ASCII));
        feed(d.forDatagram(port(2003)), port(2003), LINE.getBytes(StandardCharsets.US_ASCII));
        assertEquals(2, out.metrics.size());
        assertEquals(Protocol.STATSD, out.metrics.get(0).protocol());
        assertEquals(Protocol.GRAPHITE, out.metrics.get(1).protocol());
    }

    @Test void statsdIsNotReadOverTcpEvenWhenForced() {
        Decoders d = decoders(Protocol.STATSD);
        assertNull(d.open(CLIENT, port(8125), false, T));
        assertNotNull(d.forDatagram(port(9999)), "forced: any port's datagrams");
    }

    @Test void finishReachesTheSinks() {
        decoders(Protocol.AUTO).finish();
        assertEquals(1, out.finished);
    }
}
