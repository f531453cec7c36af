package io.metricsniff.text;

/**
 * Go's {@code strconv.ParseFloat(s, 64)} read from bytes (go-carbon, carbon-relay-ng), as Go's
 * strconv/atof.go readFloat and special, and atoi.go underscoreOK, define it: no surrounding
 * whitespace; {@code inf}/{@code infinity} with an optional sign and {@code nan} without one (any
 * case); hexadecimal mantissas only with a {@code p} exponent; '_' only between digits, or between
 * the {@code 0x} prefix and a digit ({@code 1_000} and {@code 0x_1p4} parse, {@code 1__0},
 * {@code _1}, {@code 1_.5} and {@code 1e_5} do not); an error (not infinity) when a finite number
 * is out of range (ErrRange), zero on underflow. Returns {@link #INVALID} on error.
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
        if (i + 2 < to && b[i] == '0' && (b[i + 1] | 0x20) == 'x') { // readFloat: "0x" and at least one more byte
            if (!isHexSyntax(b, i + 2, to)) return Decimal.INVALID;
        } else if (!Decimal.isDecimalSyntax(b, i, to, true)) {
            return Decimal.INVALID;
        }
        v = Decimal.slow(b, from, to);
        return Double.isInfinite(v) ? Decimal.INVALID : v; // ErrRange
    }

    /**
     * Hex mantissa with an optional '.', then a mandatory p exponent; '_' may follow the prefix or a
     * digit and must be followed by a digit (underscoreOK: the prefix counts as a digit).
     */
    private static boolean isHexSyntax(byte[] b, int i, int to) {
        int digits = 0;
        boolean dot = false, afterDigit = true; // the 0x prefix counts as a digit
        for (; i < to; i++) {
            int c = b[i] | 0x20;
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
                digits++;
                afterDigit = true;
            } else if (b[i] == '_' && afterDigit && i + 1 < to && isHexDigit(b[i + 1])) {
                afterDigit = false;
            } else if (b[i] == '.' && !dot) {
                dot = true;
                afterDigit = false;
            } else {
                break;
            }
        }
        if (digits == 0 || i >= to || (b[i] | 0x20) != 'p') return false;
        i++;
        if (i < to && (b[i] == '+' || b[i] == '-')) i++;
        int start = i;
        while (i < to && ((b[i] >= '0' && b[i] <= '9')
                || (b[i] == '_' && i > start && i + 1 < to && b[i + 1] >= '0' && b[i + 1] <= '9'))) i++;
        return i > start && i == to;
    }

    private static boolean isHexDigit(byte x) {
        int c = x | 0x20;
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
}
