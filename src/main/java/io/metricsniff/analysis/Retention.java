package io.metricsniff.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Whisper archive lists: carbon's parseRetentionDef ({@code 60:1440}, {@code 1s:30m}, units
 * s m h d w y, y = 365 d) and whisper's validateArchiveList, plus formatting back to the
 * storage-schemas.conf notation for fixes.
 */
public final class Retention {
    private Retention() { }

    /** One whisper archive: a slot every {@code secondsPerPoint}, {@code points} slots. */
    public record Archive(long secondsPerPoint, long points) {
        public long retentionSeconds() { return secondsPerPoint * points; }
        @Override public String toString() { return format(secondsPerPoint) + ":" + format(retentionSeconds()); }
    }

    private static final String UNITS = "smhdwy";
    private static final long[] MULT = {1, 60, 3600, 86400, 7 * 86400, 365 * 86400};

    /**
     * Parses a comma-separated retentions value exactly as carbon does; IllegalArgumentException
     * with carbon's message when carbon would refuse to start. Archives come back in file order.
     */
    public static List<Archive> parse(String retentions) {
        List<Archive> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= retentions.length(); i++) {
            if (i == retentions.length() || retentions.charAt(i) == ',') {
                out.add(parseOne(retentions.substring(start, i)));
                start = i + 1;
            }
        }
        return out;
    }

    static Archive parseOne(String def) {
        String s = def.strip();
        int colon = s.indexOf(':');
        if (colon < 0 || s.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException("retention '" + def.strip() + "' is not precision:duration");
        }
        String precision = s.substring(0, colon), points = s.substring(colon + 1);
        long p = amount(precision, "Invalid precision specification '" + precision + "'");
        if (p <= 0) throw new IllegalArgumentException("precision '" + precision + "' is zero");
        long n;
        if (isDigits(points)) n = Long.parseLong(points);
        else n = amount(points, "Invalid retention specification '" + points + "'") / p; // python: int(x / p)
        return new Archive(p, n);
    }

    // "60" (seconds) or "<digits><unit>"
    private static long amount(String s, String error) {
        if (isDigits(s)) return checkedParse(s, error);
        int k = 0;
        while (k < s.length() && s.charAt(k) >= '0' && s.charAt(k) <= '9') k++;
        String unit = s.substring(k);
        if (k == 0 || unit.isEmpty()) throw new IllegalArgumentException(error);
        for (int i = 0; i < unit.length(); i++) {
            if (unit.charAt(i) < 'a' || unit.charAt(i) > 'z') throw new IllegalArgumentException(error);
        }
        int u = unit.length() == 1 ? UNITS.indexOf(unit.charAt(0)) : -1;
        if (u < 0) throw new IllegalArgumentException("Invalid unit '" + unit + "'");
        return checkedParse(s.substring(0, k), error) * MULT[u];
    }

    private static long checkedParse(String digits, String error) {
        if (digits.length() > 12) throw new IllegalArgumentException(error + " (number too large)");
        return Long.parseLong(digits);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    /** Whisper's validateArchiveList; returns the archives sorted finest first, or throws with whisper's reason. */
    public static List<Archive> validate(List<Archive> archives) {
        if (archives.isEmpty()) throw new IllegalArgumentException("You must specify at least one archive configuration!");
        List<Archive> a = new ArrayList<>(archives);
        a.sort(Comparator.comparingLong(Archive::secondsPerPoint));
        for (int i = 0; i + 1 < a.size(); i++) {
            Archive cur = a.get(i), next = a.get(i + 1);
            if (cur.secondsPerPoint() >= next.secondsPerPoint()) {
                throw new IllegalArgumentException("two archives with the same precision (" + cur + ", " + next + ")");
            }
            if (next.secondsPerPoint() % cur.secondsPerPoint() != 0) {
                throw new IllegalArgumentException("higher precision archives' precision must evenly divide all lower "
                        + "precision archives' precision (" + cur.secondsPerPoint() + "s, " + next.secondsPerPoint() + "s)");
            }
            if (next.retentionSeconds() <= cur.retentionSeconds()) {
                throw new IllegalArgumentException("lower precision archives must cover larger time intervals than higher "
                        + "precision archives (" + cur + ", " + next + ")");
            }
            if (cur.points() < next.secondsPerPoint() / cur.secondsPerPoint()) {
                throw new IllegalArgumentException("each archive must have at least enough points to consolidate to the next ("
                        + cur + " has " + cur.points() + " points, needs " + next.secondsPerPoint() / cur.secondsPerPoint() + ")");
            }
        }
        return List.copyOf(a);
    }

    /** Seconds in the largest unit that divides them: 60 -> 1m, 1800 -> 30m, 63072000 -> 2y. */
    public static String format(long seconds) {
        for (int u = MULT.length - 1; u > 0; u--) {
            if (seconds >= MULT[u] && seconds % MULT[u] == 0) return seconds / MULT[u] + String.valueOf(UNITS.charAt(u));
        }
        return seconds + "s";
    }

    /** The storage-schemas.conf notation of a list: {@code 3s:30m,1m:1d,5m:2y}. */
    public static String format(List<Archive> archives) {
        StringBuilder b = new StringBuilder();
        for (Archive a : archives) b.append(b.length() == 0 ? "" : ",").append(a);
        return b.toString();
    }
}
