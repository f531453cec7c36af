package io.metricsniff.verdict;

import io.metricsniff.record.Problem;
import io.metricsniff.record.Problems;
import io.metricsniff.text.LineScan;
import io.metricsniff.text.GoFloat;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;

/**
 * go-carbon's plain TCP receiver, pinned to go-carbon v0.17.3. The rules are read from
 * go-graphite/go-carbon {@code receiver/parse/plain.go} at commit 82e9bed (the newest stored
 * version: lomik/go-carbon import path, so before v0.15.0's module move; its test's trailing-space
 * case is dated 2019-03, so v0.14.0 or later) and {@code receiver/tcp/tcp.go} at ca0f422; the
 * CHANGELOG from v0.15.0 through v0.17.3 and the 2024 master names no change to plain parsing.
 * <ul>
 * <li>plain.go:21 {@code bytes.Trim(p, " \n\r")} on both ends (older plain.go, e.g. e732f85,
 *     stripped only a trailing "\n" and "\r": a leading or trailing space was an error there);</li>
 * <li>plain.go:23-32 the name up to the first single space (empty name: error), the value up to the
 *     next (empty value, i.e. a double space: error), the timestamp is all the rest;</li>
 * <li>plain.go:36-44 value and timestamp through Go's ParseFloat, NaN rejected in both; no -1 rule;
 *     plain.go:46 {@code int64(tsf)} truncates; errors only count;</li>
 * <li>tcp.go HandleConnection reads with {@code bufio.Reader.ReadBytes('\n')}: no line-length limit
 *     (a line is held whole however long); a last line without '\n' at EOF is logged "unfinished
 *     line" and dropped.</li>
 * </ul>
 * A lomik-era variant of plain.go also collapsed ".." in names (RemoveDoubleDot); the versions
 * with the Trim do not, and their plain_test.go keeps "metric..name".
 */
public final class GoCarbonProfile implements ReceiverProfile {
    public static final String NAME = "go-carbon";

    @Override public String name() { return NAME; }
    @Override public String follows() {
        return "go-carbon v0.17.3 (receiver/parse/plain.go PlainLine at 82e9bed, receiver/tcp/tcp.go; its CHANGELOG names no plain-parser change since)";
    }
    @Override public boolean minusOneIsNow() { return false; }

    @Override
    public boolean judgeLine(MetricRecord rec, Transport transport) {
        byte[] b = rec.rawBytes();
        int from = 0, to = b.length;
        while (from < to && isTrim(b[from])) from++;
        while (to > from && isTrim(b[to - 1])) to--;
        if (from == to) {
            rec.flag(Verdict.MALFORMED, Problems.emptyLine(NAME, "rejects an empty line (counted as an error)"));
            return false;
        }
        int i1 = LineScan.indexOf(b, from, to, (byte) ' ');
        if (i1 < 0) {
            rec.path(LineScan.string(b, from, to));
            rec.flag(Verdict.MALFORMED, LineScan.indexOf(b, from, to, (byte) '\t') >= 0
                    ? Problems.tabSeparator(NAME)
                    : Problems.fieldCount(NAME, 1, "'path value timestamp' separated by single spaces"));
            return false;
        }
        rec.path(LineScan.string(b, from, i1));
        int i2 = LineScan.indexOf(b, i1 + 1, to, (byte) ' ');
        if (i2 == i1 + 1) {
            rec.flag(Verdict.MALFORMED, Problems.doubleSpace(NAME));
            return false;
        }
        if (i2 < 0) {
            rec.flag(Verdict.MALFORMED, LineScan.indexOf(b, i1 + 1, to, (byte) '\t') >= 0
                    ? Problems.tabSeparator(NAME)
                    : Problems.fieldCount(NAME, 2, "'path value timestamp' separated by single spaces"));
            return false;
        }
        boolean ok = true;
        double value = GoFloat.parse(b, i1 + 1, i2);
        if (GoFloat.isInvalid(value)) {
            rec.flag(Verdict.MALFORMED, LineScan.indexOf(b, i1 + 1, i2, (byte) '\t') >= 0
                    ? Problems.tabSeparator(NAME)
                    : Problems.badValue(NAME, "Go ParseFloat cannot read it"));
            ok = false;
        } else if (Double.isNaN(value)) {
            rec.value(value);
            rec.flag(Verdict.MALFORMED, Problems.nanValue(NAME, "rejects NaN values (counted as an error)"));
            ok = false;
        } else {
            rec.value(value);
        }
        double ts = GoFloat.parse(b, i2 + 1, to);
        if (GoFloat.isInvalid(ts) || Double.isNaN(ts)) {
            rec.flag(Verdict.MALFORMED, unreadableTimestamp(b, i2 + 1, to, ts));
            return false;
        }
        if (!ok) return false;
        if (Double.isInfinite(ts)) {
            rec.timestamp(ts);
            rec.flag(Verdict.MALFORMED, Problems.timestampRange(NAME,
                    "accepts an infinite timestamp but int64(+Inf) is meaningless: the point is not stored"));
            return false;
        }
        rec.timestamp((double) (long) ts); // int64(tsf) truncates the fraction
        return false;
    }

    /** Why the third field is no timestamp: a separator problem, or the number itself. */
    private static Problem unreadableTimestamp(byte[] b, int from, int to, double ts) {
        int sp = LineScan.indexOf(b, from, to, (byte) ' ');
        if (sp == from) return Problems.doubleSpace(NAME);
        if (sp > 0) return Problems.fieldCount(NAME, 4, "exactly 'path value timestamp'");
        if (LineScan.indexOf(b, from, to, (byte) '\t') >= 0) return Problems.tabSeparator(NAME);
        return Problems.badTimestamp(NAME, Double.isNaN(ts) && !GoFloat.isInvalid(ts)
                ? "NaN is rejected" : "Go ParseFloat cannot read it");
    }

    private static boolean isTrim(byte c) { return c == ' ' || c == '\n' || c == '\r'; }

    @Override
    public boolean judgeDatapoint(MetricRecord rec) {
        if (rec.hasValue() && Double.isNaN(rec.value())) {
            rec.flag(Verdict.MALFORMED, Problems.nanValue(NAME, "rejects NaN values (counted as an error)"));
        }
        return false;
    }
}
