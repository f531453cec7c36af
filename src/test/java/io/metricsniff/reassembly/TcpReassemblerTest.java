package io.metricsniff.reassembly;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.decode.Packet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.metricsniff.decode.Packet.ACK;
import static io.metricsniff.decode.Packet.FIN;
import static io.metricsniff.decode.Packet.PSH;
import static io.metricsniff.decode.Packet.RST;
import static io.metricsniff.decode.Packet.SYN;
import static io.metricsniff.reassembly.TcpTestKit.*;
import static org.junit.jupiter.api.Assertions.*;

class TcpReassemblerTest {
    static final long C = 1000, S = 5000; // client and server ISNs
    static final long SEC = 1_000_000_000L;

    final Factory f = new Factory();
    TcpReassembler r = new TcpReassembler(f, ReassemblyLimits.defaults());
    long t = 1_700_000_000L * SEC;

    void feed(Packet p) { r.segment(p, t += 1000); }

    void handshake(long c, long s) {
        feed(c2s(c, SYN, ""));
        feed(s2c(s, c + 1, SYN | ACK, ""));
        feed(c2s(c + 1, s + 1, ACK, ""));
    }

    /** Client data at stream offset {@code off} (0 = first byte after the SYN). */
    void data(long off, String s) { feed(c2s(C + 1 + off, S + 1, ACK | PSH, s)); }

    /** Server acknowledges client stream offset {@code off}. */
    void serverAcks(long off) { feed(s2c(S + 1, C + 1 + off, ACK, "")); }

    /** Enough further packets (duplicate ACKs) for an ACK past a hole to be believed. */
    void ackGrace(long off) {
        for (int i = 0; i < AckGrace.ACK_GRACE_PACKETS; i++) serverAcks(off);
    }

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
    void midstreamStartsAtFirstSeqAndKeepsAnEarlierSegmentSeenLater() {
        feed(c2s(7000, ACK, "second "));
        feed(c2s(6993, ACK, "first: "));  // reordered at capture start: lower seq arrives later
        feed(c2s(7007, ACK, "third "));
        assertNull(f.client(), "still holding the start: no handler asked yet");
        feed(c2s(7013, ACK, "fourth\n"));  // 4th segment releases the hold
        Recorder c = f.client();
        assertTrue(c.midstream);
        assertEquals("D[first: second third fourth\n]", c.toString());
        feed(c2s(7020, ACK, "fifth\n"));
        assertEquals("first: second third fourth\nfifth\n", c.text());
        assertSame(null, f.server(), "the server sent nothing: no stream opened");
        assertEquals(0, r.stats().gaps());
    }

    @Test
    void midstreamHoldEndsWhenThePeersAckIsBelieved() {
        feed(c2s(7000, ACK, "one\n"));
        assertNull(f.client());
        for (int i = 0; i < AckGrace.ACK_GRACE_PACKETS; i++) feed(s2c(300, 7004, ACK, ""));
        assertNull(f.client());
        feed(s2c(300, 7004, ACK, ""));
        assertEquals("D[one\n]", f.client().toString());
        feed(c2s(7004, ACK, "two\n"));
        assertEquals("D[one\ntwo\n]", f.client().toString());
    }

    @Test
    void synAckTellsWhereTheClientStreamStartsWhenTheSynWasMissed() {
        feed(s2c(S, C + 1, SYN | ACK, ""));
        data(0, "abc");
        assertFalse(f.client().midstream);
        assertEquals("D[abc]", f.client().toString());
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
    void finWithPendingHoleWaitsThenGivesUpWhenThePeerAcksTheFin() {
        handshake(C, S);
        data(0, "0123456789");
        feed(c2s(C + 21, S + 1, FIN | ACK, "KLMNOPQRST")); // FIN at offset 30, hole [10,20)
        assertEquals("D[0123456789]", f.client().toString(), "a retransmission may still come");
        serverAcks(31); // the receiver had it all (and the FIN): the capture lost [10,20)
        ackGrace(31);
        assertEquals("D[0123456789]G10 D[KLMNOPQRST]E:FIN", f.client().toString());
    }

    @Test
    void finWithPendingHoleFilledByRetransmission() {
        handshake(C, S);
        data(0, "0123456789");
        feed(c2s(C + 21, S + 1, FIN | ACK, "KLMNOPQRST"));
        data(10, "ABCDEFGHIJ");
        assertEquals("D[0123456789ABCDEFGHIJKLMNOPQRST]E:FIN", f.client().toString());
        assertEquals(0, r.stats().gaps());
    }

    @Test
    void finWithPendingHoleAtCaptureEndStillEndsWithFin() {
        handshake(C, S);
        data(0, "0123456789");
        feed(c2s(C + 21, S + 1, FIN | ACK, "KLMNOPQRST"));
        r.finish(t);
        assertEquals("D[0123456789]G10 D[KLMNOPQRST]E:FIN", f.client().toString());
    }

    @Test
    void rstEndsBothDirectionsAtOnceWithHolesAsGaps() {
        handshake(C, S);
        data(0, "0123456789");
        data(20, "KLMNOPQRST");
        feed(s2c(S + 1, C + 11, RST | ACK, ""));
        assertEquals("D[0123456789]G10 D[KLMNOPQRST]E:RST", f.client().toString());
        assertEquals("E:RST", f.server().toString());
        assertEquals(0, r.stats().activeFlows());
        data(30, "after the reset");
        assertEquals("D[0123456789]G10 D[KLMNOPQRST]E:RST", f.client().toString());
        assertEquals(1, r.connections());
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
    void keepAliveAndZeroWindowProbeAreNotDeliveredTwice() {
        handshake(C, S);
        data(0, "abc\n");
        serverAcks(4);
        feed(c2s(C + 4, S + 1, ACK, "\0"));    // keep-alive: 1 garbage byte at seq - 1
        feed(c2s(C + 5, S + 1, ACK, "d"));     // zero-window probe carries the next byte
        data(1 + 4 - 1, "def\n");            // then the real segment includes it again
        assertEquals("D[abc\ndef\n]", f.client().toString());
        assertEquals(1, r.stats().keepAlives());
    }

    @Test
    void keepAliveAtMidstreamStartIsRecognisedByThePeersAck() {
        feed(c2s(7000, ACK, "one\n"));
        feed(s2c(300, 7004, ACK, ""));
        // a new tuple: the capture starts on an idle connection
        Packet ack = tcp(SERVER_IP, SERVER_PORT, CLIENT_IP, 40001, 300, 9000, ACK, new byte[0], 0);
        r.segment(ack, t += 1); // pure ACK of an unknown flow: ignored, no state
        assertEquals(1, r.trackedFlows());
        feed(tcp(CLIENT_IP, 40001, SERVER_IP, SERVER_PORT, 8999, 300, ACK, new byte[] {0}, 0));
        feed(tcp(SERVER_IP, SERVER_PORT, CLIENT_IP, 40001, 300, 9000, ACK, new byte[0], 0));
        feed(tcp(CLIENT_IP, 40001, SERVER_IP, SERVER_PORT, 8999, 300, ACK, new byte[] {0}, 0));
        assertEquals(1, r.stats().keepAlives(), "the second probe is below what the peer acknowledged");
    }

    @Test
    void synRetransmitIsIgnored() {
        feed(c2s(C, SYN, ""));
        feed(c2s(C, SYN, ""));
        feed(s2c(S, C + 1, SYN | ACK, ""));
        feed(s2c(S, C + 1, SYN | ACK, ""));
        data(0, "abc");
        assertEquals(2, f.all.size());
        assertEquals(1, r.connections());
        assertEquals("D[abc]", f.client().toString());
    }

    @Test
    void newSynOnAFinishedTupleStartsANewConnection() {
        handshake(C, S);
        data(0, "first\n");
        feed(c2s(C + 7, S + 1, FIN | ACK, ""));
        feed(s2c(S + 1, C + 8, FIN | ACK, ""));
        Recorder first = f.client();
        assertEquals(0, r.stats().activeFlows());

        long c2 = 900_000, s2 = 77;
        handshake(c2, s2);
        feed(c2s(c2 + 1, s2 + 1, ACK, "second\n"));
        Recorder second = f.client();
        assertNotSame(first, second);
        assertEquals("D[first\n]E:FIN", first.toString());
        assertEquals("D[second\n]", second.toString());
        assertFalse(second.midstream);
        assertEquals(2, r.connections());
        assertEquals(1, r.stats().activeFlows());
    }

    @Test
    void newSynOnAnOpenTupleEndsTheOldConnection() {
        handshake(C, S);
        data(0, "old");
        handshake(C + 1_000_000, S + 1_000_000);
        feed(c2s(C + 1_000_001, 0, ACK, "new"));
        assertEquals("D[old]E:RST", f.all.get(0).toString());
        assertEquals("D[new]", f.client().toString());
        assertEquals(1, r.stats().portReuses());
        assertEquals(2, r.connections());
    }

    @Test
    void idleConnectionsExpireWithHolesAsGaps() {
        r = new TcpReassembler(f, ReassemblyLimits.defaults().withIdleTimeoutNanos(60 * SEC));
        handshake(C, S);
        data(0, "0123456789");
        data(20, "KLMNOPQRST");
        long last = t;
        r.expireIdle(last + 59 * SEC);
        assertEquals(0, r.stats().idleExpiries());
        r.expireIdle(last + 60 * SEC);
        assertEquals("D[0123456789]G10 D[KLMNOPQRST]E:IDLE", f.client().toString());
        assertEquals("E:IDLE", f.server().toString());
        assertEquals(1, r.stats().idleExpiries());
        assertEquals(0, r.trackedFlows());
        assertEquals(0, r.stats().activeFlows());
        assertEquals(0, r.stats().bufferedBytes());
    }

    @Test
    void flowTableFullEvictsTheLeastRecentlyActive() {
        r = new TcpReassembler(f, ReassemblyLimits.defaults().withMaxFlows(2));
        Packet a = tcp(CLIENT_IP, 1, SERVER_IP, 2003, 100, 0, ACK, ascii("a1"), 0);
        Packet b = tcp(CLIENT_IP, 2, SERVER_IP, 2003, 100, 0, ACK, ascii("b1"), 0);
        Packet a2 = tcp(SERVER_IP, 2003, CLIENT_IP, 1, 555, 102, ACK, new byte[0], 0); // a active again
        Packet cc = tcp(CLIENT_IP, 3, SERVER_IP, 2003, 100, 0, ACK, ascii("c1"), 0);
        feed(a);
        feed(b);
        feed(a2);
        feed(cc);
        assertEquals(1, r.stats().evictions());
        assertEquals(2, r.trackedFlows());
        Recorder rb = f.last.get(new Endpoint(CLIENT_IP, 2) + ">" + SERVER);
        Recorder ra = f.last.get(new Endpoint(CLIENT_IP, 1) + ">" + SERVER);
        assertEquals("D[b1]E:EVICTED", rb.toString());
        assertNull(ra, "a1 is still held (midstream start)");
        r.finish(t);
        ra = f.last.get(new Endpoint(CLIENT_IP, 1) + ">" + SERVER);
        assertEquals("D[a1]E:CAPTURE_END", ra.toString());
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

    @Test
    void declinedDirectionIsSkippedButStillClosesTheConnection() {
        f.declineServerSide = true;
        handshake(C, S);
        data(0, "abc");
        feed(s2c(S + 1, C + 4, ACK, "server talk"));
        feed(c2s(C + 4, S + 12, FIN | ACK, ""));
        feed(s2c(S + 12, C + 5, FIN | ACK, ""));
        assertNull(f.server());
        assertEquals("D[abc]E:FIN", f.client().toString());
        assertEquals(0, r.stats().activeFlows());
    }

    @Test
    void ipv6FlowsAreKeyedByBothDirections() {
        byte[] a = new byte[16], b = new byte[16];
        a[15] = 1;
        b[15] = 2;
        r.segment(tcp(b, 5555, a, 2003, 10, 0, SYN, new byte[0], 0), 1);
        r.segment(tcp(a, 2003, b, 5555, 99, 11, SYN | ACK, new byte[0], 0), 2);
        r.segment(tcp(b, 5555, a, 2003, 11, 100, ACK, ascii("v6!"), 0), 3);
        r.segment(tcp(a, 2003, b, 5555, 100, 14, ACK, ascii("ok"), 0), 4);
        assertEquals(1, r.connections());
        Recorder up = f.last.get("[::2]:5555>[::1]:2003");
        Recorder down = f.last.get("[::1]:2003>[::2]:5555");
        assertEquals("D[v6!]", up.toString());
        assertEquals("D[ok]", down.toString());
    }

    @Test
    void nonTcpAndStrayControlPacketsCreateNoState() {
        Packet udp = c2s(1, 0, "x");
        udp.protocol = Packet.UDP;
        feed(udp);
        feed(c2s(5, ACK, ""));
        feed(c2s(5, RST, ""));
        feed(c2s(5, FIN | ACK, ""));
        assertEquals(0, r.trackedFlows());
        assertEquals(0, r.connections());
    }

    @Test
    void closedConnectionsLingerThenLeaveAndGoFirstWhenTheTableIsFull() {
        r = new TcpReassembler(f, ReassemblyLimits.defaults().withMaxFlows(2));
        handshake(C, S);
        data(0, "abc");
        feed(c2s(C + 4, S + 1, FIN | ACK, ""));
        feed(s2c(S + 1, C + 5, FIN | ACK, ""));
        data(0, "abc"); // a late retransmission is absorbed by the closed connection
        assertEquals(1, r.connections());
        assertEquals(1, r.trackedFlows());
        assertEquals(0, r.stats().activeFlows());

        // an open connection, active before the next one: still, the closed one goes first
        feed(tcp(CLIENT_IP, 1, SERVER_IP, 2003, 100, 0, ACK, ascii("q"), 0));
        feed(tcp(CLIENT_IP, 2, SERVER_IP, 2003, 100, 0, ACK, ascii("n"), 0));
        assertEquals(0, r.stats().evictions());
        assertEquals(2, r.trackedFlows());
        assertEquals(2, r.stats().activeFlows());
        r.finish(t);
        assertEquals("D[q]E:CAPTURE_END", f.last.get(new Endpoint(CLIENT_IP, 1) + ">" + SERVER).toString(),
                "not evicted");

        TcpReassembler r2 = new TcpReassembler(f, ReassemblyLimits.defaults());
        r2.segment(c2s(C, SYN, ""), 1);
        r2.segment(s2c(S, C + 1, SYN | ACK, ""), 2);
        r2.segment(c2s(C + 1, S + 1, ACK | FIN, "x"), 3);
        r2.segment(s2c(S + 1, C + 3, ACK | FIN, ""), 4);
        assertEquals(1, r2.trackedFlows());
        assertEquals(0, r2.stats().activeFlows());
        r2.expireIdle(4 + TcpReassembler.CLOSED_LINGER_NANOS - 1);
        assertEquals(1, r2.trackedFlows());
        r2.expireIdle(4 + TcpReassembler.CLOSED_LINGER_NANOS);
        assertEquals(0, r2.trackedFlows());
        assertEquals(0, r2.stats().idleExpiries());
    }

    @Test
    void peerAckPastAHoleMeansTheCaptureLostItAndGivesItUpAtOnce() {
        handshake(C, S);
        data(0, "0123456789");
        data(20, "KLMNOPQRST");
        serverAcks(10); // acknowledges only what we saw: keep waiting
        assertEquals("D[0123456789]", f.client().toString());
        serverAcks(25);
        assertEquals("D[0123456789]", f.client().toString(), "the data may just be captured after its ACK");
        ackGrace(25);
        assertEquals("D[0123456789]G10 D[KLMNOPQRST]", f.client().toString());
        ackGrace(40); // the receiver got [30,40) which the capture never saw
        data(40, "after");
        assertEquals("D[0123456789]G10 D[KLMNOPQRST]G10 D[after]", f.client().toString());
        assertEquals(20, r.stats().gapBytes());
    }

    @Test
    void finCapturedAfterItsAckStillEndsWithFin() {
        handshake(C, S);
        data(0, "abc");
        // byte [3,4) was lost by the capture; the FIN (seq offset 4) shows up after the server's
        // ACK of it (ack offset 5)
        serverAcks(5);
        feed(c2s(C + 1 + 4, S + 1, FIN | ACK, ""));
        assertEquals("D[abc]", f.client().toString());
        ackGrace(5);
        assertEquals("D[abc]G1 E:FIN", f.client().toString());
    }

    @Test
    void ackCapturedBeforeItsDataMakesNoGap() {
        handshake(C, S);
        data(0, "0123456789");
        serverAcks(30);
        serverAcks(30);
        data(20, "KLMNOPQRST");
        serverAcks(30);
        data(10, "ABCDEFGHIJ");
        ackGrace(30);
        assertEquals("D[0123456789ABCDEFGHIJKLMNOPQRST]", f.client().toString());
        assertEquals(0, r.stats().gaps());
    }

    @Test
    void anAckedHoleWaitsWhileTheStreamKeepsMoving() {
        handshake(C, S);
        data(0, "0123456789");
        for (int i = 0; i < 3 * AckGrace.ACK_GRACE_PACKETS; i++) {
            // ACKs always run 10 bytes ahead of the captured data, yet each hole fills
            serverAcks(20 + 10L * i);
            data(10 + 10L * i, "abcdefghij");
        }
        assertEquals(0, r.stats().gaps());
        assertEquals(10 + 30L * AckGrace.ACK_GRACE_PACKETS, f.client().bytes.size());
    }

    @Test
    void midstreamHoldEndsAfterASecondOfCaptureTime() {
        feed(c2s(7000, ACK, "one\n"));
        r.expireIdle(t + SEC - 1);
        assertNull(f.client());
        r.expireIdle(t + SEC);
        assertEquals("D[one\n]", f.client().toString());

        Packet p = tcp(CLIENT_IP, 40001, SERVER_IP, SERVER_PORT, 100, 0, ACK, ascii("a"), 0);
        r.segment(p, 10 * SEC);
        r.segment(tcp(CLIENT_IP, 40001, SERVER_IP, SERVER_PORT, 101, 0, ACK, ascii("b"), 0), 11 * SEC);
        assertEquals("D[ab]", f.last.get(new Endpoint(CLIENT_IP, 40001) + ">" + SERVER).toString(),
                "the next packet after the hold time releases it too");
    }

    @Test
    void midstreamHoldDoesNotReachBackFurtherThanAWindow() {
        r = new TcpReassembler(f, ReassemblyLimits.defaults().withMaxWindow(1000));
        feed(c2s(10_000, ACK, "x".repeat(600)));
        feed(c2s(9_700, ACK, "y".repeat(100)));  // 900 back from the held end 10600: fine
        feed(c2s(9_500, ACK, "z".repeat(100)));  // 1100 back from it: dropped
        r.finish(t);
        assertEquals("D[" + "y".repeat(100) + "]G200 D[" + "x".repeat(600) + "]E:CAPTURE_END",
                f.client().toString());
        assertEquals(1, r.stats().outOfWindowSegments());
    }

    @Test
    void aSynCapturedAfterTheFirstDataStillStartsTheStream() {
        data(4, "efgh");            // capture reordering put data before the SYN
        feed(c2s(C, SYN, ""));
        assertFalse(f.client().midstream, "the SYN showed where the stream starts");
        assertEquals("", f.client().toString(), "a hole [0,4) to wait for");
        data(0, "abcd");
        Recorder c = f.client();
        assertFalse(c.midstream);
        assertEquals("D[abcdefgh]", c.toString());
        assertEquals(1, r.connections());
        assertEquals(0, r.stats().portReuses());
    }

    @Test
    void aSynAckCapturedAfterTheFirstDataAlsoStartsTheStream() {
        data(0, "abcd");
        feed(s2c(S, C + 1, SYN | ACK, ""));
        assertFalse(f.client().midstream);
        assertEquals("D[abcd]", f.client().toString());
    }

    @Test
    void aDeclinedMidstreamDirectionDropsWhatItHeld() {
        f.declineServerSide = true;
        feed(s2c(100, 0, ACK, "server bytes"));
        assertTrue(r.stats().bufferedBytes() > 0);
        r.expireIdle(t + SEC);
        assertEquals(0, r.stats().bufferedBytes());
        assertNull(f.server());
        feed(s2c(112, 0, ACK, "more"));
        assertEquals(0, r.stats().bufferedBytes());
    }
}
