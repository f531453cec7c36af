package io.metricsniff.text;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Python's {@code float(str)} read from bytes, as carbon applies it to values and timestamps:
 * surrounding whitespace ignored, optional sign, {@code nan}, {@code inf}, {@code infinity} in any
 * case, decimals with exponent, single underscores between digits ({@code 1_000}), and Unicode
 * decimal digits. Out-of-range numbers become infinities, as in Python.
 * Returns {@link #INVALID} (test with {@link #isInvalid}) where Python raises ValueError.
 */
public final class PythonFloat {
    private PythonFloat() { }

    /** Returned for text Python rejects; a NaN, so test with {@link #isInvalid}, never ==. */
    public static final double INVALID = Decimal.INVALID;

    public static boolean isInvalid(double d) { return Decimal.isInvalid(d); }

    public static double parse(byte[] b, int from, int to) {
        double v = Decimal.fast(b, from, to);
        if (!Decimal.isInvalid(v)) return v;
        if (!LineScan.isAscii(b, from, to)) return parseUnicode(b, from, to);
        return parseAscii(b, from, to);
    }

    public static double parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    private static double parseAscii(byte[] b, int from, int to) {
        while (from < to && LineScan.space(b, from, to, Whitespace.PYTHON) > 0) from++;
        while (to > from && LineScan.space(b, to - 1, to, Whitespace.PYTHON) > 0) to--;
        if (from == to) return INVALID;
        int i = from;
        boolean neg = false;
        if (b[i] == '+' || b[i] == '-') { neg = b[i] == '-'; i++; }
        if (i < to && (b[i] | 0x20) >= 'a' && (b[i] | 0x20) <= 'z') {
            if (Decimal.equalsIgnoreCase(b, i, to, "nan")) return Double.NaN;
            if (Decimal.equalsIgnoreCase(b, i, to, "inf") || Decimal.equalsIgnoreCase(b, i, to, "infinity")) {
                return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return INVALID;
        }
        if (!Decimal.isDecimalSyntax(b, i, to, true)) return INVALID;
        double v = Decimal.fast(b, from, to);
        return Decimal.isInvalid(v) ? Decimal.slow(b, from, to) : v;
    }

    /** Python first maps Unicode whitespace to ' ' and Unicode decimal digits to ASCII ones. */
    private static double parseUnicode(byte[] b, int from, int to) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return INVALID;
        }
        byte[] ascii = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) ascii[n++] = (byte) cp;
            else if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) ascii[n++] = (byte) ('0' + Character.digit(cp, 10));
            else if (isPythonSpace(cp)) ascii[n++] = ' ';
            else return INVALID;
        }
        return parseAscii(ascii, 0, n);
    }

    static boolean isPythonSpace(int cp) {
        return cp == 0x85 || cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a)
                || cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
    }
}
