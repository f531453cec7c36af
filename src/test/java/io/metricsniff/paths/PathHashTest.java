package io.metricsniff.paths;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The fingerprint's tail read in one load gives what a byte at a time gave, at every length and offset. */
class PathHashTest {
    @Test void everyLengthAndOffsetHashesAsByteByByte() {
        Random rnd = new Random(41);
        byte[] b = new byte[96];
        for (int round = 0; round < 200; round++) {
            rnd.nextBytes(b);
            for (int len = 0; len <= 40; len++) {
                for (int off = 0; off <= 9; off++) {
                    assertEquals(byteByByte(b, off, len), PathHash.of(b, off, len), "len " + len + " off " + off);
                }
            }
        }
    }

    /** Bytes before the slice, and after it, are not part of the fingerprint (the one load reads some). */
    @Test void bytesAroundTheSliceDoNotCount() {
        byte[] a = "xxxxxxxxxxxxservers.web01.cpu.idleyyyy".getBytes();
        byte[] b = "zzzzzzzzzzzzservers.web01.cpu.idlewwww".getBytes();
        assertEquals(PathHash.of(a, 12, 22), PathHash.of(b, 12, 22));
        assertNotEquals(PathHash.of(a, 12, 22), PathHash.of(a, 12, 21));
    }

    /** The fingerprint as first written: the bytes after the last whole eight gathered one at a time. */
    private static long byteByByte(byte[] b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        int i = off, end = off + len;
        for (; i + 8 <= end; i += 8) {
            long k = 0;
            for (int s = 0; s < 8; s++) k |= (b[i + s] & 0xFFL) << (8 * s);
            h = step(h, k);
        }
        if (i < end) {
            long tail = 0;
            for (int s = 0; i < end; i++, s += 8) tail |= (b[i] & 0xFFL) << s;
            h = step(h, tail);
        }
        return PathHash.fmix(h);
    }

    private static long step(long h, long k) {
        k *= 0x87C37B91114253D5L;
        k = Long.rotateLeft(k, 31) * 0x4CF5AD432745937FL;
        h ^= k;
        return Long.rotateLeft(h, 27) * 5 + 0x52DCE729;
    }
}
