package io.metricsniff.replay;

/** Just enough of Ethernet/IPv4/TCP to find and rewrite segments in test code. */
final class Tcp {
    int ipOff, ipHeader, tcpOff, tcpHeader, payloadLength, srcPort, dstPort;
    long seq;
    boolean syn;

    static Tcp of(byte[] f) {
        if (f.length < 54 || (f[12] & 0xff) != 0x08 || f[13] != 0x00 || (f[14] & 0xf0) != 0x40 || f[23] != 6) {
            return null;
        }
        Tcp t = new Tcp();
        t.ipOff = 14;
        t.ipHeader = (f[14] & 0x0f) * 4;
        int total = u16(f, 16);
        t.tcpOff = t.ipOff + t.ipHeader;
        t.tcpHeader = ((f[t.tcpOff + 12] & 0xf0) >> 4) * 4;
        t.payloadLength = total - t.ipHeader - t.tcpHeader;
        t.srcPort = u16(f, t.tcpOff);
        t.dstPort = u16(f, t.tcpOff + 2);
        t.seq = u32(f, t.tcpOff + 4);
        t.syn = (f[t.tcpOff + 13] & 0x02) != 0;
        return t;
    }

    /** A copy of the frame carrying payload bytes [from, to) with the sequence number moved. */
    byte[] slice(byte[] f, int from, int to) {
        int headers = tcpOff + tcpHeader;
        byte[] n = new byte[headers + (to - from)];
        System.arraycopy(f, 0, n, 0, headers);
        System.arraycopy(f, headers + from, n, headers, to - from);
        put16(n, ipOff + 2, ipHeader + tcpHeader + (to - from));
        put32(n, tcpOff + 4, (seq + from) & 0xffffffffL);
        if (to != payloadLength) n[tcpOff + 13] &= ~0x01; // a FIN belongs after the last byte only
        put16(n, ipOff + 10, 0);
        put16(n, ipOff + 10, ipChecksum(n, ipOff, ipHeader));
        return n;
    }

    static int u16(byte[] b, int o) { return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff); }
    static long u32(byte[] b, int o) { return ((long) u16(b, o) << 16) | u16(b, o + 2); }
    static void put16(byte[] b, int o, int v) { b[o] = (byte) (v >> 8); b[o + 1] = (byte) v; }
    static void put32(byte[] b, int o, long v) { put16(b, o, (int) (v >>> 16) & 0xffff); put16(b, o + 2, (int) v & 0xffff); }

    static int ipChecksum(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = 0; i < len; i += 2) sum += u16(b, off + i);
        while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
        return (int) (~sum & 0xffff);
    }
}
