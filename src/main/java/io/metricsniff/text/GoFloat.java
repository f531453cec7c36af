package io.metricsniff.text;

/**
 * Go's {@code strconv.ParseFloat(s, 64)} read from bytes (go-carbon, carbon-relay-ng): no
 * surrounding whitespace, no underscores in decimals, {@code inf}/{@code infinity} with optional
 * sign and {@code nan} without one (any case), hexadecimal with a {@code p} exponent, and an error
 * (not infinity) when a finite number is out of range. Returns {@link #INVALID} on error.
 */
public final class GoFloat {
    private GoFloat() { }

    /** Returned where Go returns an error; a NaN, so test with {@link #isInvalid}, never ==. */
    public static final double INVALID = Decimal.INVALID;

    public static boolean isInvalid(double d) { return Decimal.isInvalid(d); }

    public static double parse(byte[] b, int from, int to) {
        double v = Decimal.fast(b, from, to);
        if (!Decimal.isInvalid(v)) return v;
        if (from == to) return Decimal.INVALID;
        int i = from;
        boolean neg = false;
        if (b[i] == '+' || b[i] == '-') { neg = b[i] == '-'; i++; }
        if (i == from && Decimal.equalsIgnoreCase(b, i, to, "nan")) return Double.NaN;
        if (Decimal.equalsIgnoreCase(b, i, to, "inf") || Decimal.equalsIgnoreCase(b, i, to, "infinity")) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (i + 1 < to && b[i] == '0' && (b[i + 1] | 0x20) == 'x') {
            if (!isHexSyntax(b, i + 2, to)) return Decimal.INVALID;
        } else if (!Decimal.isDecimalSyntax(b, i, to, false)) {
            return Decimal.INVALID;
        }
        v = Decimal.slow(b, from, to);
        return Double.isInfinite(v) ? Decimal.INVALID : v; // ErrRange
    }

    /** hex mantissa with optional '.', then a mandatory p exponent (Go syntax). */
    private static boolean isHexSyntax(byte[] b, int i, int to) {
        int digits = 0;
        boolean dot = false;
        for (; i < to; i++) {
            int c = b[i] | 0x20;
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) digits++;
            else if (b[i] == '.' && !dot) dot = true;
            else break;
        }
        if (digits == 0 || i >= to || (b[i] | 0x20) != 'p') return false;
        i++;
        if (i < to && (b[i] == '+' || b[i] == '-')) i++;
        int start = i;
        while (i < to && b[i] >= '0' && b[i] <= '9') i++;
        return i > start && i == to;
    }
}
