package io.metricsniff.protocol.pickle;

import java.math.BigInteger;
import java.util.List;

/**
 * The few Python values a metric pickle holds, as Java objects:
 * str = String, int = Long or BigInteger (or {@link HugeInt}), float = Double, bool = Boolean,
 * None = {@link #NONE}, bytes/bytearray = {@link Bytes}, tuple = Object[], list = List.
 */
final class Py {
    private Py() { }

    /** Python's None. */
    static final Object NONE = new Object() {
        @Override public String toString() { return "None"; }
    };

    /** bytes or bytearray (Python 3 reads them from BINBYTES*, BYTEARRAY8). */
    record Bytes(byte[] data, boolean bytearray) { }

    /**
     * An int too large for a float; kept without its digits (bounded memory). float() of it
     * raises OverflowError, which carbon does not catch.
     */
    record HugeInt(int signum) { }

    static String typeName(Object o) {
        if (o instanceof String) return "str";
        if (o instanceof Boolean) return "bool";
        if (o instanceof Long || o instanceof BigInteger || o instanceof HugeInt) return "int";
        if (o instanceof Double) return "float";
        if (o == NONE) return "NoneType";
        if (o instanceof Bytes b) return b.bytearray() ? "bytearray" : "bytes";
        if (o instanceof Object[]) return "tuple";
        if (o instanceof List) return "list";
        return "object";
    }

    /** Python's repr-like text, cut at {@code max} chars (raw text of bad datapoints). */
    static String repr(Object o, int max) {
        StringBuilder sb = new StringBuilder();
        repr(o, sb, max, 0);
        if (sb.length() > max) { sb.setLength(max); sb.append("..."); }
        return sb.toString();
    }

    private static void repr(Object o, StringBuilder sb, int max, int depth) {
        if (sb.length() > max) return;
        if (depth > 8) { sb.append("..."); return; }
        if (o instanceof String s) {
            sb.append('\'');
            for (int i = 0; i < s.length() && sb.length() <= max; i++) {
                char c = s.charAt(i);
                if (c == '\'' || c == '\\') sb.append('\\');
                sb.append(c);
            }
            sb.append('\'');
        } else if (o instanceof Double d) {
            sb.append(floatRepr(d));
        } else if (o instanceof Boolean b) {
            sb.append(b ? "True" : "False");
        } else if (o instanceof HugeInt h) {
            sb.append(h.signum() < 0 ? "-" : "").append("<int beyond float range>");
        } else if (o instanceof Bytes b) {
            sb.append(b.bytearray() ? "bytearray(b'" : "b'");
            for (byte x : b.data()) {
                if (sb.length() > max) break;
                int c = x & 0xff;
                if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') sb.append((char) c);
                else sb.append(String.format("\\x%02x", c));
            }
            sb.append(b.bytearray() ? "')" : "'");
        } else if (o instanceof Object[] t) {
            sb.append('(');
            for (int i = 0; i < t.length && sb.length() <= max; i++) {
                if (i > 0) sb.append(", ");
                repr(t[i], sb, max, depth + 1);
            }
            if (t.length == 1) sb.append(',');
            sb.append(')');
        } else if (o instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size() && sb.length() <= max; i++) {
                if (i > 0) sb.append(", ");
                repr(l.get(i), sb, max, depth + 1);
            }
            sb.append(']');
        } else {
            sb.append(o); // Long, BigInteger, None
        }
    }

    /** A value as a datapoint's raw text shows it: str bare, numbers as Python prints them. */
    static String text(Object o) {
        if (o instanceof String s) return s;
        if (o instanceof Double d) return floatRepr(d);
        if (o instanceof Long || o instanceof BigInteger) return o.toString();
        return repr(o, 200);
    }

    /** Python's repr(float): shortest digits, scientific below 1e-4 and from 1e16. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return (Double.doubleToRawLongBits(d) < 0) ? "-0.0" : "0.0";
        String j = Double.toString(Math.abs(d)); // shortest-ish digits: "123.45" or "1.2345E-5"
        int e = j.indexOf('E');
        String mant = e < 0 ? j : j.substring(0, e);
        int exp = e < 0 ? 0 : Integer.parseInt(j.substring(e + 1));
        int dot = mant.indexOf('.');
        String digits = mant.substring(0, dot) + mant.substring(dot + 1);
        int pointPos = dot + exp; // digits[0..pointPos) are the integer part
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') { lead++; pointPos--; }
        digits = digits.substring(lead);
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') end--;
        digits = digits.substring(0, end);
        int exp10 = pointPos - 1; // scientific exponent
        StringBuilder sb = new StringBuilder(24);
        if (d < 0) sb.append('-');
        if (exp10 < -4 || exp10 >= 16) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
            sb.append('e').append(exp10 < 0 ? '-' : '+');
            int a = Math.abs(exp10);
            if (a < 10) sb.append('0');
            sb.append(a);
        } else if (pointPos <= 0) {
            sb.append("0.");
            for (int i = pointPos; i < 0; i++) sb.append('0');
            sb.append(digits);
        } else if (pointPos >= digits.length()) {
            sb.append(digits);
            for (int i = digits.length(); i < pointPos; i++) sb.append('0');
            sb.append(".0");
        } else {
            sb.append(digits, 0, pointPos).append('.').append(digits, pointPos, digits.length());
        }
        return sb.toString();
    }
}
