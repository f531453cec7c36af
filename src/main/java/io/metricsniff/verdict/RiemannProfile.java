package io.metricsniff.verdict;

import io.metricsniff.record.Problems;
import io.metricsniff.text.LineScan;
import io.metricsniff.text.Whitespace;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;

/**
 * Riemann's graphite input (riemann.transport.graphite): Netty LineBasedFrameDecoder frames of at
 * most 1024 bytes ("\n" or "\r\n"), text decoded as UTF-8 with replacement, split on {@code \s+}
 * into exactly 3 fields, a value containing "nan" (any case) rejected, value by Java's
 * {@code Double.}, timestamp by {@code Long.} (whole seconds only). Bad lines are logged and skipped.
 */
public final class RiemannProfile implements ReceiverProfile {
    public static final String NAME = "riemann";
    /** The frame decoder's maxLength: a longer frame is discarded with TooLongFrameException. */
    public static final int MAX_FRAME = 1024;

    @Override public String name() { return NAME; }
    @Override public String follows() { return "Riemann graphite input (riemann.transport.graphite)"; }
    @Override public boolean minusOneIsNow() { return false; }

    @Override
    public boolean judgeLine(MetricRecord rec, Transport transport) {
        byte[] b = rec.rawBytes();
        int to = b.length;
        long length = rec.rawLength();
        if (to > 0 && b[to - 1] == '\r' && length == to) { to--; length--; } // "\r\n" is the delimiter
        if (length > MAX_FRAME) {
            rec.flag(Verdict.MALFORMED, Problems.lineTooLong(NAME, length, MAX_FRAME, "riemann discards the frame"));
            return false;
        }
        // split(line, #"\s+"): a leading separator yields an empty first field; trailing ones vanish
        int[] f = new int[8];
        int n = LineScan.split(b, 0, to, Whitespace.JAVA, f);
        boolean leadingBlank = to > 0 && LineScan.space(b, 0, to, Whitespace.JAVA) > 0;
        if (n == 0) {
            rec.flag(Verdict.MALFORMED, Problems.emptyLine(NAME, "rejects a blank line"));
            return false;
        }
        rec.path(LineScan.string(b, f[0], f[1]));
        if (leadingBlank) {
            rec.flag(Verdict.MALFORMED, n >= 3
                    ? Problems.fieldCount(NAME, n + 1, "exactly 3 fields; leading whitespace makes an empty first field")
                    : Problems.emptyLine(NAME, "rejects a line starting with whitespace (blank service)"));
            return false;
        }
        if (n != 3) {
            rec.flag(Verdict.MALFORMED, Problems.fieldCount(NAME, n, "exactly 3 whitespace-separated fields"));
            return false;
        }
        String value = LineScan.string(b, f[2], f[3]);
        String ts = LineScan.string(b, f[4], f[5]);
        if (value.toLowerCase(java.util.Locale.ROOT).contains("nan")) {
            rec.flag(Verdict.MALFORMED, Problems.nanValue(NAME, "rejects a value containing NaN"));
            return false;
        }
        try {
            rec.value(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            rec.flag(Verdict.MALFORMED, Problems.badValue(NAME, "Java Double cannot read it (Infinity is spelt out, no underscores)"));
            return false;
        }
        try {
            rec.timestamp(Long.parseLong(ts));
        } catch (NumberFormatException e) {
            rec.flag(Verdict.MALFORMED, Problems.badTimestamp(NAME, "it must be a whole number of seconds (Java Long)"));
        }
        return false;
    }

    @Override
    public boolean judgeDatapoint(MetricRecord rec) {
        rec.flag(Verdict.MALFORMED, Problems.noPickle(NAME));
        return false;
    }
}
