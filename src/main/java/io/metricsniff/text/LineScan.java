package io.metricsniff.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Byte-level helpers the receiver profiles share: UTF-8 validity, the whitespace sets of Python,
 * Go and Java, field splitting and cheap string making. Everything works on a slice of the
 * record's raw bytes so that a well-formed line costs a few scans and one String (its path).
 */
public final class LineScan {
    private LineScan() { }

    // Eight bytes at a time (SWAR): lines are ~50 bytes, so scans are the per-line hot path.
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    /** 0x21 in every byte: bytes below it are ASCII whitespace candidates. */
    private static final long SPACE_LIMIT = ONES * 0x21;

    /** True when every byte is below 0x80 (the common case: no decoding needed). */
    public static boolean isAscii(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) if (((long) LONGS.get(b, i) & HIGHS) != 0) return false;
        for (; i < to; i++) if (b[i] < 0) return false;
        return true;
    }

    /**
     * Strict UTF-8 validity as Python's {@code bytes.decode('utf-8')} checks it: no overlong forms,
     * no surrogates (U+D800-DFFF), nothing above U+10FFFF, no truncated sequences.
     *
     * @return the index of the first invalid byte, or -1 when the slice is valid
     */
    public static int firstInvalidUtf8(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xff;
            if (c < 0x80) { i++; continue; }
            int n;
            int min;
            if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; }
            else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; }
            else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; }
            else return i;
            if (i + n >= to) return i; // sequence cut short
            int cp = c & (0x3f >> n);
            for (int k = 1; k <= n; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xc0) != 0x80) return i;
                cp = (cp << 6) | (cc & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
            i += n + 1;
        }
        return -1;
    }

    /**
     * Length of the whitespace character starting at {@code i}, or 0 when it is not whitespace in
     * the given mode. Multi-byte (UTF-8) whitespace is recognised for PYTHON and GO:
     * U+0085, U+00A0, U+1680, U+2000-200A, U+2028, U+2029, U+202F, U+205F, U+3000.
     */
    public static int space(byte[] b, int i, int to, Whitespace mode) {
        int c = b[i] & 0xff;
        if (c < 0x80) {
            if (c == ' ' || (c >= 0x09 && c <= 0x0d)) return 1;
            return mode == Whitespace.PYTHON && c >= 0x1c && c <= 0x1f ? 1 : 0;
        }
        if (mode == Whitespace.JAVA) return 0;
        if (c == 0xc2 && i + 1 < to) {
            int d = b[i + 1] & 0xff;
            return d == 0x85 || d == 0xa0 ? 2 : 0;
        }
        if (i + 2 >= to) return 0;
        int d = b[i + 1] & 0xff, e = b[i + 2] & 0xff;
        if (c == 0xe1) return d == 0x9a && e == 0x80 ? 3 : 0;
        if (c == 0xe2) {
            if (d == 0x80) return (e >= 0x80 && e <= 0x8a) || e == 0xa8 || e == 0xa9 || e == 0xaf ? 3 : 0;
            return d == 0x81 && e == 0x9f ? 3 : 0;
        }
        if (c == 0xe3) return d == 0x80 && e == 0x80 ? 3 : 0;
        return 0;
    }

    /**
     * Splits {@code b[from,to)} on runs of whitespace (leading and trailing runs ignored, as
     * {@code strip().split()} and {@code strings.Fields} do).
     *
     * @param bounds receives start/end pairs of the first {@code bounds.length / 2} fields
     * @return the number of fields (may exceed what {@code bounds} holds)
     */
    public static int split(byte[] b, int from, int to, Whitespace mode, int[] bounds) {
        return split(b, from, to, mode, bounds, false);
    }

    /**
     * As {@link #split}, for the common line that is all ASCII, in one pass: returns -1 as soon as a
     * byte is 0x80 or above (the caller then checks the encoding and splits with {@link #split}),
     * which saves a separate {@link #isAscii} pass over every line.
     */
    public static int splitAscii(byte[] b, int from, int to, Whitespace mode, int[] bounds) {
        return split(b, from, to, mode, bounds, true);
    }

    /** {@code asciiOnly}: -1 at the first byte of 0x80 or above, before it is read as a space or a field's. */
    private static int split(byte[] b, int from, int to, Whitespace mode, int[] bounds, boolean asciiOnly) {
        int n = singleSpaced(b, from, to, bounds);
        if (n >= 0) return n;
        n = 0;
        int i = from;
        while (i < to) {
            int s;
            while (i < to && !(asciiOnly && b[i] < 0) && (s = space(b, i, to, mode)) > 0) i += s;
            if (i >= to) break;
            int start = i;
            i = fieldEnd(b, i, to, mode, asciiOnly);
            if (i < 0) return -1;
            if (2 * n + 1 < bounds.length) { bounds[2 * n] = start; bounds[2 * n + 1] = i; }
            n++;
        }
        return n;
    }

    /**
     * The common line, in one scan: fields of bytes 0x21-0x7f separated by single spaces, nothing
     * before the first or after the last. Such bytes are field bytes and ' ' is whitespace in
     * every mode, so this is the general loop's result without its per-boundary whitespace tests
     * (~15 ns of a Graphite line's ~35). -1 for any other line; the general loop then splits it,
     * rewriting every pair written here (it finds the same fields up to where this one stopped).
     */
    private static int singleSpaced(byte[] b, int from, int to, int[] bounds) {
        if (from >= to || b[from] <= ' ') return -1; // empty, leading whitespace, or not ASCII (negative)
        int n = 0;
        for (int start = from; ; ) {
            int end = spaceCandidate(b, start, to);
            if (2 * n + 1 < bounds.length) { bounds[2 * n] = start; bounds[2 * n + 1] = end; }
            n++;
            if (end == to) return n;
            if (b[end] != ' ' || end + 1 == to || b[end + 1] <= ' ') return -1;
            start = end + 1;
        }
    }

    /**
     * Where the field starting at {@code i} ends: the next whitespace of {@code mode}, or {@code to};
     * with {@code asciiOnly}, -1 at a byte of 0x80 or above (the field's first byte included).
     */
    private static int fieldEnd(byte[] b, int i, int to, Whitespace mode, boolean asciiOnly) {
        if (asciiOnly && b[i] < 0) return -1;
        while ((i = spaceCandidate(b, i, to)) < to) {
            if (asciiOnly && b[i] < 0) return -1;
            if (space(b, i, to, mode) > 0) break;
            i++;
        }
        return i;
    }

    /**
     * The first byte from {@code i} that may start whitespace in any mode: below 0x21 (every ASCII
     * space is) or 0x80 and up (Unicode spaces); {@code to} when none. Eight bytes a step: a
     * name's bytes are none of these, so a field costs a few steps instead of a test per byte.
     */
    public static int spaceCandidate(byte[] b, int i, int to) {
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i);
            // below 0x21: the subtraction borrows into the high bit; the lowest flag is exact
            long hit = ((w - SPACE_LIMIT) & ~w | w) & HIGHS;
            if (hit != 0) return i + (Long.numberOfTrailingZeros(hit) >>> 3);
        }
        for (; i < to; i++) if ((b[i] & 0xff) < 0x21 || b[i] < 0) return i;
        return to;
    }

    /** A String of the slice: a plain copy for ASCII, UTF-8 decoding (invalid bytes replaced) otherwise. */
    public static String string(byte[] b, int from, int to) {
        return isAscii(b, from, to)
                ? new String(b, from, to - from, StandardCharsets.ISO_8859_1)
                : new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** Index of {@code c} in the slice, or -1. */
    public static int indexOf(byte[] b, int from, int to, byte c) {
        int i = from;
        long pattern = ONES * (c & 0xff);
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i) ^ pattern;          // matching bytes become zero
            long zero = (w - ONES) & ~w & HIGHS;                 // high bit set in each zero byte
            if (zero != 0) return i + (Long.numberOfTrailingZeros(zero) >>> 3);
        }
        for (; i < to; i++) if (b[i] == c) return i;
        return -1;
    }

    /** Index of the first {@code c1} or {@code c2} in the slice, or -1: both in one pass. */
    public static int indexOfEither(byte[] b, int from, int to, byte c1, byte c2) {
        int i = from;
        long p1 = ONES * (c1 & 0xff), p2 = ONES * (c2 & 0xff);
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i);
            long x1 = w ^ p1, x2 = w ^ p2;
            long zero = ((x1 - ONES) & ~x1 | (x2 - ONES) & ~x2) & HIGHS;
            if (zero != 0) return i + (Long.numberOfTrailingZeros(zero) >>> 3);
        }
        for (; i < to; i++) if (b[i] == c1 || b[i] == c2) return i;
        return -1;
    }

    /** A short printable excerpt of untrusted text for a problem message (controls become '?'). */
    public static String excerpt(byte[] b, int from, int to, int max) {
        String s = string(b, from, Math.min(to, from + max * 4));
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 3);
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (s.length() > max || to - from > max * 4) sb.append("...");
        return sb.toString();
    }
}
