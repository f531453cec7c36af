package io.metricsniff.verdict;

import io.metricsniff.record.Problems;
import io.metricsniff.text.LineScan;
import io.metricsniff.text.Whitespace;
import io.metricsniff.text.PythonFloat;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;

import java.util.List;

/**
 * carbon 1.1 (carbon-cache / carbon-relay, Python): {@code MetricLineReceiver.lineReceived},
 * {@code MetricDatagramReceiver}, {@code metricReceived} and whisper's storage limits.
 */
public final class CarbonProfile implements ReceiverProfile {
    public static final String NAME = "carbon";
    /** Twisted LineOnlyReceiver.MAX_LENGTH: a longer line closes the connection, without a log line. */
    public static final int MAX_LINE = 16384;
    /** whisper packs timestamps as unsigned 32-bit ('L'); int(ts) above this fails in the writer. */
    public static final long WHISPER_MAX_TIMESTAMP = 4294967295L;
    /**
     * A timestamp from here up is called milliseconds (or finer): 1e11 seconds is the year 5138,
     * 1e11 milliseconds is 1973. Below it an over-range timestamp is just out of range.
     */
    public static final double MS_TIMESTAMP_THRESHOLD = 1e11;

    @Override public String name() { return NAME; }
    @Override public String follows() { return "carbon 1.1.x (lib/carbon/protocols.py, util.py; Debian graphite-carbon)"; }
    @Override public boolean minusOneIsNow() { return true; }

    @Override
    public boolean judgeLine(MetricRecord rec, Transport transport) {
        boolean tcp = transport == Transport.TCP;
        byte[] b = rec.rawBytes();
        int to = b.length;
        if (tcp && rec.rawLength() > MAX_LINE) {
            rec.flag(Verdict.MALFORMED, Problems.lineTooLong(NAME, rec.rawLength(), MAX_LINE,
                    "carbon closes the connection without a log line; the rest of the sender's data is lost"));
            return true;
        }
        int[] f = new int[6];
        int n = LineScan.splitAscii(b, 0, to, Whitespace.PYTHON, f); // -1: not ASCII, decode first
        if (n < 0) {
            if (LineScan.firstInvalidUtf8(b, 0, to) >= 0) {
                rec.flag(Verdict.MALFORMED, Problems.invalidUtf8(NAME, tcp
                        ? "fails to decode it and closes the connection; the rest of the sender's data is lost"
                        : "fails to decode the datagram and drops all of it"));
                return true;
            }
            n = LineScan.split(b, 0, to, Whitespace.PYTHON, f);
        }
        if (n >= 1) rec.pathInRaw(f[0], f[1] - f[0]); // made a String only if someone asks
        if (n != 3) {
            rec.flag(Verdict.MALFORMED, n == 0
                    ? Problems.emptyLine(NAME, "logs an empty line as an invalid line and ignores it")
                    : Problems.fieldCount(NAME, n, "exactly 3 whitespace-separated fields (path value timestamp)"));
            return false;
        }
        double value = PythonFloat.parse(b, f[2], f[3]);
        double ts = PythonFloat.parse(b, f[4], f[5]);
        boolean ok = true;
        if (PythonFloat.isInvalid(value)) {
            rec.flag(Verdict.MALFORMED, Problems.badValue(NAME, "Python float() cannot read it (invalid line, ignored)"));
            ok = false;
        } else {
            rec.value(value);
        }
        if (PythonFloat.isInvalid(ts)) {
            rec.flag(Verdict.MALFORMED, Problems.badTimestamp(NAME, "Python float() cannot read it (invalid line, ignored)"));
            ok = false;
        } else {
            rec.timestamp(ts);
        }
        // most names have neither NUL nor tags: check the bytes, and skip making the path a String
        boolean plainName = LineScan.indexOfEither(b, f[0], f[1], (byte) 0, (byte) ';') < 0;
        return ok && judgeParsed(rec, tcp, plainName);
    }

    @Override
    public boolean judgeDatapoint(MetricRecord rec) {
        if (rec.path() == null || !rec.hasValue() || !rec.hasTimestamp()) return false;
        return judgeParsed(rec, true, false);
    }

    /** metricReceived and the writer, once path, value and timestamp are read. */
    private boolean judgeParsed(MetricRecord rec, boolean tcp, boolean plainName) {
        double value = rec.value();
        double ts = rec.timestamp();
        if (Double.isNaN(value)) {
            rec.flag(Verdict.MALFORMED, Problems.nanValue(NAME, "drops NaN values silently"));
            return false;
        }
        if (Double.isNaN(ts) || Double.isInfinite(ts)) {
            String t = Double.isNaN(ts) ? "nan" : ts > 0 ? "inf" : "-inf";
            if (!tcp && Double.isNaN(ts)) {
                // over UDP metricReceived runs inside the try: int(nan) is a ValueError, logged
                rec.flag(Verdict.MALFORMED, Problems.badTimestamp(NAME, "int(nan) fails (invalid line, ignored)"));
                return false;
            }
            rec.flag(Verdict.MALFORMED, Problems.killerTimestamp(NAME, t, tcp
                    ? "closes the connection: everything the sender wrote after this line is lost"
                    : "stops reading the datagram: the lines after this one are lost"));
            return true;
        }
        long whole = (long) ts; // Python int(): truncation toward zero
        if (whole != -1) {       // -1 means "now" to carbon
            if (whole < 0) {
                rec.flag(Verdict.MALFORMED, Problems.negativeTimestamp(NAME,
                        "passes it on, and whisper drops it silently (older than any retention)"));
            } else if (whole > WHISPER_MAX_TIMESTAMP) {
                String log = "logs Error writing to " + rec.path() + ": " + Problems.WHISPER_L_ERROR
                        + " (whisper stores 32-bit seconds)";
                rec.flag(Verdict.MALFORMED, ts >= MS_TIMESTAMP_THRESHOLD
                        ? Problems.msTimestamp(NAME, ts, log)
                        : Problems.timestampRange(NAME, log));
            }
        }
        if (!plainName) checkName(rec);
        return false;
    }

    private static void checkName(MetricRecord rec) {
        String path = rec.path();
        if (path.indexOf('\0') >= 0) {
            rec.flag(Verdict.MALFORMED, Problems.badName(NAME,
                    "whisper cannot create a file whose name has a NUL byte (logged as Error writing)"));
            return;
        }
        if (path.indexOf(';') < 0) return;
        if (path.endsWith("\"}") && path.indexOf('{') > 0) return; // OpenMetrics form, parsed separately
        List<String[]> tags = Tags.newList();
        String err = Tags.checkCarbon(path, tags);
        if (err != null) {
            // carbon 1.1 logs the parse error but stores the point anyway (seen in crafted-carbon's
            // whisper files), so this is a warning, not a verdict
            rec.note(Problems.badTag(NAME, err
                    + "; carbon logs 'Error parsing metric' and stores the name unnormalised, unknown to the tag database"));
        } else {
            rec.tags(tags);
        }
    }
}
