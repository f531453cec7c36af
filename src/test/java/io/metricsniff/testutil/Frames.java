package io.metricsniff.testutil;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Builds Ethernet/IPv4/IPv6 + TCP/UDP frames for tests that write synthetic capture files.
 * Checksums are left zero: capture tools and metricsniff do not verify them (loopback offloads them).
 */
public final class Frames {
    public static final int DLT_EN10MB = 1;
    public static final byte[] LOCALHOST = {127, 0, 0, 1};

    private Frames() { }

    public static byte[] ip(String dotted) {
        String[] p = dotted.split("\\.");
        return new byte[] {(byte) Integer.parseInt(p[0]), (byte) Integer.parseInt(p[1]),
                (byte) Integer.parseInt(p[2]), (byte) Integer.parseInt(p[3])};
    }

    public static byte[] ascii(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** Ethernet II + IPv4 + TCP with the given flags (Packet.SYN etc.) and payload. */
    public static byte[] tcp4(byte[] src, int sport, byte[] dst, int dport, long seq, long ack, int flags,
                              byte[] payload) {
        int ipLen = 20 + 20 + payload.length;
        ByteBuffer b = ByteBuffer.allocate(14 + ipLen);
        ethernet(b, 0x0800);
        ipv4Header(b, ipLen, 6, src, dst);
        tcpHeader(b, sport, dport, seq, ack, flags);
        b.put(payload);
        return b.array();
    }

    /** Ethernet II + IPv4 + UDP. */
    public static byte[] udp4(byte[] src, int sport, byte[] dst, int dport, byte[] payload) {
        int ipLen = 20 + 8 + payload.length;
        ByteBuffer b = ByteBuffer.allocate(14 + ipLen);
        ethernet(b, 0x0800);
        ipv4Header(b, ipLen, 17, src, dst);
        b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length)).putShort((short) 0);
        b.put(payload);
        return b.array();
    }

    /** Ethernet II + IPv6 + TCP. Addresses are 16 bytes. */
    public static byte[] tcp6(byte[] src, int sport, byte[] dst, int dport, long seq, long ack, int flags,
                              byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + 40 + 20 + payload.length);
        ethernet(b, 0x86dd);
        b.putInt(0x60000000).putShort((short) (20 + payload.length)).put((byte) 6).put((byte) 64);
        b.put(src).put(dst);
        tcpHeader(b, sport, dport, seq, ack, flags);
        b.put(payload);
        return b.array();
    }

    private static void ethernet(ByteBuffer b, int etherType) {
        b.put(new byte[] {0, 0, 0, 0, 0, 2}).put(new byte[] {0, 0, 0, 0, 0, 1}).putShort((short) etherType);
    }

    private static void ipv4Header(ByteBuffer b, int totalLength, int proto, byte[] src, byte[] dst) {
        b.put((byte) 0x45).put((byte) 0).putShort((short) totalLength).putShort((short) 0)
                .putShort((short) 0x4000).put((byte) 64).put((byte) proto).putShort((short) 0)
                .put(src).put(dst);
    }

    private static void tcpHeader(ByteBuffer b, int sport, int dport, long seq, long ack, int flags) {
        b.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack)
                .put((byte) 0x50).put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
    }
}
