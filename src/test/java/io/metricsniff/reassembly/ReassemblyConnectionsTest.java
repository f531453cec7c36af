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

/** The flow table: RST, SYN reuse, idle expiry, eviction, lingering closed connections. */
class ReassemblyConnectionsTest extends ReassemblerFixture {
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
}
