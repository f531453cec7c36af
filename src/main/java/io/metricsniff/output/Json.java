package io.metricsniff.output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Minimal JSON writing: strings escaped per RFC 8259, numbers, and nested maps/lists for summaries. */
public final class Json {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() { }

    /** Appends {@code s} as a JSON string; control characters become {@code \\u00XX}. */
    public static StringBuilder string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    // C0, DEL and C1 escaped too: a JSON line piped to a terminal must stay inert
                    if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029') {
                        sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"');
    }

    /**
     * Name/value pairs (a value may be null) as one JSON object: a name given twice is one key (an
     * object with a repeated key is not JSON every reader takes), with the later value in the
     * earlier place, as a map of them keeps them (carbon's TaggedSeries.parse fills a dict).
     */
    public static StringBuilder pairs(StringBuilder sb, List<String[]> pairs) {
        Map<String, String> unique = new LinkedHashMap<>();
        for (String[] p : pairs) unique.put(p[0], p[1]);
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, String> p : unique.entrySet()) {
            if (!first) sb.append(',');
            first = false;
            string(sb, p.getKey()).append(':');
            if (p.getValue() == null) sb.append("null"); else string(sb, p.getValue());
        }
        return sb.append('}');
    }

    /**
     * Appends a number. JSON has no NaN or infinity; those are written as the strings
     * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} so that the value read stays visible.
     * Integral values keep a {@code .0} unless {@code integral} asks for the plain integer form.
     */
    public static StringBuilder number(StringBuilder sb, double v, boolean integral) {
        if (Double.isNaN(v)) return sb.append("\"NaN\"");
        if (Double.isInfinite(v)) return sb.append(v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        if (integral && v == Math.rint(v) && Math.abs(v) < 1e18) return sb.append((long) v);
        return sb.append(v);
    }

    /** Text that is already JSON (an object rendered by its owner), written as it is. */
    public record Raw(String json) { }

    /** Serialises maps (insertion order kept), lists, strings, numbers, booleans and null. */
    public static StringBuilder value(StringBuilder sb, Object v) {
        if (v == null) return sb.append("null");
        if (v instanceof Raw r) return sb.append(r.json());
        if (v instanceof String s) return string(sb, s);
        if (v instanceof Double d) return number(sb, d, false);
        if (v instanceof Float f) return number(sb, f, false);
        if (v instanceof Number || v instanceof Boolean) return sb.append(v);
        if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) sb.append(',');
                first = false;
                string(sb, String.valueOf(e.getKey())).append(':');
                value(sb, e.getValue());
            }
            return sb.append('}');
        }
        if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) sb.append(',');
                value(sb, l.get(i));
            }
            return sb.append(']');
        }
        return string(sb, v.toString());
    }
}
