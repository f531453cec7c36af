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

/** Where a direction starts and ends: midstream hold, late SYN, FIN, keep-alives, ACK past a hole. */
class ReassemblyStreamEdgesTest extends ReassemblerFixture {
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

    /** The client's FIN at stream offset {@code off}. */
    void finAt(long off) { feed(c2s(C + 1 + off, S + 1, FIN | ACK, "")); }

    @Test
    void dataAfterTheStreamEndedWithItsFinIsCountedNotDelivered() {
        handshake(C, S);
        data(0, "abc");
        finAt(3);
        assertEquals("D[abc]E:FIN", f.client().toString());
        feed(c2s(C + 4, S + 1, ACK | PSH | FIN, "def")); // a second, conflicting FIN after 3 more bytes
        data(0, "abc"); // a late copy of bytes before the FIN is no such data
        assertEquals("D[abc]E:FIN", f.client().toString());
        assertEquals(3, r.stats().afterFinBytes());
    }

    @Test
    void dataFarBeyondAnEndedStreamIsCountedAsOutOfWindow() {
        handshake(C, S);
        data(0, "abc");
        finAt(3);
        feed(c2s(C + 4 + 2_000_000_000L, S + 1, ACK | PSH, "far"));
        assertEquals("D[abc]E:FIN", f.client().toString());
        assertEquals(0, r.stats().afterFinBytes());
        assertEquals(1, r.stats().outOfWindowSegments(), "not dropped silently");
    }

    @Test
    void bytesHeldBeyondAnEarlierFinAreDroppedAndCounted() {
        handshake(C, S);
        data(0, "abc");
        data(6, "ghi"); // held beyond a hole
        finAt(5);       // the FIN says the stream ends before them
        assertEquals(3, r.stats().afterFinBytes(), "the held bytes are counted when the FIN drops them");
        data(3, "de");
        assertEquals("D[abcde]E:FIN", f.client().toString());
        assertEquals(0, r.stats().bufferedBytes());
        assertEquals(0, r.stats().gaps());
    }

    @Test
    void aSegmentReachingPastAPendingFinDeliversOnlyUpToIt() {
        handshake(C, S);
        data(0, "abc");
        finAt(5); // hole [3,5) before the FIN
        data(3, "defgh");
        assertEquals("D[abcde]E:FIN", f.client().toString());
        assertEquals(3, r.stats().afterFinBytes());
    }
}
