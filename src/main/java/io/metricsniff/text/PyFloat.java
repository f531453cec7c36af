package io.metricsniff.text;

import java.util.Locale;

/** Python's {@code float(str)}: whitespace, sign, underscores between digits, inf/infinity/nan in any case. */
public final class PyFloat {
    private PyFloat() { }

    /** @throws NumberFormatException where Python raises ValueError */
    public static double parse(String text) {
        int s = 0, e = text.length();
        while (s < e && isSpace(text.charAt(s))) s++;
        while (e > s && isSpace(text.charAt(e - 1))) e--;
        StringBuilder clean = new StringBuilder(e - s);
        int i = s;
        boolean neg = false;
        if (i < e && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            neg = text.charAt(i) == '-';
            clean.append(text.charAt(i++));
        }
        String word = text.substring(i, e).toLowerCase(Locale.ROOT);
        if (word.equals("inf") || word.equals("infinity")) return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (word.equals("nan")) return Double.NaN;
        int j = digits(text, i, e, clean);
        boolean any = j > i;
        i = j;
        if (i < e && text.charAt(i) == '.') {
            clean.append('.');
            j = digits(text, i + 1, e, clean);
            any |= j > i + 1;
            i = j;
        }
        if (!any) throw new NumberFormatException();
        if (i < e && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            clean.append('e');
            i++;
            if (i < e && (text.charAt(i) == '+' || text.charAt(i) == '-')) clean.append(text.charAt(i++));
            j = digits(text, i, e, clean);
            if (j == i) throw new NumberFormatException();
            i = j;
        }
        if (i != e) throw new NumberFormatException();
        return Double.parseDouble(clean.toString());
    }

    /** Copies digits (any Unicode decimal digit, as Python) with single '_' between them; returns the end. */
    private static int digits(String t, int i, int e, StringBuilder out) {
        int start = i;
        while (i < e) {
            int d = digit(t.charAt(i));
            if (d >= 0) {
                out.append((char) ('0' + d));
                i++;
            } else if (t.charAt(i) == '_' && i > start && i + 1 < e && digit(t.charAt(i + 1)) >= 0) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static int digit(char c) {
        return Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER ? Character.digit(c, 10) : -1;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00a0' || c == '\u2007' || c == '\u202f' || c == '\u0085';
    }
}
