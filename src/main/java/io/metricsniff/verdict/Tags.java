package io.metricsniff.verdict;

import java.util.ArrayList;
import java.util.List;

/** Graphite tagged-series names, {@code name;tag=value;...}, checked the way a receiver checks them. */
public final class Tags {
    private Tags() { }

    /**
     * carbon's TaggedSeries.parse_carbon: a non-empty name; each segment {@code tag=value}; tags
     * non-empty without {@code ;!^=}; values non-empty, without {@code ;}, not starting with
     * {@code ~}; the name with leading {@code ~} removed must stay non-empty.
     *
     * @param out receives name/value pairs (only meaningful when null is returned)
     * @return null when valid, else carbon's reason
     */
    public static String checkCarbon(String path, List<String[]> out) {
        return check(path, out, true);
    }

    /** carbon-relay-ng's tag appendix: tags non-empty without {@code ;!}, values non-empty without {@code ;}. */
    public static String checkRelayNg(String path, List<String[]> out) {
        return check(path, out, false);
    }

    private static String check(String path, List<String[]> out, boolean carbon) {
        int semi = path.indexOf(';');
        String metric = semi < 0 ? path : path.substring(0, semi);
        if (metric.isEmpty()) return "no metric name before the first ';'";
        int i = semi;
        while (i >= 0) {
            int next = path.indexOf(';', i + 1);
            String seg = next < 0 ? path.substring(i + 1) : path.substring(i + 1, next);
            int eq = seg.indexOf('=');
            if (eq <= 0) return "invalid segment '" + seg + "' (need tag=value)";
            String tag = seg.substring(0, eq);
            String value = seg.substring(eq + 1);
            if (value.isEmpty()) return "value for tag '" + tag + "' may not be empty";
            String prohibited = carbon ? "!^=" : "!";
            for (int k = 0; k < prohibited.length(); k++) {
                if (tag.indexOf(prohibited.charAt(k)) >= 0) {
                    return "character '" + prohibited.charAt(k) + "' is not allowed in tag '" + tag + "'";
                }
            }
            if (carbon && value.charAt(0) == '~') return "tag values may not start with '~' (tag '" + tag + "')";
            out.add(new String[] {tag, value});
            i = next;
        }
        if (carbon) {
            int k = 0;
            while (k < metric.length() && metric.charAt(k) == '~') k++;
            if (k == metric.length()) return "metric name '" + metric + "' is empty once leading '~' are removed";
        }
        return null;
    }

    /** A fresh list for {@link #checkCarbon}; sized for typical series. */
    public static List<String[]> newList() { return new ArrayList<>(4); }
}
