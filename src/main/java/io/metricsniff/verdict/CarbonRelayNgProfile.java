package io.metricsniff.verdict;

import io.metricsniff.record.Problem;
import io.metricsniff.record.Problems;
import io.metricsniff.text.LineScan;
import io.metricsniff.text.Whitespace;
import io.metricsniff.text.GoFloat;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;

import java.util.List;

/**
 * carbon-relay-ng (input/plain.go Plain.Handle, input/pickle.go) with go-metrics20 at the version its
 * go.mod pins (v0.0.0-20240216190837-a2a3be37ef3e), default levels from cfg/cfg.go NewConfig
 * (legacy medium, m20 medium, validate_order off). A Go bufio.Scanner reads lines (ScanLines drops
 * one trailing '\r'; 64 KiB token limit; a last line without '\n' is still read at EOF); each goes
 * through carbon20/validate.go ValidatePacket, which stops at its first error: bytes.Fields must give
 * 3 fields; the key is checked ({@link Metrics20Keys}); the value and the TIMESTAMP both go through
 * strconv.ParseFloat(s, 64), the timestamp then cast to uint32 without a range check. So only a
 * parse error rejects a timestamp: "-1", "1.5", "1e9", "nan" and "inf" pass (docs/validation.md
 * and older go-metrics20 used ParseUint; the pinned code decides). The line is forwarded as written.
 */
public final class CarbonRelayNgProfile implements ReceiverProfile {
    public static final String NAME = "carbon-relay-ng";
    /** bufio.MaxScanTokenSize: a line plus its '\n' must fit, else the scanner stops (connection dropped). */
    public static final int MAX_TOKEN = 64 * 1024;
    /** ValidatePacket returns uint32(ts): what the relay itself (aggregators, validate_order) sees. */
    public static final long MAX_TIMESTAMP = 4294967295L;
    /** What the relay does with a timestamp it parses but cannot hold as uint32. */
    static final String PASSES = "accepts it (ParseFloat, then an unchecked uint32 cast) and forwards the line unchanged;"
            + " only its aggregators and validate_order see the wrapped value";

    @Override public String name() { return NAME; }
    @Override public String follows() { return "carbon-relay-ng with go-metrics20 v0.0.0-20240216190837-a2a3be37ef3e (its go.mod pin)"; }
    @Override public boolean minusOneIsNow() { return false; }
    @Override public boolean readsLastLineAtClose() { return true; }
    /** validate_order is not set in cfg.NewConfig, so it is off unless the operator turns it on. */
    @Override public boolean dropsBackwardTimestamps() { return false; }

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
        int n = LineScan.split(b, 0, to, Whitespace.GO, f); // bytes.Fields: unicode.IsSpace
        if (n >= 1) rec.path(LineScan.string(b, f[0], f[1]));
        if (n != 3) {
            rec.flag(Verdict.MALFORMED, n == 0
                    ? Problems.emptyLine(NAME, "rejects an empty line as a bad metric")
                    : Problems.fieldCount(NAME, n, "exactly 3 whitespace-separated fields (path value timestamp)"));
            return false;
        }
        Problem bad = keyProblem(b, f[0], f[1]);
        double value = GoFloat.parse(b, f[2], f[3]);
        double ts = GoFloat.parse(b, f[4], f[5]);
        if (!GoFloat.isInvalid(value)) rec.value(value);
        if (!GoFloat.isInvalid(ts)) rec.timestamp(ts);
        if (bad == null && GoFloat.isInvalid(value)) bad = Problems.badValue(NAME, "Go ParseFloat cannot read it");
        if (bad == null && GoFloat.isInvalid(ts)) {
            bad = Problems.badTimestamp(NAME, "Go ParseFloat cannot read it (validate.go ValidatePacket)");
        }
        if (bad != null) {
            rec.flag(Verdict.MALFORMED, bad);
        } else {
            noteTimestamp(rec, ts);
            fillTags(rec, rec.path());
        }
        return false;
    }

    /** ValidatePacket's key step: style from the first node, the leading '.' dropped, then that style's checks. */
    private static Problem keyProblem(byte[] b, int from, int to) {
        Metrics20Keys.Style style = Metrics20Keys.style(b, from, to);
        if (b[from] == '.') from++; // "graphite graciously allows a leading dot" (metrictank#668)
        if (style == Metrics20Keys.Style.LEGACY) {
            String err = Metrics20Keys.legacyMedium(b, from, to);
            if (err == null) return null;
            return err.startsWith("invalid tag") ? Problems.badTag(NAME, err)
                    : Problems.badName(NAME, err + " (validation level medium)");
        }
        String err = Metrics20Keys.m20Medium(b, from, to, style);
        return err == null ? null : Problems.badName(NAME, "its first node makes it a metrics 2.0 name, and " + err);
    }

    /** A timestamp the relay accepts but cannot hold as uint32: said, not rejected. */
    private static void noteTimestamp(MetricRecord rec, double ts) {
        if (ts >= 0 && ts <= MAX_TIMESTAMP) return;
        rec.note(ts >= CarbonProfile.MS_TIMESTAMP_THRESHOLD && ts < Double.POSITIVE_INFINITY
                ? Problems.msTimestamp(NAME, ts, PASSES) : Problems.timestampRange(NAME, PASSES));
    }

    /**
     * input/pickle.go: each (path, (ts, value)) is printed as "path value ts" and goes through the
     * same ValidatePacket; a path with whitespace gives more than 3 fields.
     */
    @Override
    public boolean judgeDatapoint(MetricRecord rec) {
        String path = rec.path();
        if (path == null) return false;
        byte[] b = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int[] f = new int[6];
        int n = LineScan.split(b, 0, b.length, Whitespace.GO, f);
        if (n != 1) {
            rec.flag(Verdict.MALFORMED, Problems.fieldCount(NAME, n + 2, "the path as one field of 'path value timestamp'"));
            return false;
        }
        Problem bad = keyProblem(b, f[0], f[1]);
        if (bad != null) rec.flag(Verdict.MALFORMED, bad);
        else if (rec.hasTimestamp()) noteTimestamp(rec, rec.timestamp());
        return false;
    }

    /** The tags of a valid legacy name, for the record (the relay itself keeps the name whole). */
    private static void fillTags(MetricRecord rec, String name) {
        List<String[]> tags = Tags.newList();
        if (name.indexOf(';') > 0 && Tags.checkRelayNg(name, tags) == null) rec.tags(tags);
    }
}
