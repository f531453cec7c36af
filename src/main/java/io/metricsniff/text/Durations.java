package io.metricsniff.text;

import java.util.Locale;

/** Parses and prints the contract's DURATION: a number with a unit, {@code 500ms 90s 5m 2h 7d}. */
public final class Durations {
    private Durations() { }

    /** @return nanoseconds; throws IllegalArgumentException with a readable message */
    public static long parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
        if (i == 0 || i == s.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (use 500ms, 90s, 5m, 2h or 7d)");
        }
        double n;
        try {
            n = Double.parseDouble(s.substring(0, i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (use 500ms, 90s, 5m, 2h or 7d)");
        }
        double unit;
        switch (s.substring(i)) {
            case "ms": unit = 1e6; break;
            case "s": unit = 1e9; break;
            case "m": unit = 60e9; break;
            case "h": unit = 3600e9; break;
            case "d": unit = 86400e9; break;
            default: throw new IllegalArgumentException("'" + text + "' has an unknown unit (use ms, s, m, h or d)");
        }
        return Math.round(n * unit);
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
