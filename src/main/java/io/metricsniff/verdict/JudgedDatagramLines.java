package io.metricsniff.verdict;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.protocol.DatagramLineConsumer;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problems;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import io.metricsniff.text.LineScan;

import java.util.Arrays;

/**
 * The judging consumer of Graphite lines over UDP, as carbon's MetricDatagramReceiver reads a
 * datagram: only the first {@link #CARBON_MAX_DATAGRAM} bytes are read, the datagram is decoded as
 * UTF-8 (failing drops all of it), each line is judged over UDP, and a line that makes carbon fail
 * loses the rest of the datagram.
 */
public final class JudgedDatagramLines implements DatagramLineConsumer {
    /** Twisted's UDP maxPacketSize: carbon's recvfrom reads at most this much of a datagram. */
    public static final int CARBON_MAX_DATAGRAM = 8192;
    /** Characters of the killing line quoted in later lines' problem. */
    private static final int KILLER_EXCERPT = 40;

    private final Judge judge;
    private final RecordSink sink;
    // the datagram under way (single processing thread)
    private int start;
    private int len;
    private boolean undecodable;
    private int lineNo;
    private String killer;

    public JudgedDatagramLines(Judge judge, RecordSink sink) {
        this.judge = judge;
        this.sink = sink;
    }

    @Override
    public void datagram(Endpoint src, Endpoint dst, byte[] buf, int off, int len, long timeNanos) {
        this.start = off;
        this.len = len;
        int readable = off + Math.min(len, CARBON_MAX_DATAGRAM); // what carbon's recvfrom returns
        this.undecodable = LineScan.firstInvalidUtf8(buf, off, readable) >= 0;
        this.lineNo = 0;
        this.killer = null;
    }

    @Override
    public void line(Endpoint src, Endpoint dst, byte[] buf, int i, int e, long timeNanos) {
        lineNo++;
        MetricRecord rec = new MetricRecord(timeNanos, src, dst, Transport.UDP, Protocol.GRAPHITE,
                Arrays.copyOfRange(buf, i, e), e - i);
        boolean kills = judge.judgeLine(rec, Transport.UDP);
        if (i - start >= CARBON_MAX_DATAGRAM) {
            rec.flag(Verdict.MALFORMED, Problems.udpTruncated(CARBON_MAX_DATAGRAM, false));
        } else if (e - start > CARBON_MAX_DATAGRAM) {
            rec.flag(Verdict.MALFORMED, Problems.udpTruncated(CARBON_MAX_DATAGRAM, true));
        }
        if (undecodable && !has(rec, Problems.INVALID_UTF8)) {
            rec.flag(Verdict.MALFORMED, Problems.invalidUtf8("carbon",
                    "fails to decode this datagram" + (len > CARBON_MAX_DATAGRAM ? " (as cut at "
                            + CARBON_MAX_DATAGRAM + " bytes)" : "") + " and drops all of it"));
        }
        if (killer != null) {
            rec.flag(Verdict.MALFORMED, Problems.lostInDatagram(judge.receiver(), killer));
        } else if (kills && !undecodable) {
            killer = "line " + lineNo + " ('" + LineScan.excerpt(buf, i, e, KILLER_EXCERPT) + "')";
        }
        sink.metric(rec);
    }

    @Override
    public void gap(Endpoint src, Endpoint dst, long bytes, long timeNanos) { sink.gap(timeNanos, src, dst, bytes); }

    private static boolean has(MetricRecord rec, String code) {
        for (int k = 0; k < rec.problems().size(); k++) if (rec.problems().get(k).code().equals(code)) return true;
        return false;
    }
}
