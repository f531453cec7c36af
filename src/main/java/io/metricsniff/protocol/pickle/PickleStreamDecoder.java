package io.metricsniff.protocol.pickle;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.reassembly.EndReason;
import io.metricsniff.reassembly.StreamHandler;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Problems;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import io.metricsniff.verdict.Judge;

/**
 * One TCP direction to carbon's pickle port: Twisted's Int32StringReceiver framing (4-byte
 * big-endian length, then the pickle), each frame unpickled by {@link PickleReader} and handed
 * to {@link CarbonDatapoints}; every datapoint becomes one record judged by the receiver profile.
 *
 * <p>When the stream can no longer be framed, the rest of the direction is skipped and counted
 * ({@link #skippedBytes()}), never buffered:
 * <ul>
 * <li>a length over {@link #MAX_FRAME_LENGTH}: carbon closes the connection; one malformed record
 *     ({@code pickle-frame-too-large});
 * <li>a datapoint that makes carbon close the connection (profile or uncaught Python error);
 * <li>midstream (no SYN seen): frame boundaries cannot be found; the direction's bytes are
 *     reported as skipped when it ends (not as a malformed record: nothing malformed was seen);
 * <li>a gap: forwarded to the sink; the frame in progress is lost without a record (the contract:
 *     records touching a gap are not malformed) and, as length prefixes cannot be resynchronised,
 *     the bytes skipped after it are reported as a second gap when the stream ends.
 * </ul>
 * At a FIN or RST inside a frame, the partial frame is reported ({@code pickle-unterminated});
 * when the capture ends or the flow is given up with a frame in progress, it is dropped silently.
 */
public final class PickleStreamDecoder implements StreamHandler {
    /** carbon's PICKLE_RECEIVER_MAX_LENGTH (2**20): longer frames make it close the connection. */
    public static final int MAX_FRAME_LENGTH = 1 << 20;
    /** Length prefix size of Twisted's Int32StringReceiver ("!I"). */
    static final int PREFIX = 4;
    /** Bytes of a frame shown (hex) in the raw text of a record about the whole frame. */
    static final int PREVIEW_BYTES = 16;

    private final Endpoint src;
    private final Endpoint dst;
    private final Judge judge;
    private final RecordSink sink;
    private final PickleReader reader = new PickleReader();

    private final byte[] prefix = new byte[PREFIX];
    private int prefixFill;
    private long frameLength = -1;   // -1: reading the prefix
    private byte[] frame = new byte[0];
    private int frameFill;

    private boolean skipping;
    private boolean skippingAfterGap;
    private long skipped;
    private long frames;
    private long timeNanos;           // capture time of the packet completing the current record

    public PickleStreamDecoder(Endpoint src, Endpoint dst, boolean midstream, Judge judge, RecordSink sink) {
        this.src = src;
        this.dst = dst;
        this.judge = judge;
        this.sink = sink;
        this.skipping = midstream;
        this.midstream = midstream;
    }

    private final boolean midstream;

    /** Bytes of this direction not decoded (after a close, a gap, or from midstream). */
    public long skippedBytes() { return skipped; }

    /** Complete frames read. */
    public long frames() { return frames; }

    @Override
    public void data(byte[] buf, int off, int len, long timeNanos) {
        this.timeNanos = timeNanos;
        if (skipping) {
            skipped += len;
            return;
        }
        int end = off + len;
        while (off < end && !skipping) {
            if (frameLength < 0) {
                int n = Math.min(PREFIX - prefixFill, end - off);
                System.arraycopy(buf, off, prefix, prefixFill, n);
                prefixFill += n;
                off += n;
                if (prefixFill < PREFIX) return;
                prefixFill = 0;
                frameLength = ((prefix[0] & 0xffL) << 24) | ((prefix[1] & 0xff) << 16)
                        | ((prefix[2] & 0xff) << 8) | (prefix[3] & 0xff);
                if (frameLength > MAX_FRAME_LENGTH) {
                    emit(frameRecord("[pickle frame length " + frameLength + "]",
                            Problems.pickleFrameTooLarge(frameLength, MAX_FRAME_LENGTH)));
                    frameLength = -1;
                    skipping = true;
                    skipped += end - off;
                    return;
                }
                frameFill = 0;
            }
            int want = (int) frameLength - frameFill;
            if (frameFill == 0 && end - off >= want) { // whole frame in this segment: no copy
                frameLength = -1;
                frame(buf, off, want);
                off += want;
                continue;
            }
            int n = Math.min(want, end - off);
            if (frame.length < frameFill + n) { // grow with what arrives, not with what the prefix claims
                int size = (int) Math.min(frameLength, Math.max(frameFill + n, Math.max(256, 2L * frame.length)));
                frame = java.util.Arrays.copyOf(frame, size);
            }
            System.arraycopy(buf, off, frame, frameFill, n);
            frameFill += n;
            off += n;
            if (frameFill == frameLength) {
                frameLength = -1;
                frame(frame, 0, frameFill);
                frameFill = 0;
            }
        }
        if (skipping) skipped += end - off;
    }

    private void frame(byte[] buf, int off, int len) {
        frames++;
        Object value;
        try {
            value = reader.read(buf, off, len);
        } catch (PickleException e) {
            emit(frameRecord(preview(buf, off, len), new Problem(e.code(), e.getMessage())));
            return;
        }
        boolean closes = CarbonDatapoints.walk(value, visitor);
        if (closes) closeConnection();
    }

    private final CarbonDatapoints.Visitor visitor = new CarbonDatapoints.Visitor() {
        @Override
        public boolean datapoint(String path, double value, double timestamp, String rawText) {
            MetricRecord rec = record(rawText).path(path).value(value).timestamp(timestamp);
            boolean closes = judge.judgeDatapoint(rec);
            sink.metric(rec);
            return closes;
        }

        @Override
        public void bad(String rawText, Problem problem) {
            emit(record(rawText).flag(Verdict.MALFORMED, problem));
        }
    };

    /** The receiver closed the connection: whatever else the sender wrote is lost. */
    private void closeConnection() {
        skipping = true;
        frameLength = -1;
        frameFill = 0;
        prefixFill = 0;
    }

    @Override
    public void gap(long bytes, long timeNanos) {
        this.timeNanos = timeNanos;
        sink.gap(timeNanos, src, dst, bytes);
        if (!skipping) {
            skipping = true;
            skippingAfterGap = true;
            skipped += frameLength >= 0 ? PREFIX + frameFill : prefixFill; // the frame in progress is lost
            frameLength = -1;
            frameFill = 0;
            prefixFill = 0;
        }
    }

    @Override
    public void end(EndReason reason, long timeNanos) {
        this.timeNanos = timeNanos;
        boolean partial = !skipping && (frameLength >= 0 || prefixFill > 0);
        if (partial && (reason == EndReason.FIN || reason == EndReason.RST)) {
            String what = frameLength >= 0
                    ? frameFill + " of " + frameLength + " bytes of a pickle frame"
                    : prefixFill + " of the 4 length bytes of a pickle frame";
            emit(frameRecord(frameLength >= 0 ? preview(frame, 0, frameFill) : "[pickle length prefix, "
                    + prefixFill + " bytes]", Problems.pickleUnterminated(what)));
        }
        if (skipped > 0) sink.skipped(timeNanos, src, dst, skipped, midstream
                ? "the capture began inside this pickle connection: frame boundaries cannot be found without its start"
                : skippingAfterGap ? "pickle frames after a gap cannot be found again" : "pickle bytes after the receiver closed the connection");
        frameLength = -1;
        frameFill = 0;
        prefixFill = 0;
        frame = new byte[0];
        skipping = true;
    }

    private MetricRecord record(String rawText) {
        return new MetricRecord(timeNanos, src, dst, Transport.TCP, Protocol.PICKLE, rawText);
    }

    private MetricRecord frameRecord(String rawText, Problem problem) {
        return record(rawText).flag(Verdict.MALFORMED, problem);
    }

    private void emit(MetricRecord rec) { sink.metric(rec); }

    /** "[pickle frame, 57 bytes: 80 02 5d ...]" for records about a whole frame. */
    static String preview(byte[] buf, int off, int len) {
        StringBuilder sb = new StringBuilder(24 + 3 * PREVIEW_BYTES);
        sb.append("[pickle frame, ").append(len).append(" bytes:");
        for (int i = 0; i < Math.min(len, PREVIEW_BYTES); i++) {
            sb.append(' ').append(Character.forDigit((buf[off + i] >> 4) & 0xf, 16))
                    .append(Character.forDigit(buf[off + i] & 0xf, 16));
        }
        if (len > PREVIEW_BYTES) sb.append(" ...");
        return sb.append(']').toString();
    }
}
