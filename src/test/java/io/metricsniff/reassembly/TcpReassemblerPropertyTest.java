package io.metricsniff.reassembly;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.decode.Packet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.metricsniff.decode.Packet.ACK;
import static io.metricsniff.decode.Packet.FIN;
import static io.metricsniff.decode.Packet.SYN;
import static io.metricsniff.reassembly.TcpTestKit.*;
import static org.junit.jupiter.api.Assertions.*;

class TcpReassemblerPropertyTest {

    /** Random stream, cut into random overlapping segments, shuffled: must come out exactly. */
    @Test
    void shuffledOverlappingSegmentsReassembleExactly() {
        for (int seed = 0; seed < 300; seed++) {
            Random rnd = new Random(seed);
            byte[] stream = new byte[1 + rnd.nextInt(rnd.nextBoolean() ? 300 : 30_000)];
            rnd.nextBytes(stream);
            long isn = switch (seed % 3) {
                case 0 -> 0xFFFFFFFFL - rnd.nextInt(stream.length + 1); // wraps inside the stream
                case 1 -> rnd.nextInt() & 0xFFFFFFFFL;
                default -> 0xFFFFFFF0L;
            };
            List<Packet> segs = new ArrayList<>();
            int pos = 0;
            while (pos < stream.length) {
                int start = Math.max(0, pos - rnd.nextInt(40));
                int len = 1 + rnd.nextInt(rnd.nextBoolean() ? 64 : 1460);
                int end = Math.min(stream.length, Math.max(pos + 1, start + len));
                segs.add(seg(isn, stream, start, end, false));
                pos = end;
            }
            int extra = rnd.nextInt(segs.size() + 1); // plain duplicates and re-cut retransmissions
            for (int i = 0; i < extra; i++) {
                int start = rnd.nextInt(stream.length);
                int end = Math.min(stream.length, start + 1 + rnd.nextInt(2000));
                segs.add(seg(isn, stream, start, end, false));
            }
            boolean fin = rnd.nextBoolean();
            if (fin) segs.add(seg(isn, stream, stream.length, stream.length, true));
            Collections.shuffle(segs, rnd);

            Factory f = new Factory();
            TcpReassembler r = new TcpReassembler(f, ReassemblyLimits.defaults());
            long t = 1;
            r.segment(tcp(CLIENT_IP, CLIENT_PORT, SERVER_IP, SERVER_PORT, isn, 0, SYN, new byte[0], 0), t++);
            for (Packet p : segs) r.segment(p, t++);
            Recorder c = f.client();
            if (fin) {
                assertEquals(EndReason.FIN, c.reason, "seed " + seed);
            } else {
                assertEquals(0, c.ends, "seed " + seed);
                r.finish(t);
                assertEquals(EndReason.CAPTURE_END, c.reason, "seed " + seed);
            }
            assertArrayEquals(stream, c.bytes.toByteArray(), "seed " + seed);
            assertEquals(0, r.stats().gaps(), "seed " + seed);
            assertEquals(0, r.stats().overlapConflicts(), "seed " + seed);
            assertEquals(0, r.stats().bufferedBytes(), "seed " + seed);
        }
    }

    private static Packet seg(long isn, byte[] stream, int start, int end, boolean fin) {
        byte[] payload = java.util.Arrays.copyOfRange(stream, start, end);
        return tcp(CLIENT_IP, CLIENT_PORT, SERVER_IP, SERVER_PORT, isn + 1 + start, 0,
                ACK | (fin ? FIN : 0), payload, 0);
    }

    /**
     * Thousands of flows, each with a hole at its start and out-of-order segments behind it:
     * buffered bytes never exceed the limits, and every byte of every stream comes out exactly
     * once, either as data (the right data, at the right place) or inside a gap.
     */
    @Test
    void memoryStaysBoundedAndNothingIsSilentlyLost() {
        int flows = 3000, segsPerFlow = 40, segLen = 100, hole = 100;
        long perDir = 16 * 1024, total = 512 * 1024;
        ReassemblyLimits limits = ReassemblyLimits.defaults()
                .withMaxBufferedPerDirection(perDir).withMaxBufferedTotal(total);
        Map<Integer, PositionChecker> byPort = new HashMap<>();
        StreamHandlerFactory factory = (src, dst, midstream, time) -> {
            PositionChecker pc = new PositionChecker(src.port());
            byPort.put(src.port(), pc);
            return pc;
        };
        TcpReassembler r = new TcpReassembler(factory, limits);
        Random rnd = new Random(42);
        List<int[]> order = new ArrayList<>(); // {flow, segment index}
        for (int fl = 0; fl < flows; fl++) {
            for (int s = 0; s < segsPerFlow; s++) order.add(new int[] {fl, s});
        }
        Collections.shuffle(order, rnd);
        long t = 1;
        for (int fl = 0; fl < flows; fl++) {
            r.segment(tcp(CLIENT_IP, 10_000 + fl, SERVER_IP, SERVER_PORT, 0, 0, SYN, new byte[0], 0), t++);
        }
        for (int[] o : order) {
            int port = 10_000 + o[0];
            int off = hole + o[1] * segLen;
            byte[] payload = new byte[segLen];
            for (int i = 0; i < segLen; i++) payload[i] = PositionChecker.byteAt(port, off + i);
            r.segment(tcp(CLIENT_IP, port, SERVER_IP, SERVER_PORT, 1 + off, 0, ACK, payload, 0), t++);
            assertTrue(r.stats().bufferedBytes() <= total, "total bound");
        }
        assertTrue(r.stats().maxBufferedBytes() <= total);
        assertTrue(r.stats().totalBufferLimitHits() > 0, "the test must actually trip the total limit");
        r.finish(t);
        assertEquals(0, r.stats().bufferedBytes());
        long extent = hole + (long) segsPerFlow * segLen;
        for (int fl = 0; fl < flows; fl++) {
            PositionChecker pc = byPort.get(10_000 + fl);
            assertNull(pc.error, pc.error);
            assertEquals(extent, pc.position, "flow " + fl);
            assertTrue(pc.gapBytes >= hole, "the first hole is never filled");
            assertTrue(pc.ended);
        }
    }

    @Test
    void flowTableNeverExceedsItsLimit() {
        ReassemblyLimits limits = ReassemblyLimits.defaults().withMaxFlows(500);
        Factory f = new Factory();
        TcpReassembler r = new TcpReassembler(f, limits);
        Random rnd = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            int port = 1 + rnd.nextInt(5000);
            r.segment(tcp(CLIENT_IP, port, SERVER_IP, SERVER_PORT, rnd.nextInt(), 0, ACK, new byte[] {1, 2}, 0), i);
            assertTrue(r.trackedFlows() <= 500);
        }
        assertTrue(r.stats().evictions() > 0);
        assertEquals(r.connections() - r.stats().evictions(), r.stats().activeFlows());
    }

    /** Checks each data byte against the byte expected at its stream position. */
    static final class PositionChecker implements StreamHandler {
        final int port;
        long position, gapBytes;
        boolean ended;
        String error;

        PositionChecker(int port) { this.port = port; }

        static byte byteAt(int port, long pos) { return (byte) (pos * 31 + port); }

        @Override public void data(byte[] buf, int off, int len, long timeNanos) {
            for (int i = 0; i < len; i++) {
                if (error == null && buf[off + i] != byteAt(port, position + i)) {
                    error = "port " + port + ": wrong byte at " + (position + i);
                }
            }
            position += len;
        }

        @Override public void gap(long bytes, long timeNanos) {
            position += bytes;
            gapBytes += bytes;
        }

        @Override public void end(EndReason reason, long timeNanos) {
            if (ended) error = "ended twice";
            ended = true;
        }
    }

    /**
     * Random garbage on a few tuples (flags, sequence and ack numbers near and far, cut payloads):
     * no exception, no event after an end, bounded buffers, and everything closed by finish.
     */
    @Test
    void randomPacketsNeverBreakTheInvariants() {
        long perDir = 8 * 1024, total = 20 * 1024;
        ReassemblyLimits limits = ReassemblyLimits.defaults().withMaxBufferedPerDirection(perDir)
                .withMaxBufferedTotal(total).withMaxFlows(6).withIdleTimeoutNanos(5_000);
        for (int seed = 0; seed < 20; seed++) {
            Random rnd = new Random(seed);
            Factory f = new Factory();
            TcpReassembler r = new TcpReassembler(f, limits);
            long[] base = new long[8];
            for (int i = 0; i < base.length; i++) base[i] = rnd.nextInt() & 0xFFFFFFFFL;
            long t = 0;
            for (int i = 0; i < 10_000; i++) {
                int tuple = rnd.nextInt(rnd.nextInt(10) == 0 ? 8 : 4);
                boolean up = rnd.nextBoolean();
                int port = 20_000 + tuple;
                long b = base[tuple] + (up ? 0 : 0x4000_0000L);
                long seq = switch (rnd.nextInt(10)) {
                    case 0 -> rnd.nextInt();
                    case 1 -> b - rnd.nextInt(100);
                    default -> b + rnd.nextInt(40_000);
                };
                long ack = rnd.nextInt(4) == 0 ? rnd.nextInt() : b + 0x4000_0000L + rnd.nextInt(3000);
                int flags = Packet.ACK;
                int roll = rnd.nextInt(100);
                if (roll < 1) flags |= Packet.SYN;
                else if (roll < 2) flags |= Packet.FIN;
                else if (rnd.nextInt(1000) == 0) flags |= Packet.RST;
                if (rnd.nextInt(20) == 0) flags &= ~Packet.ACK;
                byte[] payload = new byte[rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(1500)];
                rnd.nextBytes(payload);
                int missing = rnd.nextInt(30) == 0 ? rnd.nextInt(2000) : 0;
                Packet p = up
                        ? tcp(CLIENT_IP, port, SERVER_IP, SERVER_PORT, seq, ack, flags, payload, missing)
                        : tcp(SERVER_IP, SERVER_PORT, CLIENT_IP, port, seq, ack, flags, payload, missing);
                t += rnd.nextInt(100);
                r.segment(p, t);
                if (rnd.nextInt(500) == 0) r.expireIdle(t);
                assertTrue(r.stats().bufferedBytes() >= 0 && r.stats().bufferedBytes() <= total, "seed " + seed);
                assertTrue(r.trackedFlows() <= 6);
                assertTrue(r.stats().activeFlows() >= 0 && r.stats().activeFlows() <= r.trackedFlows());
            }
            r.finish(t);
            assertEquals(0, r.stats().bufferedBytes());
            assertEquals(0, r.stats().activeFlows());
            assertTrue(r.stats().maxBufferedBytes() <= total);
            for (Recorder rec : f.all) assertEquals(1, rec.ends, "seed " + seed + " " + rec.src);
        }
    }
}
