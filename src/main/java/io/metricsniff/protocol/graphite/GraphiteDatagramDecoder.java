package io.metricsniff.protocol.graphite;

import io.metricsniff.text.LineScan;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.protocol.DatagramHandler;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import io.metricsniff.verdict.Judge;
import io.metricsniff.record.Problems;

import java.util.Arrays;

/**
 * Graphite plaintext over UDP as carbon's MetricDatagramReceiver reads it: only the first
 * {@link #CARBON_MAX_DATAGRAM} bytes are read, the datagram is decoded as UTF-8 (failing drops all
 * of it), then split with Python's {@code str.splitlines()}; each line is judged over UDP. A line
 * that makes carbon fail loses the rest of the datagram. Stateless between datagrams.
 */
public final class GraphiteDatagramDecoder implements DatagramHandler {
    /** Twisted's UDP maxPacketSize: carbon's recvfrom reads at most this much of a datagram. */
    public static final int CARBON_MAX_DATAGRAM = 8192;

    private final Judge judge;
    private final RecordSink sink;

    public GraphiteDatagramDecoder(Judge judge, RecordSink sink) {
        this.judge = judge;
        this.sink = sink;
    }

    @Override
    public void datagram(Endpoint src, Endpoint dst, byte[] buf, int off, int len, int missing, long timeNanos) {
        int end = off + len;
        int readable = off + Math.min(len, CARBON_MAX_DATAGRAM); // what carbon's recvfrom returns
        boolean undecodable = LineScan.firstInvalidUtf8(buf, off, readable) >= 0;
        String receiver = judge.receiver();
        String killer = null;
        int lineNo = 0;
        int i = off;
        while (i < end) {
            int e = i;
            int sep = 0;
            while (e < end && (sep = separator(buf, e, end)) == 0) e++;
            if (e == end && missing > 0) break; // the capture cut this line short: not the sender's fault
            lineNo++;
            MetricRecord rec = new MetricRecord(timeNanos, src, dst, Transport.UDP, Protocol.GRAPHITE,
                    Arrays.copyOfRange(buf, i, e), e - i);
            boolean kills = judge.judgeLine(rec, Transport.UDP);
            if (i - off >= CARBON_MAX_DATAGRAM) {
                rec.flag(Verdict.MALFORMED, Problems.udpTruncated(CARBON_MAX_DATAGRAM, false));
            } else if (e - off > CARBON_MAX_DATAGRAM) {
                rec.flag(Verdict.MALFORMED, Problems.udpTruncated(CARBON_MAX_DATAGRAM, true));
            }
            if (undecodable && !has(rec, Problems.INVALID_UTF8)) {
                rec.flag(Verdict.MALFORMED, Problems.invalidUtf8("carbon",
                        "fails to decode this datagram" + (len > CARBON_MAX_DATAGRAM ? " (as cut at "
                                + CARBON_MAX_DATAGRAM + " bytes)" : "") + " and drops all of it"));
            }
            if (killer != null) {
                rec.flag(Verdict.MALFORMED, Problems.lostInDatagram(receiver, killer));
            } else if (kills && !undecodable) {
                killer = "line " + lineNo + " ('" + LineScan.excerpt(buf, i, e, 40) + "')";
            }
            sink.metric(rec);
            i = e + sep;
        }
        // as for StatsD: the cut line and the bytes the snaplen dropped are missing from the capture
        if (missing > 0) sink.gap(timeNanos, src, dst, missing + (end - Math.min(i, end)));
    }

    private static boolean has(MetricRecord rec, String code) {
        for (int k = 0; k < rec.problems().size(); k++) if (rec.problems().get(k).code().equals(code)) return true;
        return false;
    }

    /**
     * Length of the line boundary at {@code i} for Python's splitlines() (0: none): \n, \r, \r\n,
     * \x0b, \x0c, \x1c, \x1d, \x1e, U+0085, U+2028, U+2029.
     */
    static int separator(byte[] b, int i, int end) {
        int c = b[i] & 0xff;
        switch (c) {
            case '\n': case 0x0b: case 0x0c: case 0x1c: case 0x1d: case 0x1e: return 1;
            case '\r': return i + 1 < end && b[i + 1] == '\n' ? 2 : 1;
            case 0xc2: return i + 1 < end && (b[i + 1] & 0xff) == 0x85 ? 2 : 0;
            case 0xe2: return i + 2 < end && (b[i + 1] & 0xff) == 0x80
                    && ((b[i + 2] & 0xff) == 0xa8 || (b[i + 2] & 0xff) == 0xa9) ? 3 : 0;
            default: return 0;
        }
    }
}
