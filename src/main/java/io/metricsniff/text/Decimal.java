package io.metricsniff.text;

/**
 * Shared pieces of the number parsers: the "could not parse" sentinel and an exact fast path for
 * plain decimals, which is what almost every metric value and timestamp is.
 */
final class Decimal {
    private Decimal() { }

    /** A quiet NaN with a payload no parser produces for the text "nan": means "not a number". */
    static final long INVALID_BITS = 0x7ff8_dead_0000_0001L;
    static final double INVALID = Double.longBitsToDouble(INVALID_BITS);

    /** Mantissas below 2^53 and powers of ten up to 1e22 are exact doubles: one division rounds right. */
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    /** 15 digits always fit below 2^53. */
    private static final int MAX_FAST_DIGITS = 15;
    private static final int EIGHT = 8;
    private static final long NIBBLES_HIGH = 0xF0F0F0F0F0F0F0F0L, ZEROS = 0x3030303030303030L, SIXES = 0x0606060606060606L;

    static boolean isInvalid(double d) { return Double.doubleToRawLongBits(d) == INVALID_BITS; }

    /**
     * {@code [sign] digits [. digits]} with at most 15 digits and no exponent, or INVALID when the
     * text is anything else (the caller then takes its full path).
     */
    static double fast(byte[] b, int i, int to) {
        if (i >= to) return INVALID;
        boolean neg = false;
        byte c = b[i];
        if (c == '-' || c == '+') { neg = c == '-'; i++; }
        long m = 0;
        int digits = 0, scale = 0;
        if (i + EIGHT <= to) { // a timestamp's first eight digits in one step
            long w = (long) LineScan.LONGS.get(b, i);
            if (eightDigits(w)) {
                m = eightDigitValue(w);
                digits = EIGHT;
                i += EIGHT;
            }
        }
        boolean dot = false;
        for (; i < to; i++) {
            c = b[i];
            if (c >= '0' && c <= '9') {
                if (++digits > MAX_FAST_DIGITS) return INVALID;
                m = m * 10 + (c - '0');
                if (dot) scale++;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return INVALID;
            }
        }
        if (digits == 0) return INVALID;
        double v = scale == 0 ? m : m / POW10[scale];
        return neg ? -v : v;
    }

    /** Whether all eight bytes (little-endian) are ASCII digits: high nibble 3, and still 3 after adding 6. */
    private static boolean eightDigits(long w) {
        return (w & NIBBLES_HIGH) == ZEROS && ((w + SIXES) & NIBBLES_HIGH) == ZEROS;
    }

    /** The value of eight ASCII digits, first digit in the lowest byte: pairs, then quads, then all eight. */
    private static long eightDigitValue(long w) {
        w = (w & 0x0F0F0F0F0F0F0F0FL) * (10 * 256 + 1) >>> 8;
        w = (w & 0x00FF00FF00FF00FFL) * (100 * 65536 + 1) >>> 16;
        return (w & 0x0000FFFF0000FFFFL) * (10000L * (1L << 32) + 1) >>> 32;
    }

    static boolean equalsIgnoreCase(byte[] b, int from, int to, String word) {
        if (to - from != word.length()) return false;
        for (int i = 0; i < word.length(); i++) {
            int c = b[from + i] | 0x20; // ASCII lower-case; word is lower-case letters
            if (c != word.charAt(i)) return false;
        }
        return true;
    }

    /**
     * Checks {@code digitpart ('.' digitpart?)? | '.' digitpart} then an optional exponent, where a
     * digitpart is digits, optionally separated by single underscores when {@code underscores}.
     *
     * @return true when the slice is exactly such a number
     */
    static boolean isDecimalSyntax(byte[] b, int i, int to, boolean underscores) {
        int p = digitPart(b, i, to, underscores);
        boolean intDigits = p > i;
        i = p;
        boolean fracDigits = false;
        if (i < to && b[i] == '.') {
            p = digitPart(b, i + 1, to, underscores);
            fracDigits = p > i + 1;
            i = p;
        }
        if (!intDigits && !fracDigits) return false;
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < to && (b[i] == '+' || b[i] == '-')) i++;
            p = digitPart(b, i, to, underscores);
            if (p == i) return false;
            i = p;
        }
        return i == to;
    }

    /** @return the end of a digit run starting at i (i itself when there is none) */
    private static int digitPart(byte[] b, int i, int to, boolean underscores) {
        int start = i;
        while (i < to) {
            byte c = b[i];
            if (c >= '0' && c <= '9') i++;
            else if (c == '_' && underscores && i > start && i + 1 < to && b[i + 1] >= '0' && b[i + 1] <= '9') i++;
            else break;
        }
        return i;
    }

    /** Java's parser on a syntax already checked; underscores removed. Slow path: allocates. */
    static double slow(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) if (b[i] != '_') sb.append((char) b[i]);
        return Double.parseDouble(sb.toString());
    }
}
