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
 * carbon-c-relay's dispatcher: '\n' and '\r' both end a line; empty lines and lines without a
 * space are dropped; the name is cleansed before routing (leading/trailing/double dots removed,
 * characters outside {@code [A-Za-z0-9]} and {@code -_:#} replaced by '_'; a tag appendix after
 * the first ';' is left alone); value and timestamp are passed on unchecked.
 */
public final class CarbonCRelayProfile implements ReceiverProfile {
    public static final String NAME = "carbon-c-relay";
    /** Longest metric line the relay keeps (METRIC_BUFSIZ); longer lines are dropped. */
    public static final int MAX_LINE = 32768;
    /** The default of {@code -c}: characters allowed next to [A-Za-z0-9]. */
    public static final String ALLOWED_CHARS = "-_:#";

    @Override public String name() { return NAME; }
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
        if (rec.rawLength() > MAX_LINE) {
            rec.flag(Verdict.MALFORMED, Problems.lineTooLong(NAME, rec.rawLength(), MAX_LINE, "carbon-c-relay drops it"));
            return false;
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
        if (nameEnd == end) {
            rec.flag(Verdict.MALFORMED, Problems.fieldCount(NAME, 1, "a space after the name"));
            return false;
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

    /** The dispatcher's name cleansing with the default {@code -c} (see {@link RelayNameCleaning}). */
    public static byte[] cleanse(byte[] b, int from, int to) {
        return RelayNameCleaning.cleanse(b, from, to, ALLOWED_CHARS);
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
