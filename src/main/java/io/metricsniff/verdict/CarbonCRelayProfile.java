package io.metricsniff.verdict;

import io.metricsniff.record.Problems;
import io.metricsniff.text.LineScan;
import io.metricsniff.text.Whitespace;
import io.metricsniff.text.PythonFloat;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;

import java.nio.charset.StandardCharsets;

/**
 * carbon-c-relay 3.7 (Debian 3.7.3), its dispatcher (dispatcher.c dispatch_connection): '\n' and
 * '\r' both end a line; empty lines are dropped, and so are lines with neither a space nor a ';'
 * (with tags on, the default, a ';' is a separator it looks for, so "a.b;t=v" alone is forwarded);
 * the name is cleansed before routing (leading/trailing/double dots removed, characters outside
 * {@code [A-Za-z0-9]} and {@code -_:#} replaced by '_'; after the first ';' only NUL becomes '_');
 * value and timestamp are passed on unchecked. Its read buffer is METRIC_BUFSIZ (relay.h, 32768):
 * a line that cannot fit with its terminator (32767 bytes or more) makes it read 0 bytes and close
 * the connection, so that line and everything after it on the connection is lost. Checked against
 * the running binary (CRelayProfileOracleTest, CRelayLongLineOracleTest); its {@code -t} test mode
 * differs (no cleansing), the running relay decides.
 */
public final class CarbonCRelayProfile implements ReceiverProfile {
    public static final String NAME = "carbon-c-relay";
    /** The dispatcher's read buffer (relay.h METRIC_BUFSIZ). */
    public static final int METRIC_BUFSIZ = 32768;
    /** Longest line it reads: the line, its terminator and the C string's NUL must fit the buffer. */
    public static final int MAX_LINE = METRIC_BUFSIZ - 2;
    /** The default of {@code -c}: characters allowed next to [A-Za-z0-9]. */
    public static final String ALLOWED_CHARS = "-_:#";
    /** The default of {@code -M} (relay.c): longest cleaned line with its newline; the read buffer binds first. */
    public static final int DEFAULT_MAX_INPUT = METRIC_BUFSIZ;

    /** {@code -m}: longest cleaned name (up to the first space or ';'); {@code -M}: cleaned line plus newline. */
    private final int maxMetricLen, maxInputLen;

    /** The relay as Debian starts it: no {@code -m} (0, meaning the {@code -M} limit), {@code -M} 32768. */
    public CarbonCRelayProfile() { this(0, DEFAULT_MAX_INPUT); }

    /**
     * A relay started with {@code -m maxMetricLen -M maxInputLen} (dispatcher.c
     * dispatch_received_metrics: a line whose cleaned length is over {@code -M} - 1, or whose cleaned
     * name is over {@code -m}, is counted as discarded; the relay's test/metriclimits.* checks it).
     */
    public CarbonCRelayProfile(int maxMetricLen, int maxInputLen) {
        this.maxInputLen = maxInputLen;
        this.maxMetricLen = maxMetricLen == 0 ? maxInputLen : maxMetricLen; // "-m 0: limit of -M" (-h)
    }

    @Override public String name() { return NAME; }
    @Override public String follows() { return "carbon-c-relay 3.7.3 (Debian), checked against the running binary"; }
    @Override public boolean minusOneIsNow() { return false; }

    @Override
    public boolean judgeLine(MetricRecord rec, Transport transport) {
        byte[] b = rec.rawBytes();
        int to = b.length;
        int cr = LineScan.indexOf(b, 0, to, (byte) '\r');
        int end = cr < 0 ? to : cr;
        if (cr >= 0) {
            int more = countMetricSegments(b, cr + 1, to);
            if (more > 0) rec.note(Problems.crSplit(NAME, more + 1));
        }
        long longest = longestSegment(b, cr, rec.rawLength());
        if (longest > MAX_LINE) {
            rec.flag(Verdict.MALFORMED, Problems.lineTooLong(NAME, longest, MAX_LINE,
                    "its read buffer (METRIC_BUFSIZ " + METRIC_BUFSIZ + ") never holds it, so it reads 0 bytes and closes the connection"));
            return true;
        }
        int i = 0;
        while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '.')) i++;
        int nameStart = i;
        while (i < end && b[i] != ' ' && b[i] != '\t') i++;
        int nameEnd = i;
        if (nameStart == end) {
            rec.flag(Verdict.MALFORMED, Problems.emptyLine(NAME, "drops an empty line (counted as discarded)"));
            return false;
        }
        int written = nameStart;
        while (written > 0 && b[written - 1] == '.') written--; // leading dots are part of what was written
        rec.path(LineScan.string(b, written, nameEnd));
        if (nameEnd == end && LineScan.indexOf(b, nameStart, end, (byte) ';') < 0) {
            rec.flag(Verdict.MALFORMED, Problems.fieldCount(NAME, 1, "a space (or a tag's ';') after the name"));
            return false;
        }
        if (maxInputLen < METRIC_BUFSIZ || maxMetricLen < MAX_LINE) {
            String over = overLimits(b, 0, end);
            if (over != null) {
                rec.flag(Verdict.MALFORMED, Problems.badName(NAME, over));
                return false;
            }
        }
        byte[] clean = cleanse(b, nameStart, nameEnd);
        if (clean.length != nameEnd - written || !regionEquals(clean, b, written)) {
            String stored = new String(clean, StandardCharsets.UTF_8);
            rec.storedPath(stored);
            rec.note(Problems.nameRewritten(NAME, stored));
        }
        int[] f = new int[6];
        int n = LineScan.split(b, nameEnd, end, Whitespace.JAVA, f);
        double v = n >= 1 ? PythonFloat.parse(b, f[0], f[1]) : PythonFloat.INVALID;
        double ts = n >= 2 ? PythonFloat.parse(b, f[2], f[3]) : PythonFloat.INVALID;
        if (!PythonFloat.isInvalid(v)) rec.value(v);
        if (!PythonFloat.isInvalid(ts)) rec.timestamp(ts);
        if (n != 2 || PythonFloat.isInvalid(v) || PythonFloat.isInvalid(ts) || Double.isNaN(v)
                || !Double.isFinite(ts)) {
            rec.note(Problems.notChecked(NAME));
        }
        return false;
    }

    /** Why a line breaks {@code -m}/{@code -M} once cleaned (the dispatcher measures what it forwards), or null. */
    private String overLimits(byte[] b, int from, int to) {
        long lengths = RelayNameCleaning.cleanedLine(b, from, to, ALLOWED_CHARS);
        int line = (int) (lengths >>> 32), name = (int) lengths;
        if (line > maxInputLen - 1) {
            return "its cleaned line is " + line + " bytes, " + (line + 1) + " with the newline, over -M " + maxInputLen + ": discarded";
        }
        if (name > maxMetricLen) return "its cleaned name is " + name + " bytes, over -m " + maxMetricLen + ": discarded";
        return null;
    }

    /** The dispatcher's name cleansing with the default {@code -c} (see {@link RelayNameCleaning}). */
    public static byte[] cleanse(byte[] b, int from, int to) {
        return RelayNameCleaning.cleanse(b, from, to, ALLOWED_CHARS);
    }

    /** The longest stretch between '\r's (the relay's lines); bytes not kept belong to the last one. */
    private static long longestSegment(byte[] b, int firstCr, long rawLength) {
        if (firstCr < 0) return rawLength;
        long longest = firstCr;
        int start = firstCr + 1;
        while (true) {
            int cr = LineScan.indexOf(b, start, b.length, (byte) '\r');
            if (cr < 0) return Math.max(longest, rawLength - start);
            longest = Math.max(longest, cr - start);
            start = cr + 1;
        }
    }

    private static boolean regionEquals(byte[] a, byte[] b, int off) {
        for (int i = 0; i < a.length; i++) if (a[i] != b[off + i]) return false;
        return true;
    }

    /** Pieces after a '\r' the relay would route as metrics of their own (a name and a space). */
    private static int countMetricSegments(byte[] b, int from, int to) {
        int count = 0;
        int i = from;
        while (i < to) {
            int e = LineScan.indexOf(b, i, to, (byte) '\r');
            if (e < 0) e = to;
            int k = i;
            while (k < e && (b[k] == ' ' || b[k] == '\t' || b[k] == '.')) k++;
            int name = k;
            while (k < e && b[k] != ' ' && b[k] != '\t') k++;
            if (k > name && k < e) count++;
            i = e + 1;
        }
        return count;
    }

    @Override
    public boolean judgeDatapoint(MetricRecord rec) {
        rec.flag(Verdict.MALFORMED, Problems.noPickle(NAME));
        return false;
    }
}
