package io.metricsniff.verdict;

import io.metricsniff.record.Problem;
import io.metricsniff.record.Problems;
import io.metricsniff.text.LineScan;
import io.metricsniff.text.Whitespace;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;

/**
 * Riemann's graphite input, re-derived from riemann/riemann {@code src/riemann/transport/graphite.clj}
 * and {@code transport/tcp.clj} at commit 06405cf (project.clj 0.2.10-SNAPSHOT, netty 4.0.24; the
 * newest source the search index stores; it matches release 0.2.10 of 2015-07-21, whose changelog
 * lists no graphite-input change, while 0.2.11 moved to netty 4.0.30). Riemann 0.3.x added
 * {@code :tags} (default false, riemann PR #909; riemann.io/api/riemann.transport.graphite): with
 * the default the tags stay in the service; its {@code graphite_test.clj} "without tags" cases are
 * the ones below (its source is not stored).
 * <ul>
 * <li>graphite.clj:121-123 {@code DelimiterBasedFrameDecoder. 1024 (Delimiters/lineDelimiter)}: a
 *     frame ends at "\n" or "\r\n" (a bare '\r' does not end it), at most 1024 bytes without the
 *     delimiter; failFast (the 2-argument constructor) fires TooLongFrameException, which reaches
 *     tcp.clj:69-71 {@code exceptionCaught}: "TCP handler caught", the channel is closed. The
 *     handler runs on an executor, so lines netty had already read in the same read call may still
 *     reach the streams; everything after them is lost (the profile counts all later lines lost).</li>
 * <li>graphite.clj:124 StringDecoder UTF-8 (invalid bytes replaced, never an error).</li>
 * <li>graphite.clj:34 {@code (split line #"\s+")}: Java's {@code \s} is ASCII {@code [ \t\n\x0B\f\r]};
 *     a leading run makes an empty first field, trailing empties vanish.</li>
 * <li>graphite.clj:35-49, in order: more than 3 fields "too many fields"; empty service "blank line";
 *     "no metric"; "no timestamp"; {@code (re-find #"(?i)nan" metric)} "NaN metric" (anywhere in it).</li>
 * <li>graphite.clj:52 {@code (Double. metric)}: Java's parseDouble (trims bytes up to ' ', hex floats,
 *     d/f suffixes, Infinity); graphite.clj:55 {@code (Long. timestamp)}: parseLong, whole seconds.</li>
 * <li>graphite.clj:81-90: a bad line is logged "Graphite server received malformed message" and
 *     skipped; the connection stays open (before 06405cf, at 261e80c, it threw and closed it).</li>
 * </ul>
 * The default {@code :parser-fn} is identity (graphite.clj:78). Over UDP this version drops every
 * datagram (riemann#509: a DatagramPacket reaches the line decoder; fixed by riemann PR #736, whose
 * code the index does not hold): datagrams are judged line by line as over TCP, and never close anything.
 */
public final class RiemannProfile implements ReceiverProfile {
    public static final String NAME = "riemann";
    /** graphite.clj:122, the frame decoder's maxFrameLength (delimiter excluded). */
    public static final int MAX_FRAME = 1024;

    @Override public String name() { return NAME; }
    @Override public String follows() {
        return "Riemann 0.2.10 (src/riemann/transport/graphite.clj at 06405cf; 0.3.x graphite_test.clj agrees with :tags false)";
    }
    @Override public boolean minusOneIsNow() { return false; }

    @Override
    public boolean judgeLine(MetricRecord rec, Transport transport) {
        byte[] b = rec.rawBytes();
        int to = b.length;
        long length = rec.rawLength();
        if (to > 0 && b[to - 1] == '\r' && length == to) { to--; length--; } // "\r\n" is the delimiter
        if (length > MAX_FRAME) {
            boolean tcp = transport == Transport.TCP;
            rec.flag(Verdict.MALFORMED, Problems.lineTooLong(NAME, length, MAX_FRAME, tcp
                    ? "the frame decoder throws TooLongFrameException and riemann closes the connection"
                    : "the frame decoder discards it"));
            return tcp;
        }
        int[] f = new int[8];
        int n = LineScan.split(b, 0, to, Whitespace.JAVA, f);
        boolean leadingBlank = to > 0 && LineScan.space(b, 0, to, Whitespace.JAVA) > 0;
        if (n >= 1) rec.path(LineScan.string(b, f[0], f[1]));
        Problem shape = shape(n, leadingBlank);
        if (shape != null) {
            rec.flag(Verdict.MALFORMED, shape);
            return false;
        }
        if (containsNan(b, f[2], f[3])) {
            rec.flag(Verdict.MALFORMED, Problems.nanValue(NAME, "rejects a value containing 'nan' in any case (NaN metric)"));
            return false;
        }
        try {
            rec.value(Double.parseDouble(LineScan.string(b, f[2], f[3])));
        } catch (NumberFormatException e) {
            rec.flag(Verdict.MALFORMED, Problems.badValue(NAME, "Java's Double cannot read it (invalid metric)"));
            return false;
        }
        try {
            rec.timestamp(Long.parseLong(LineScan.string(b, f[4], f[5])));
        } catch (NumberFormatException e) {
            rec.flag(Verdict.MALFORMED, Problems.badTimestamp(NAME, "it must be a whole number of seconds, Java's Long (invalid timestamp)"));
        }
        return false;
    }

    /**
     * graphite.clj:35-46 on the fields {@code split} returns ({@code n} real ones, and an empty one
     * first after leading whitespace): null when there are exactly 3 and the first is not empty.
     */
    private static Problem shape(int n, boolean leadingBlank) {
        if (n == 0) return Problems.emptyLine(NAME, "rejects a blank line");
        int fields = n + (leadingBlank ? 1 : 0);
        if (fields > 3) {
            return Problems.fieldCount(NAME, fields, leadingBlank
                    ? "exactly 3 fields; leading whitespace makes an empty first field (too many fields)"
                    : "exactly 3 whitespace-separated fields (too many fields)");
        }
        if (leadingBlank) return Problems.emptyLine(NAME, "rejects a line starting with whitespace: its service is empty (blank line)");
        if (n < 3) {
            return Problems.fieldCount(NAME, n, "exactly 3 whitespace-separated fields (" + (n == 1 ? "no metric" : "no timestamp") + ")");
        }
        return null;
    }

    /** {@code (re-find #"(?i)nan" metric)}: ASCII case folding only (no UNICODE_CASE flag). */
    static boolean containsNan(byte[] b, int from, int to) {
        for (int i = from; i + 2 < to; i++) {
            if ((b[i] | 0x20) == 'n' && (b[i + 1] | 0x20) == 'a' && (b[i + 2] | 0x20) == 'n') return true;
        }
        return false;
    }

    @Override
    public boolean judgeDatapoint(MetricRecord rec) {
        rec.flag(Verdict.MALFORMED, Problems.noPickle(NAME));
        return false;
    }
}
