package io.metricsniff.text;

import java.nio.charset.StandardCharsets;

/**
 * JavaScript's {@code Number(string)}, which the statsd daemon (stats.js, lib/helpers.js) uses to
 * validate values and sample rates: surrounding whitespace, an empty string is 0, decimal with
 * optional exponent, {@code Infinity}, unsigned {@code 0x 0o 0b} literals; anything else is NaN.
 * Reads bytes directly (no String) for the per-line hot path. Only ASCII whitespace is trimmed.
 */
public final class JsNumber {
    private JsNumber() { }

    /** Longest run of digits parsed exactly in a long; longer ones go through Double.parseDouble. */
    private static final int FAST_DIGITS = 15;

    public static double parse(byte[] b, int s, int e) {
        while (s < e && isSpace(b[s])) s++;
        while (e > s && isSpace(b[e - 1])) e--;
        if (s == e) return 0.0;
        int i = s;
        boolean neg = false;
        if (b[i] == '+' || b[i] == '-') { neg = b[i] == '-'; i++; }
        if (e - i == 8 && matches(b, i, "Infinity")) return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (i == s && e - s > 2 && b[s] == '0') {
            int radix = switch (b[s + 1]) { case 'x', 'X' -> 16; case 'o', 'O' -> 8; case 'b', 'B' -> 2; default -> 0; };
            if (radix != 0) return radixLiteral(b, s + 2, e, radix);
        }
        long v = 0;
        int digits = 0;
        int j = i;
        while (j < e && b[j] >= '0' && b[j] <= '9') { if (digits < FAST_DIGITS + 1) v = v * 10 + (b[j] - '0'); digits++; j++; }
        if (j == e) {
            if (digits == 0) return Double.NaN;
            if (digits <= FAST_DIGITS) return neg ? -v : v;
            return Double.parseDouble(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
        }
        int frac = 0;
        if (b[j] == '.') {
            j++;
            while (j < e && b[j] >= '0' && b[j] <= '9') { frac++; j++; }
        }
        if (digits + frac == 0) return Double.NaN;
        if (j < e && (b[j] == 'e' || b[j] == 'E')) {
            j++;
            if (j < e && (b[j] == '+' || b[j] == '-')) j++;
            int exp = 0;
            while (j < e && b[j] >= '0' && b[j] <= '9') { exp++; j++; }
            if (exp == 0) return Double.NaN;
        }
        if (j != e) return Double.NaN;
        return Double.parseDouble(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
    }

    private static double radixLiteral(byte[] b, int i, int e, int radix) {
        if (i == e) return Double.NaN;
        double v = 0;
        for (; i < e; i++) {
            int d = Character.digit(b[i], radix);
            if (d < 0) return Double.NaN;
            v = v * radix + d;
        }
        return v;
    }

    private static boolean matches(byte[] b, int i, String word) {
        for (int k = 0; k < word.length(); k++) if (b[i + k] != word.charAt(k)) return false;
        return true;
    }

    public static boolean isSpace(byte c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
}
