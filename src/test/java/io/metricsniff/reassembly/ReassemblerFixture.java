package io.metricsniff.reassembly;

import io.metricsniff.decode.Packet;

import static io.metricsniff.decode.Packet.ACK;
import static io.metricsniff.decode.Packet.PSH;
import static io.metricsniff.decode.Packet.SYN;
import static io.metricsniff.reassembly.TcpTestKit.*;

/** One reassembler fed a client/server conversation, shared by the reassembler tests. */
abstract class ReassemblerFixture {
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
}
