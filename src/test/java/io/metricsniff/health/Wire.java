package io.metricsniff.health;

import io.metricsniff.decode.Packet;
import io.metricsniff.reassembly.TcpTestKit;


/** Builds the TCP segments of one client/server pair for {@link ConnectionHealth} and feeds them in. */
final class Wire {
    static final long SECOND = 1_000_000_000L;

    final ConnectionHealth health;
    final byte[] client, server;
    int clientPort = 40000;
    final int serverPort = 2003;
    long clientSeq = 0xFFFFFF00L; // wraps past 2^32 after 256 bytes
    long serverSeq = 5000;

    Wire(ConnectionHealth health, int clientHost) {
        this.health = health;
        this.client = new byte[] {10, 0, (byte) (clientHost >> 8), (byte) clientHost};
        this.server = new byte[] {10, 9, 9, 9};
    }

    static Packet segment(byte[] src, int sport, byte[] dst, int dport, long seq, long ack, int flags, int window,
                          String payload) {
        Packet p = TcpTestKit.tcp(src, sport, dst, dport, seq, ack, flags, TcpTestKit.ascii(payload), 0);
        p.window = window;
        return p;
    }

    void connect(long t) {
        clientPort++;
        health.tcpSegment(segment(client, clientPort, server, serverPort, clientSeq, 0, Packet.SYN, 64, ""), t);
        clientSeq++;
    }

    void synAck(long t) {
        health.tcpSegment(segment(server, serverPort, client, clientPort, serverSeq, clientSeq, Packet.SYN | Packet.ACK, 64, ""), t);
        serverSeq++;
    }

    /** Client data at the current sequence number; advances it unless {@code again} (a retransmission). */
    void send(String data, long t) {
        health.tcpSegment(segment(client, clientPort, server, serverPort, clientSeq, serverSeq, Packet.ACK | Packet.PSH, 64, data), t);
        clientSeq += data.length();
    }

    void resend(String data, long seqBack, long t) {
        health.tcpSegment(segment(client, clientPort, server, serverPort, clientSeq - seqBack, serverSeq, Packet.ACK, 64, data), t);
    }

    /** Server acknowledgement of everything up to {@code clientSeq - unacked} with the given window. */
    void ack(long unacked, int window, long t) {
        health.tcpSegment(segment(server, serverPort, client, clientPort, serverSeq, clientSeq - unacked, Packet.ACK, window, ""), t);
    }

    void serverRst(long t) {
        health.tcpSegment(segment(server, serverPort, client, clientPort, serverSeq, clientSeq, Packet.RST | Packet.ACK, 0, ""), t);
    }

    void close(long t) {
        health.tcpSegment(segment(client, clientPort, server, serverPort, clientSeq, serverSeq, Packet.FIN | Packet.ACK, 64, ""), t);
        health.tcpSegment(segment(server, serverPort, client, clientPort, serverSeq, clientSeq + 1, Packet.FIN | Packet.ACK, 64, ""), t);
    }
}
