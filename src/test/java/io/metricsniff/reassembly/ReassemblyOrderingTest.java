package io.metricsniff.reassembly;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.decode.Packet;
import org.junit.jupiter.api.Test;


import static io.metricsniff.decode.Packet.ACK;
import static io.metricsniff.decode.Packet.FIN;
import static io.metricsniff.decode.Packet.PSH;
import static io.metricsniff.decode.Packet.RST;
import static io.metricsniff.decode.Packet.SYN;
import static io.metricsniff.reassembly.TcpTestKit.*;
import static org.junit.jupiter.api.Assertions.*;

/** Ordering, overlaps, holes, buffer limits and sequence-space checks of one direction. */
class ReassemblyOrderingTest extends ReassemblerFixture {
    @Test
    void inOrderStreamIsDeliveredFromThePacketBufferAndEndsWithFin() {
        handshake(C, S);
        Packet p1 = c2s(C + 1, S + 1, ACK | PSH, "a.b 1 1700000000\n");
        feed(p1);
        data(17, "c.d 2 1700000000\n");
        serverAcks(34);
        feed(c2s(C + 35, S + 1, FIN | ACK, ""));
        feed(s2c(S + 1, C + 36, FIN | ACK, ""));
        feed(c2s(C + 36, S + 2, ACK, ""));

        Recorder c = f.client(), s = f.server();
        assertFalse(c.midstream);
        assertFalse(s.midstream);
        assertEquals("D[a.b 1 1700000000\nc.d 2 1700000000\n]E:FIN", c.toString());
        assertEquals("E:FIN", s.toString());
        assertSame(p1.buf, c.buffersSeen.get(0), "in-order bytes are not copied");
        assertEquals(1, r.connections());
        assertEquals(0, r.stats().activeFlows());
        assertEquals(0, r.stats().gaps());
        assertEquals(0, r.stats().bufferedBytes());
    }

    @Test
    void reorderedSegmentsAreBufferedAndDeliveredInOrder() {
        handshake(C, S);
        data(10, "klmnopqrst");
        data(20, "uvwxyz");
        assertEquals("", f.client().toString());
        assertTrue(r.stats().bufferedBytes() > 0);
        data(0, "abcdefghij");
        assertEquals("D[abcdefghijklmnopqrstuvwxyz]", f.client().toString());
        assertEquals(0, r.stats().bufferedBytes());
        assertTrue(r.stats().maxBufferedBytes() >= 16);
    }

    @Test
    void duplicatesAreDeliveredOnce() {
        handshake(C, S);
        data(0, "abcde");
        data(0, "abcde");
        data(10, "klmno");
        data(10, "klmno");
        data(5, "fghij");
        data(5, "fghij");
        data(0, "abcde");
        data(15, "pq");
        assertEquals("D[abcdefghijklmnopq]", f.client().toString());
        assertEquals(0, r.stats().gaps());
        assertTrue(r.stats().duplicateSegments() >= 3);
    }

    @Test
    void retransmissionCutAtOtherBoundariesFillsExactly() {
        handshake(C, S);
        data(0, "0123456789");
        data(20, "KLMNOPQRST");
        data(30, "UVWXYZ");
        // the lost [10,20) comes back merged with neighbours, cut differently
        data(5, "56789ABCDEFGH");   // [5,18)
        data(16, "GHIJKLMN");       // [16,24)
        assertEquals("D[0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ]", f.client().toString());
        assertEquals(0, r.stats().gaps());
        assertEquals(0, r.stats().overlapConflicts());
        assertEquals(0, r.stats().bufferedBytes());
    }

    @Test
    void overlapWithSameBytesIsNoConflict() {
        handshake(C, S);
        data(0, "abc");
        data(10, "klmno");
        data(8, "ijklmnopq"); // overlaps buffered [10,15) with the same bytes
        data(3, "defgh");
        assertEquals("D[abcdefghijklmnopq]", f.client().toString());
        assertEquals(0, r.stats().overlapConflicts());
    }

    @Test
    void overlapWithDifferentBytesKeepsFirstCopyAndReportsIt() {
        handshake(C, S);
        data(0, "abc");
        data(10, "KLMNO");
        data(8, "ijXXXXXpq"); // [8,17): [10,15) differs from the buffered copy
        data(3, "defgh");
        assertEquals("D[abcdefghijKLMNOpq]", f.client().toString());
        assertEquals(1, r.stats().overlapConflicts());
        assertEquals(5, r.stats().overlapConflictBytes());
    }

    @Test
    void holeAtEndOfCaptureBecomesGapThenBufferedDataThenCaptureEnd() {
        handshake(C, S);
        data(0, "0123456789");
        data(20, "KLMNOPQRST");
        r.finish(t);
        assertEquals("D[0123456789]G10 D[KLMNOPQRST]E:CAPTURE_END", f.client().toString());
        assertEquals("E:CAPTURE_END", f.server().toString());
        assertEquals(1, r.stats().gaps());
        assertEquals(10, r.stats().gapBytes());
        assertEquals(0, r.stats().bufferedBytes());
        assertEquals(0, r.stats().activeFlows());
    }

    @Test
    void holeFilledLateLosesNothing() {
        handshake(C, S);
        data(0, "0123456789");
        data(20, "KLMNOPQRST");
        data(30, "UVWXYZ");
        for (int i = 0; i < 50; i++) feed(s2c(S + 1, C + 11, ACK, "")); // dup acks at the hole
        data(10, "ABCDEFGHIJ");
        r.finish(t);
        assertEquals("D[0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ]E:CAPTURE_END", f.client().toString());
        assertEquals(0, r.stats().gaps());
    }

    @Test
    void holeGivenUpWhenTheDirectionsBufferLimitIsReached() {
        long limit = 4 * (100 + SegmentBuffer.SEGMENT_COST);
        r = new TcpReassembler(f, ReassemblyLimits.defaults().withMaxBufferedPerDirection(limit));
        handshake(C, S);
        data(0, "x".repeat(50));
        String block = "y".repeat(100);
        for (int i = 0; i < 4; i++) data(60 + 100L * i, block); // hole [50,60), 4 blocks fit
        assertEquals("D[" + "x".repeat(50) + "]", f.client().toString());
        assertEquals(0, r.stats().bufferLimitHits());
        data(460, block); // the fifth does not fit: the hole is given up
        assertEquals("D[" + "x".repeat(50) + "]G10 D[" + "y".repeat(500) + "]", f.client().toString());
        assertEquals(1, r.stats().bufferLimitHits());
        assertEquals(0, r.stats().bufferedBytes());
        data(50, "late fill!"); // too late: already given up, not delivered twice
        assertEquals(550, f.client().bytes.size());
        assertTrue(r.stats().maxBufferedBytes() <= limit);
    }

    @Test
    void totalBufferLimitGivesUpHolesToo() {
        long total = 3 * (100 + SegmentBuffer.SEGMENT_COST);
        r = new TcpReassembler(f, ReassemblyLimits.defaults().withMaxBufferedTotal(total));
        handshake(C, S);
        for (int i = 0; i < 5; i++) data(10 + 100L * i, "z".repeat(100));
        assertTrue(r.stats().totalBufferLimitHits() >= 1);
        assertTrue(r.stats().maxBufferedBytes() <= total);
        r.finish(t);
        assertEquals("G10 D[" + "z".repeat(500) + "]E:CAPTURE_END", f.client().toString());
    }

    @Test
    void sequenceNumbersWrapAround() {
        long isn = 0xFFFFFFF0L;
        handshake(isn, S);
        // stream offsets 0..39 cross 2^32 at offset 15
        feed(c2s(isn + 1 + 20, S + 1, ACK, "KLMNOPQRST"));          // seq 0x00000005
        feed(c2s(isn + 1 + 10, S + 1, ACK, "ABCDEFGHIJ"));          // seq 0xFFFFFFFB.. crosses
        feed(c2s(isn + 1, S + 1, ACK, "0123456789"));               // seq 0xFFFFFFF1
        feed(c2s((isn + 1 + 30) & 0xFFFFFFFFL, S + 1, ACK | FIN, "UVWXYZ"));
        assertEquals("D[0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ]E:FIN", f.client().toString());
        assertEquals(0, r.stats().gaps());
    }

    @Test
    void bytesCutBySnaplenAreAGap() {
        handshake(C, S);
        feed(tcp(CLIENT_IP, CLIENT_PORT, SERVER_IP, SERVER_PORT, C + 1, S + 1, ACK, ascii("abcd"), 6));
        data(10, "klm");
        // out of order with a cut tail: [20,23) captured, [23,30) cut, then [30,33)
        feed(tcp(CLIENT_IP, CLIENT_PORT, SERVER_IP, SERVER_PORT, C + 1 + 20, S + 1, ACK, ascii("uvw"), 7));
        data(30, "456");
        data(13, "nopqrst");
        assertEquals("D[abcd]G6 D[klmnopqrstuvw]G7 D[456]", f.client().toString());
    }

    @Test
    void segmentsFarOutsideTheWindowAreDropped() {
        handshake(C, S);
        data(0, "abc");
        data(0x7000_0000L, "garbage");
        data(-0x5000_0000L, "garbage");
        data(3, "def");
        assertEquals("D[abcdef]", f.client().toString());
        assertEquals(2, r.stats().outOfWindowSegments());
        assertEquals(0, r.stats().bufferedBytes());
    }

    @Test
    void aConsistentRunOutsideTheWindowMovesTheStreamWithAGap() {
        handshake(C, S);
        data(0, "abc");
        long far = 0x6000_0000L;
        for (int i = 0; i < ResyncRun.RESYNC_SEGMENTS; i++) data(far + 2L * i, "x" + i);
        assertEquals(1, r.stats().resyncs());
        String expect = "D[abc]G" + (far + 2L * (ResyncRun.RESYNC_SEGMENTS - 1) - 3) + " D[x"
                + (ResyncRun.RESYNC_SEGMENTS - 1) + "]";
        assertEquals(expect, f.client().toString());
    }
}
