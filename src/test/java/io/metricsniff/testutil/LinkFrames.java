package io.metricsniff.testutil;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Re-wraps the IP packets that {@link Frames} builds in other link layers (VLAN, Linux cooked v1/v2,
 * BSD loopback, raw IP) and builds IP variants Frames does not (IPv4 options, IPv6 extension headers).
 */
public final class LinkFrames {
    public static final int DLT_NULL = 0, DLT_EN10MB = 1, DLT_RAW = 101, DLT_LOOP = 108,
            DLT_LINUX_SLL = 113, DLT_LINUX_SLL2 = 276;
    public static final int ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_IPV6 = 0x86dd, ETHERTYPE_ARP = 0x0806;
    public static final byte[] LOCALHOST6 = new byte[16];

    static {
        LOCALHOST6[15] = 1;
    }

    private LinkFrames() { }

    /** The IP packet inside an Ethernet frame built by {@link Frames}. */
    public static byte[] ipOf(byte[] ethernetFrame) {
        return Arrays.copyOfRange(ethernetFrame, 14, ethernetFrame.length);
    }

    public static byte[] ethernet(int etherType, byte[] payload) {
        return ByteBuffer.allocate(14 + payload.length).put(new byte[] {0, 0, 0, 0, 0, 2})
                .put(new byte[] {0, 0, 0, 0, 0, 1}).putShort((short) etherType).put(payload).array();
    }

    /** Ethernet with the given VLAN tag protocol IDs (0x8100, 0x88a8...) stacked in order, then etherType. */
    public static byte[] vlan(int[] tpids, int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * tpids.length + payload.length);
        b.put(new byte[] {0, 0, 0, 0, 0, 2}).put(new byte[] {0, 0, 0, 0, 0, 1});
        for (int i = 0; i < tpids.length; i++) {
            b.putShort((short) tpids[i]).putShort((short) (100 + i)); // TPID, then TCI with VLAN id 100+i
        }
        // The last TCI is followed by the real EtherType; the TPIDs above already chain the tags.
        return b.putShort((short) etherType).put(payload).array();
    }

    /** Linux cooked capture v1 (DLT_LINUX_SLL, 16-byte header). */
    public static byte[] sll(int protocol, byte[] payload) {
        return ByteBuffer.allocate(16 + payload.length).putShort((short) 0) // packet type: to us
                .putShort((short) 772).putShort((short) 6) // ARPHRD_LOOPBACK, address length
                .put(new byte[8]).putShort((short) protocol).put(payload).array();
    }

    /** Linux cooked capture v2 (DLT_LINUX_SLL2, 20-byte header). */
    public static byte[] sll2(int protocol, byte[] payload) {
        return ByteBuffer.allocate(20 + payload.length).putShort((short) protocol).putShort((short) 0)
                .putInt(1).putShort((short) 772).put((byte) 0).put((byte) 6).put(new byte[8])
                .put(payload).array();
    }

    /** BSD loopback: the address family in the capturing host's byte order. */
    public static byte[] nullLink(int af, ByteOrder order, byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).order(order).putInt(af).put(payload).array();
    }

    /** OpenBSD loopback: the address family in network byte order. */
    public static byte[] loop(int af, byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(af).put(payload).array();
    }

    /**
     * IPv4 + TCP with {@code optionWords} 4-byte words of IP options (NOPs) and
     * {@code tcpOptionWords} of TCP options, no link header.
     */
    public static byte[] tcp4WithOptions(byte[] src, int sport, byte[] dst, int dport, long seq, int flags,
                                         int optionWords, int tcpOptionWords, byte[] payload) {
        int ihl = 20 + 4 * optionWords;
        int doff = 20 + 4 * tcpOptionWords;
        int total = ihl + doff + payload.length;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.put((byte) (0x40 | ihl / 4)).put((byte) 0).putShort((short) total).putShort((short) 0)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0).put(src).put(dst);
        for (int i = 0; i < optionWords * 4; i++) b.put((byte) 1);
        b.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt(0)
                .put((byte) (doff / 4 << 4)).put((byte) flags).putShort((short) 65535).putInt(0);
        for (int i = 0; i < tcpOptionWords * 4; i++) b.put((byte) 1);
        return b.put(payload).array();
    }

    /**
     * IPv6 with the given extension headers (each a next-header protocol number: 0, 43, 60 are
     * 8-byte option headers, 44 a fragment header with {@code fragmentField}) then UDP, no link header.
     */
    public static byte[] udp6WithExtensions(byte[] src, int sport, byte[] dst, int dport, int[] extensions,
                                            int fragmentField, byte[] payload) {
        int extLength = 8 * extensions.length;
        int udpLength = 8 + payload.length;
        ByteBuffer b = ByteBuffer.allocate(40 + extLength + udpLength);
        int first = extensions.length > 0 ? extensions[0] : 17;
        b.putInt(0x60000000).putShort((short) (extLength + udpLength)).put((byte) first).put((byte) 64)
                .put(src).put(dst);
        for (int i = 0; i < extensions.length; i++) {
            int next = i + 1 < extensions.length ? extensions[i + 1] : 17;
            if (extensions[i] == 44) {
                b.put((byte) next).put((byte) 0).putShort((short) fragmentField).putInt(0x12345678);
            } else {
                b.put((byte) next).put((byte) 0).put(new byte[] {1, 4, 0, 0, 0, 0}); // PadN option
            }
        }
        b.putShort((short) sport).putShort((short) dport).putShort((short) udpLength).putShort((short) 0);
        return b.put(payload).array();
    }

    /** A copy with byte {@code i} set to {@code v}. */
    public static byte[] with(byte[] frame, int i, int v) {
        byte[] copy = frame.clone();
        copy[i] = (byte) v;
        return copy;
    }

    /** A copy with the 16-bit big-endian field at {@code i} set to {@code v}. */
    public static byte[] with16(byte[] frame, int i, int v) {
        byte[] copy = frame.clone();
        copy[i] = (byte) (v >>> 8);
        copy[i + 1] = (byte) v;
        return copy;
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
