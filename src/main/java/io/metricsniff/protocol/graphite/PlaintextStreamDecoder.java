package io.metricsniff.protocol.graphite;

import io.metricsniff.text.LineScan;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.reassembly.EndReason;
import io.metricsniff.reassembly.StreamHandler;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import io.metricsniff.verdict.Judge;
import io.metricsniff.record.Problems;

import java.util.Arrays;

/**
 * Graphite plaintext over one TCP direction: frames lines on '\n' (a '\r' stays in the line, the
 * receiver profile decides), judges each line and hands it to the sink. Bounded: at most
 * {@link #MAX_LINE_BYTES} of a line are kept, the rest only counted, so a record always carries
 * the line's true length. After a line that makes the receiver close the connection, every later
 * line is still reported, flagged {@code lost-after-close}.
 */
public final class PlaintextStreamDecoder implements StreamHandler {
    /** Bytes of one line kept: above every receiver's own limit (carbon 16 KiB, relay-ng 64 KiB - 1). */
    public static final int MAX_LINE_BYTES = 65536;
    /** First size of the partial-line buffer; grows by doubling up to MAX_LINE_BYTES. */
    private static final int INITIAL_PENDING = 256;
    /** Characters of the killing line quoted in later lines' problem. */
    private static final int KILLER_EXCERPT = 40;

    private final Endpoint src;
    private final Endpoint dst;
    private final Judge judge;
    private final RecordSink sink;

    private byte[] pending = new byte[0];
    private int pendingLen;        // bytes of the partial line kept
    private long pendingTotal;     // bytes of the partial line seen (>= pendingLen)
    private long pendingNanos;     // capture time of the last bytes of the partial line
    private boolean skipping;      // resynchronising: drop up to and including the next '\n'
    private long lines;
    private String killer;         // what closed the connection, null while it is open

    private long resyncBytes;      // dropped while resynchronising (midstream start, after gaps)
    private long skippingBytes;    // skipped in the resynchronisation under way, not yet reported
    private String skipReason = "the capture began mid-stream: bytes before the first newline";
    private long gapPartialLines;  // partial lines dropped because a gap cut them
    private long gapPartialBytes;

    public PlaintextStreamDecoder(Endpoint src, Endpoint dst, boolean midstream, Judge judge, RecordSink sink) {
        this.src = src;
        this.dst = dst;
        this.judge = judge;
        this.sink = sink;
        this.skipping = midstream;
    }

    @Override
    public void data(byte[] buf, int off, int len, long timeNanos) {
        int end = off + len;
        int i = off;
        if (skipping) {
            int nl = LineScan.indexOf(buf, i, end, (byte) '\n');
            if (nl < 0) { skippingBytes += len; return; }
            skippingBytes += nl + 1 - i;
            i = nl + 1;
            reportSkipped(timeNanos);
        }
        while (i < end) {
            int nl = LineScan.indexOf(buf, i, end, (byte) '\n');
            if (nl < 0) {
                append(buf, i, end - i, timeNanos);
                return;
            }
            if (pendingTotal == 0) {
                line(Arrays.copyOfRange(buf, i, Math.min(nl, i + MAX_LINE_BYTES)), nl - i, timeNanos);
            } else {
                append(buf, i, nl - i, timeNanos);
                byte[] raw = Arrays.copyOf(pending, pendingLen);
                long total = pendingTotal;
                clearPending();
                line(raw, total, timeNanos);
            }
            i = nl + 1;
        }
    }

    @Override
    public void gap(long bytes, long timeNanos) {
        reportSkipped(timeNanos); // a gap while still looking for a newline: what was skipped so far
        sink.gap(timeNanos, src, dst, bytes);
        if (pendingTotal > 0) {
            gapPartialLines++;
            gapPartialBytes += pendingTotal;
            sink.skipped(timeNanos, src, dst, pendingTotal, "the start of a line a gap cut");
            clearPending();
        }
        skipping = true;
        skipReason = "the rest of a line a gap cut, up to its newline";
    }

    /** Ends a resynchronisation: the bytes it skipped go to the sink, so none are lost silently. */
    private void reportSkipped(long timeNanos) {
        if (skipping && skippingBytes > 0) sink.skipped(timeNanos, src, dst, skippingBytes, skipReason);
        resyncBytes += skippingBytes;
        skippingBytes = 0;
        skipping = false;
    }

    @Override
    public void end(EndReason reason, long timeNanos) {
        reportSkipped(timeNanos);
        if (pendingTotal == 0) return;
        byte[] raw = Arrays.copyOf(pending, pendingLen);
        long total = pendingTotal;
        clearPending();
        MetricRecord rec = new MetricRecord(timeNanos, src, dst, Transport.TCP, Protocol.GRAPHITE, raw, total);
        judge.profile().judgeLine(rec, Transport.TCP); // timing after the close verdict, so it is not noise
        String receiver = judge.profile().name();
        if (killer != null) {
            rec.flag(Verdict.MALFORMED, Problems.lostAfterClose(receiver, killer));
        } else if (reason == EndReason.FIN && judge.profile().readsLastLineAtClose()) {
            rec.note(Problems.unterminated("fin", receiver, true));
        } else {
            rec.flag(Verdict.MALFORMED, Problems.unterminated(reason.name().toLowerCase(), receiver, false));
        }
        judge.judgeTiming(rec);
        lines++;
        sink.metric(rec);
    }

    private void line(byte[] raw, long total, long timeNanos) {
        lines++;
        MetricRecord rec = new MetricRecord(timeNanos, src, dst, Transport.TCP, Protocol.GRAPHITE, raw, total);
        if (killer != null) {
            judge.profile().judgeLine(rec, Transport.TCP);
            rec.flag(Verdict.MALFORMED, Problems.lostAfterClose(judge.profile().name(), killer));
            sink.metric(rec);
            return;
        }
        if (judge.judgeLine(rec, Transport.TCP)) {
            killer = "line " + lines + " ('" + LineScan.excerpt(raw, 0, raw.length, KILLER_EXCERPT) + "')";
        }
        sink.metric(rec);
    }

    /** Keeps up to MAX_LINE_BYTES of the partial line, counts all of it. */
    private void append(byte[] buf, int off, int len, long timeNanos) {
        pendingTotal += len;
        pendingNanos = timeNanos;
        int keep = Math.min(len, MAX_LINE_BYTES - pendingLen);
        if (keep <= 0) return;
        if (pendingLen + keep > pending.length) {
            int cap = Math.max(INITIAL_PENDING, pending.length);
            while (cap < pendingLen + keep) cap *= 2;
            pending = Arrays.copyOf(pending, Math.min(cap, MAX_LINE_BYTES));
        }
        System.arraycopy(buf, off, pending, pendingLen, keep);
        pendingLen += keep;
    }

    private void clearPending() {
        pendingLen = 0;
        pendingTotal = 0;
        if (pending.length > 4 * INITIAL_PENDING) pending = new byte[0]; // don't hold 64 KiB per idle flow
    }

    /** Lines reported so far (complete and unterminated). */
    public long lines() { return lines; }
    /** Bytes skipped to resynchronise on a newline (midstream start, after gaps). */
    public long resyncBytes() { return resyncBytes; }
    /** Partial lines a gap cut, dropped without a record (the contract: not malformed). */
    public long gapPartialLines() { return gapPartialLines; }
    public long gapPartialBytes() { return gapPartialBytes; }
    /** What closed the connection at the receiver, or null. */
    public String killer() { return killer; }
    /** Capture time of the newest bytes of the line in progress (0 when none). */
    public long pendingNanos() { return pendingTotal == 0 ? 0 : pendingNanos; }
}
