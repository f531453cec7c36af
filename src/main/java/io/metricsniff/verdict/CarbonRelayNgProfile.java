package io.metricsniff.verdict;

import io.metricsniff.record.Problems;
import io.metricsniff.text.LineScan;
import io.metricsniff.text.Whitespace;
import io.metricsniff.text.GoFloat;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;

import java.util.List;

/**
 * carbon-relay-ng (input/plain.go + go-metrics20 ValidatePacket, default "medium" levels): a Go
 * bufio.Scanner reads lines (trailing '\r' dropped, 64 KiB token limit, a last line without
 * newline still read at EOF); exactly 3 whitespace fields; value by Go ParseFloat; timestamp an
 * unsigned integer; names without NUL; a tag appendix checked; names with '=' or "_is_" checked
 * as metrics 2.0 (unit and mtype tags, at least two tags, one style).
 */
public final class CarbonRelayNgProfile implements ReceiverProfile {
    public static final String NAME = "carbon-relay-ng";
    /** bufio.MaxScanTokenSize: a line plus its '\n' must fit, else the scanner stops (connection dropped). */
    public static final int MAX_TOKEN = 64 * 1024;
    /** Timestamps are kept as uint32 seconds. */
    public static final long MAX_TIMESTAMP = 4294967295L;

    @Override public String name() { return NAME; }
    @Override public boolean minusOneIsNow() { return false; }
    @Override public boolean readsLastLineAtClose() { return true; }
    /** Its out-of-order validation (validate_order, off in the example config) drops a point older than the newest for the key. */
    @Override public boolean dropsBackwardTimestamps() { return true; }

    @Override
    public boolean judgeLine(MetricRecord rec, Transport transport) {
        byte[] b = rec.rawBytes();
        if (transport == Transport.TCP && rec.rawLength() + 1 > MAX_TOKEN) {
            rec.flag(Verdict.MALFORMED, Problems.lineTooLong(NAME, rec.rawLength(), MAX_TOKEN - 1,
                    "its line scanner stops with 'token too long' and reads nothing more from this connection"));
            return true;
        }
        int to = b.length;
        if (to > 0 && b[to - 1] == '\r') to--; // ScanLines drops a trailing CR
        int[] f = new int[6];
        int n = LineScan.split(b, 0, to, Whitespace.GO, f);
        if (n >= 1) rec.path(LineScan.string(b, f[0], f[1]));
        if (n != 3) {
            rec.flag(Verdict.MALFORMED, n == 0
                    ? Problems.emptyLine(NAME, "rejects an empty line as a bad metric")
                    : Problems.fieldCount(NAME, n, "exactly 3 whitespace-separated fields (path value timestamp)"));
            return false;
        }
        double value = GoFloat.parse(b, f[2], f[3]);
        if (GoFloat.isInvalid(value)) {
            rec.flag(Verdict.MALFORMED, Problems.badValue(NAME, "Go ParseFloat cannot read it"));
        } else {
            rec.value(value);
        }
        long ts = parseUnsigned(b, f[4], f[5]);
        if (ts < 0) {
            double t = GoFloat.parse(b, f[4], f[5]);
            if (!GoFloat.isInvalid(t)) rec.timestamp(t);
            rec.flag(Verdict.MALFORMED, Problems.badTimestamp(NAME,
                    "it must be an unsigned integer of seconds (no sign, no fraction, no exponent)"));
        } else {
            rec.timestamp(ts);
            if (ts > MAX_TIMESTAMP) {
                String why = "keeps timestamps as unsigned 32-bit seconds and rejects it";
                rec.flag(Verdict.MALFORMED, ts >= CarbonProfile.MS_TIMESTAMP_THRESHOLD
                        ? Problems.msTimestamp(NAME, ts, why) : Problems.timestampRange(NAME, why));
            }
        }
        checkName(rec, rec.path());
        return false;
    }

    /** Digits only, as ParseUint base 10; -1 on anything else or overflow past 19 digits. */
    private static long parseUnsigned(byte[] b, int from, int to) {
        if (from == to || to - from > 19) return -1;
        long v = 0;
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') return -1;
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    private static void checkName(MetricRecord rec, String name) {
        if (name.indexOf('\0') >= 0) {
            rec.flag(Verdict.MALFORMED, Problems.badName(NAME, "a NUL byte is not allowed (validation level medium)"));
            return;
        }
        if (name.indexOf(';') >= 0) {
            List<String[]> tags = Tags.newList();
            String err = Tags.checkRelayNg(name, tags);
            if (err != null) rec.flag(Verdict.MALFORMED, Problems.badTag(NAME, err));
            else rec.tags(tags);
            return;
        }
        if (name.indexOf('=') >= 0 || name.contains("_is_")) {
            String err = checkMetrics20(name);
            if (err != null) rec.flag(Verdict.MALFORMED, Problems.badName(NAME, "as a metrics 2.0 name " + err));
        }
    }

    /** Medium metrics 2.0 validation: nodes split on '.', tags as k=v or k_is_v. */
    static String checkMetrics20(String name) {
        boolean equals = name.indexOf('=') >= 0, is = name.contains("_is_");
        if (equals && is) return "it mixes '=' and '_is_' tag styles";
        String sep = equals ? "=" : "_is_";
        int tags = 0;
        boolean unit = false, mtype = false;
        int start = 0;
        while (start <= name.length()) {
            int dot = name.indexOf('.', start);
            String node = dot < 0 ? name.substring(start) : name.substring(start, dot);
            int k = node.indexOf(sep);
            if (k > 0) {
                tags++;
                String key = node.substring(0, k);
                if (key.equals("unit")) unit = true;
                if (key.equals("mtype") || key.equals("target_type")) mtype = true;
            }
            if (dot < 0) break;
            start = dot + 1;
        }
        if (!unit) return "it has no unit tag";
        if (!mtype) return "it has no mtype tag";
        if (tags < 2) return "it needs at least two tags";
        return null;
    }

    @Override
    public boolean judgeDatapoint(MetricRecord rec) {
        if (rec.path() != null) checkName(rec, rec.path());
        if (rec.hasTimestamp()) {
            double ts = rec.timestamp();
            if (!(ts >= 0) || ts > MAX_TIMESTAMP) {
                rec.flag(Verdict.MALFORMED, Problems.badTimestamp(NAME, "it must fit an unsigned 32-bit integer"));
            }
        }
        return false;
    }
}
