package io.metricsniff.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The eight-bytes-a-step field split against a byte-by-byte one, on lines built to hit every kind of space. */
class LineScanTest {
    /** Pieces lines are made of: every whitespace kind of the three modes, near misses, name bytes. */
    private static final String[] PIECES = {" ", "\t", "\n", "\u000b", "\f", "\r", "\u001c", "\u001f", "\u0085", "\u00a0",
        "\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\u200b", "\u00e9", "\u0000", "!",
        "\u0020\u0020", "a", "servers.web01.cpu", "1795508376", "0.5", ";tag=v", "\u007f", "\u0021"};

    /** One random case: a line, where the slice starts, a whitespace mode, and how to name it in a failure. */
    private interface SplitCase { void check(byte[] b, int from, Whitespace mode, String what); }

    /**
     * 20,000 random lines of up to 12 pieces (spaces of every kind, names, numbers), now and then
     * with a stray non-UTF-8 byte, from a random start, in every mode.
     */
    private static void randomLines(long seed, SplitCase c) {
        Random rnd = new Random(seed);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int k = rnd.nextInt(12); k > 0; k--) sb.append(PIECES[rnd.nextInt(PIECES.length)]);
            byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
            if (rnd.nextInt(8) == 0 && b.length > 0) b[rnd.nextInt(b.length)] = (byte) (0x80 | rnd.nextInt(0x80)); // stray byte
            int from = b.length == 0 ? 0 : rnd.nextInt(Math.min(3, b.length + 1));
            for (Whitespace mode : Whitespace.values()) c.check(b, from, mode, mode + " " + Arrays.toString(b) + " from " + from);
        }
    }

    @Test void splitMatchesAByteByByteSplitInEveryMode() {
        randomLines(13, (b, from, mode, what) -> {
            int[] want = new int[8], got = new int[8];
            assertEquals(byteByByte(b, from, b.length, mode, want), LineScan.split(b, from, b.length, mode, got), what);
            assertArrayEquals(want, got, what);
        });
    }

    /** The one-pass split gives up on exactly the lines that are not all ASCII, and splits the rest as split does. */
    @Test void splitAsciiIsSplitForAsciiLinesAndRefusesTheOthers() {
        randomLines(17, (b, from, mode, what) -> {
            int[] want = new int[8], got = new int[8];
            int n = LineScan.splitAscii(b, from, b.length, mode, got);
            if (!LineScan.isAscii(b, from, b.length)) {
                assertEquals(-1, n, what);
                return;
            }
            assertEquals(LineScan.split(b, from, b.length, mode, want), n, what);
            assertArrayEquals(want, got, what);
        });
    }

    @Test void splitReadsFieldsOfAGraphiteLine() {
        byte[] b = "  a.b.c\t1.5   1795508376\r".getBytes(StandardCharsets.US_ASCII);
        int[] f = new int[6];
        assertEquals(3, LineScan.split(b, 0, b.length, Whitespace.PYTHON, f));
        assertArrayEquals(new int[] {2, 7, 8, 11, 14, 24}, f);
    }

    @Test void indexOfEitherFindsTheFirstOfTwoBytes() {
        Random rnd = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) b[i] = (byte) "ab;\0\u00ff.".charAt(rnd.nextInt(6));
            int want = -1;
            for (int i = 0; i < b.length && want < 0; i++) if (b[i] == 0 || b[i] == ';') want = i;
            assertEquals(want, LineScan.indexOfEither(b, 0, b.length, (byte) 0, (byte) ';'), Arrays.toString(b));
        }
    }

    /** The split as it was written first: one whitespace test per byte. */
    private static int byteByByte(byte[] b, int from, int to, Whitespace mode, int[] bounds) {
        int n = 0, i = from;
        while (i < to) {
            int s;
            while (i < to && (s = LineScan.space(b, i, to, mode)) > 0) i += s;
            if (i >= to) break;
            int start = i;
            while (i < to && LineScan.space(b, i, to, mode) == 0) i++;
            if (2 * n + 1 < bounds.length) { bounds[2 * n] = start; bounds[2 * n + 1] = i; }
            n++;
        }
        return n;
    }
}
