package io.metricsniff.paths;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A 64-bit fingerprint of a path's bytes: eight bytes a step with a multiply-rotate mix, then a
 * full avalanche, so names that differ only in their last node ({@code host1.cpu.0} ... {@code
 * host1.cpu.9}) spread over every bit, low bits (slot) and high bits (sample) alike. With 64 bits,
 * 10 M paths collide with probability ~3e-6; a collision merges two paths' per-path state.
 */
public final class PathHash {
    private PathHash() { }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long K1 = 0x87C37B91114253D5L;
    private static final long K2 = 0x4CF5AD432745937FL;

    public static long of(byte[] b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        int i = off, end = off + len;
        for (; i + 8 <= end; i += 8) h = step(h, (long) LONGS.get(b, i));
        if (i < end) {
            long tail;
            if (len >= 8) { // the last eight bytes in one load, those already mixed shifted out
                tail = (long) LONGS.get(b, end - 8) >>> ((8 - (end - i)) << 3);
            } else {
                tail = 0;
                for (int s = 0; i < end; i++, s += 8) tail |= (b[i] & 0xFFL) << s;
            }
            h = step(h, tail);
        }
        return fmix(h);
    }

    private static long step(long h, long k) {
        k *= K1;
        k = Long.rotateLeft(k, 31) * K2;
        h ^= k;
        return Long.rotateLeft(h, 27) * 5 + 0x52DCE729;
    }

    /** MurmurHash3's finaliser: every input bit affects every output bit. */
    public static long fmix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }
}
