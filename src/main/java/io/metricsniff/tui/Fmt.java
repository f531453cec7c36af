package io.metricsniff.tui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Compact number, size and duration formats for fixed-width columns. */
final class Fmt {
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private Fmt() { }

    /** 0.5, 42, 9999, 12.3k, 4.56M, 7.89G. */
    static String count(double n) {
        if (Double.isNaN(n)) return "-";
        double a = Math.abs(n);
        if (a < 100 && a != Math.rint(a)) return String.format(Locale.ROOT, "%.1f", n);
        if (a < 10_000) return String.valueOf(Math.round(n));
        if (a < 1e6) return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        if (a < 1e9) return String.format(Locale.ROOT, "%.2fM", n / 1e6);
        return String.format(Locale.ROOT, "%.2fG", n / 1e9);
    }

    /** Bytes with binary units: 512B, 1.5KiB, 98.7MiB. */
    static String bytes(long b) {
        if (b < 1024) return b + "B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
        return String.format(Locale.ROOT, "%.1f%s", v, units[u]);
    }

    /** A metric value: integers as integers, others with up to 6 significant digits. */
    static String value(double v) {
        if (Double.isNaN(v)) return "-";
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.indexOf('e') < 0 && s.indexOf('.') >= 0) {           // trim trailing zeros of %g
            int end = s.length();
            while (s.charAt(end - 1) == '0') end--;
            if (s.charAt(end - 1) == '.') end--;
            s = s.substring(0, end);
        }
        return s;
    }

    /** Signed seconds, short: 0.25s, -3.0s, 42s, 5m12s, 3h05m, 2d04h. */
    static String seconds(double s) {
        if (Double.isNaN(s)) return "-";
        if (Double.isInfinite(s)) return s > 0 ? "inf" : "-inf";
        String sign = s < 0 ? "-" : "";
        double a = Math.abs(s);
        if (a < 10) return sign + String.format(Locale.ROOT, "%.2fs", a);
        if (a < 60) return sign + String.format(Locale.ROOT, "%.1fs", a);
        long t = Math.round(a);
        if (t < 3600) return sign + String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
        if (t < 86400) return sign + String.format(Locale.ROOT, "%dh%02dm", t / 3600, t % 3600 / 60);
        if (t < 86400L * 10_000) return sign + String.format(Locale.ROOT, "%dd%02dh", t / 86400, t % 86400 / 3600);
        return sign + String.format(Locale.ROOT, "%.0fd", a / 86400);
    }

    /** Elapsed time as h:mm:ss. */
    static String elapsed(double s) {
        long t = (long) Math.max(0, s);
        return String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t % 3600 / 60, t % 60);
    }

    /** Capture time of day, UTC, millisecond precision. */
    static String clock(long nanos) {
        return CLOCK.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L)));
    }

    /** A metric timestamp (seconds since the epoch) as UTC date-time, or the number when out of range. */
    static String timestamp(double ts) {
        if (Double.isNaN(ts)) return "-";
        if (ts < 0 || ts > 253402300799d) return value(ts);
        long sec = (long) Math.floor(ts);
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochSecond(sec));
    }
}
