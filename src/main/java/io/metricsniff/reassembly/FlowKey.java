package io.metricsniff.reassembly;

import io.metricsniff.decode.Packet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Direction-independent key of a TCP connection, read straight from a {@link Packet}'s address
 * bytes. The reassembler keeps one mutable instance as a lookup probe so the per-packet lookup
 * allocates nothing; keys stored in the table are copies and never change.
 *
 * <p>The endpoints are ordered (address, then port, unsigned) so both directions give the same
 * key; "side A" is the smaller endpoint. Comparable so that HashMap bins that collide (tuples are
 * chosen by peers) become trees rather than long lists.
 */
public final class FlowKey implements Comparable<FlowKey> {
    private static final VarHandle LONG_BE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private long aHi, aLo, bHi, bLo;
    private int ports; // port A << 16 | port B
    private int version;
    private int hash;

    /**
     * Fills this key from the packet.
     *
     * @return true when the packet's source is side A of the connection
     */
    public boolean set(Packet p) {
        long sHi, sLo, dHi, dLo;
        if (p.ipVersion == 6) {
            sHi = (long) LONG_BE.get(p.srcAddr, 0);
            sLo = (long) LONG_BE.get(p.srcAddr, 8);
            dHi = (long) LONG_BE.get(p.dstAddr, 0);
            dLo = (long) LONG_BE.get(p.dstAddr, 8);
        } else {
            sHi = 0;
            sLo = (int) INT_BE.get(p.srcAddr, 0) & 0xFFFFFFFFL;
            dHi = 0;
            dLo = (int) INT_BE.get(p.dstAddr, 0) & 0xFFFFFFFFL;
        }
        int sp = p.srcPort & 0xFFFF, dp = p.dstPort & 0xFFFF;
        int c = Long.compareUnsigned(sHi, dHi);
        if (c == 0) c = Long.compareUnsigned(sLo, dLo);
        if (c == 0) c = Integer.compare(sp, dp);
        boolean srcIsA = c <= 0;
        if (srcIsA) {
            aHi = sHi; aLo = sLo; bHi = dHi; bLo = dLo; ports = sp << 16 | dp;
        } else {
            aHi = dHi; aLo = dLo; bHi = sHi; bLo = sLo; ports = dp << 16 | sp;
        }
        version = p.ipVersion;
        long h = aHi * 0x9E3779B97F4A7C15L + aLo;
        h = h * 0x9E3779B97F4A7C15L + bHi;
        h = h * 0x9E3779B97F4A7C15L + bLo;
        h = h * 0x9E3779B97F4A7C15L + ports + version;
        hash = (int) (h ^ (h >>> 32));
        return srcIsA;
    }

    public FlowKey copy() {
        FlowKey k = new FlowKey();
        k.aHi = aHi; k.aLo = aLo; k.bHi = bHi; k.bLo = bLo;
        k.ports = ports; k.version = version; k.hash = hash;
        return k;
    }

    @Override public int hashCode() { return hash; }

    @Override public int compareTo(FlowKey k) {
        int c = Long.compare(aHi, k.aHi);
        if (c == 0) c = Long.compare(aLo, k.aLo);
        if (c == 0) c = Long.compare(bHi, k.bHi);
        if (c == 0) c = Long.compare(bLo, k.bLo);
        if (c == 0) c = Integer.compare(ports, k.ports);
        if (c == 0) c = Integer.compare(version, k.version);
        return c;
    }

    @Override public boolean equals(Object o) {
        return o instanceof FlowKey k && k.hash == hash && k.aLo == aLo && k.bLo == bLo && k.ports == ports
                && k.aHi == aHi && k.bHi == bHi && k.version == version;
    }
}
