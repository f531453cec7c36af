package io.metricsniff.text;

import java.util.Locale;

/** Parses and prints the contract's DURATION: {@code 90} (seconds), {@code 500ms 90s 5m 2h 7d}, {@code 1m30s}. */
public final class Durations {
    private Durations() { }

    private static final String USE = " (use 90, 90s, 1m30s, 500ms, 5m, 2h or 7d)";

    /**
     * A bare number of seconds ({@code 90}), or numbers with units, compounded ({@code 1m30s}).
     *
     * @return nanoseconds; throws IllegalArgumentException with a readable message
     */
    public static long parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) throw new IllegalArgumentException("'" + text + "' is not a duration" + USE);
        double total = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
            int unitStart = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) i++;
            if (start == unitStart) throw new IllegalArgumentException("'" + text + "' is not a duration" + USE);
            double n = number(text, s.substring(start, unitStart));
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty() && (start > 0 || i < s.length())) {
                throw new IllegalArgumentException("'" + text + "' needs a unit after each number" + USE);
            }
            total += n * unitNanos(text, unit.isEmpty() ? "s" : unit);
        }
        return Math.round(total);
    }

    private static double number(String text, String digits) {
        try {
            return Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration" + USE);
        }
    }

    private static double unitNanos(String text, String unit) {
        switch (unit) {
            case "ms": return 1e6;
            case "s": return 1e9;
            case "m": return 60e9;
            case "h": return 3600e9;
            case "d": return 86400e9;
            default: throw new IllegalArgumentException("'" + text + "' has an unknown unit (use ms, s, m, h or d)");
        }
    }

    /** A short human form: {@code 750ms}, {@code 42s}, {@code 3m20s}, {@code 2h5m}, {@code 3d4h}. */
    public static String format(double seconds) {
        double a = Math.abs(seconds);
        String sign = seconds < 0 ? "-" : "";
        if (a < 1) return sign + Math.round(a * 1000) + "ms";
        long s = Math.round(a);
        if (s < 60) return sign + s + "s";
        if (s < 3600) return sign + s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
        if (s < 86400) return sign + s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : s % 3600 / 60 + "m");
        return sign + s / 86400 + "d" + (s % 86400 / 3600 == 0 ? "" : s % 86400 / 3600 + "h");
    }
}
