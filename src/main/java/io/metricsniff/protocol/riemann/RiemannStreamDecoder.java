package io.metricsniff.protocol.riemann;

import com.google.protobuf.InvalidProtocolBufferException;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.reassembly.EndReason;
import io.metricsniff.reassembly.StreamHandler;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Transport;
import io.metricsniff.verdict.Judge;
import io.metricsniff.verdict.Problems;

import java.util.Arrays;

/**
 * One TCP direction of Riemann's protocol (riemann.transport.tcp): Netty's
 * {@code LengthFieldBasedFrameDecoder(Integer.MAX_VALUE, 0, 4, 0, 4)} framing, a 4-byte big-endian
 * length then a protobuf {@code Msg}; each event of a client's Msg becomes one record. A server's
 * answers ({@code ok}/{@code error}, query results) and a client's queries carry no datapoints:
 * they are counted, not recorded.
 *
 * <p>Riemann closes the connection on a length over {@link #RIEMANN_MAX_FRAME} or a Msg it cannot
 * parse: one malformed record, and the rest of the direction is skipped and counted. A frame over
 * {@link #MAX_BUFFERED_FRAME} (which Riemann would read) is skipped whole without buffering, reported
 * to the sink as skipped bytes, and framing goes on after it. Midstream or after a gap the frame
 * boundaries are unknown: the rest is skipped and reported when the direction ends.
 */
public final class RiemannStreamDecoder implements StreamHandler {
    /** Riemann's frame decoder's maxFrameLength (Integer.MAX_VALUE): a longer frame closes the connection. */
    public static final long RIEMANN_MAX_FRAME = Integer.MAX_VALUE;
    /**
     * Bytes of one frame metricsniff buffers to decode it: memory stays bounded whatever a peer
     * claims. Far above real batches (the npm client moves to TCP at 16 KiB; Riemann's UDP default
     * is 16 KiB); a larger frame is skipped and counted, not decoded.
     */
    public static final int MAX_BUFFERED_FRAME = 4 << 20;
    static final int PREFIX = 4;

    private final Endpoint src, dst;
    private final RiemannRecords records;
    private final RecordSink sink;
    private final byte[] prefix = new byte[PREFIX];
    private int prefixFill;
    private long frameLength = -1;     // -1: reading the prefix
    private long toSkip;               // bytes left of a frame over MAX_BUFFERED_FRAME
    private byte[] frame = new byte[0];
    private int frameFill;
    private final boolean midstream;
    private boolean skipping, afterGap;
    private long skipped, oversized, frames, responses, queries;
    private long timeNanos;

    public RiemannStreamDecoder(Endpoint src, Endpoint dst, boolean midstream, Judge judge, RecordSink sink) {
        this.src = src;
        this.dst = dst;
        this.records = new RiemannRecords(judge, sink);
        this.midstream = midstream;
        this.skipping = midstream;
        this.sink = sink;
    }

    @Override
    public void data(byte[] buf, int off, int len, long timeNanos) {
        this.timeNanos = timeNanos;
        int end = off + len;
        while (off < end && !skipping) {
            if (toSkip > 0) {
                int n = (int) Math.min(toSkip, end - off);
                toSkip -= n;
                off += n;
                continue;
            }
            if (frameLength < 0) {
                int n = Math.min(PREFIX - prefixFill, end - off);
                System.arraycopy(buf, off, prefix, prefixFill, n);
                prefixFill += n;
                off += n;
                if (prefixFill == PREFIX) startFrame();
                continue;
            }
            int want = (int) frameLength - frameFill;
            if (frameFill == 0 && end - off >= want) { // the whole frame is here: no copy
                frameLength = -1;
                frame(buf, off, want);
                off += want;
                continue;
            }
            int n = Math.min(want, end - off);
            if (frame.length < frameFill + n) { // grow with what arrives, not with what the prefix claims
                frame = Arrays.copyOf(frame, (int) Math.min(frameLength, Math.max(frameFill + n, Math.max(256, 2L * frame.length))));
            }
            System.arraycopy(buf, off, frame, frameFill, n);
            frameFill += n;
            off += n;
            if (frameFill == frameLength) {
                int length = frameFill;
                frameLength = -1;
                frameFill = 0;
                frame(frame, 0, length);
            }
        }
        if (skipping) skipped += end - off;
    }

    /** The 4 length bytes are in: the frame is read, skipped whole, or ends the connection. */
    private void startFrame() {
        prefixFill = 0;
        long length = ((prefix[0] & 0xffL) << 24) | ((prefix[1] & 0xff) << 16) | ((prefix[2] & 0xff) << 8) | (prefix[3] & 0xff);
        if (length > RIEMANN_MAX_FRAME) {
            records.bad(timeNanos, src, dst, Transport.TCP, "[riemann frame length " + length + "]",
                    Problems.riemannFrameTooLarge(length));
            skipping = true;
        } else if (length > MAX_BUFFERED_FRAME) {
            oversized++;
            toSkip = length;
            sink.skipped(timeNanos, src, dst, PREFIX + length, "a riemann frame of " + length
                    + " bytes is over metricsniff's limit of " + MAX_BUFFERED_FRAME + " (riemann reads it): its events are not shown");
        } else {
            frameLength = length;
            frameFill = 0;
        }
    }

    private void frame(byte[] buf, int off, int len) {
        frames++;
        RiemannMsg msg;
        try {
            msg = RiemannMsgReader.check(buf, off, len);
        } catch (InvalidProtocolBufferException ex) {
            records.bad(timeNanos, src, dst, Transport.TCP, RiemannRecords.preview("riemann frame", buf, off, len),
                    Problems.riemannBadProtobuf(ex.getMessage(), true));
            skipping = true; // Riemann's handler closes the channel on a decoder exception
            return;
        }
        if (msg.isResponse()) {
            responses++;
            return;
        }
        if (msg.query() != null) queries++;
        RiemannMsgReader.events(buf, off, len, e -> records.event(e, timeNanos, src, dst, Transport.TCP));
    }

    @Override
    public void gap(long bytes, long timeNanos) {
        this.timeNanos = timeNanos;
        sink.gap(timeNanos, src, dst, bytes);
        if (!skipping) {
            skipping = true;
            afterGap = true;
            skipped += frameLength >= 0 ? PREFIX + frameFill : prefixFill; // the frame in progress is lost
        }
    }

    @Override
    public void end(EndReason reason, long timeNanos) {
        this.timeNanos = timeNanos;
        boolean partial = !skipping && (frameLength >= 0 || prefixFill > 0 || toSkip > 0);
        if (partial && (reason == EndReason.FIN || reason == EndReason.RST)) {
            String what = frameLength >= 0 ? frameFill + " of " + frameLength + " bytes of a riemann frame"
                    : toSkip > 0 ? "a riemann frame with " + toSkip + " bytes still to come"
                    : prefixFill + " of the 4 length bytes of a riemann frame";
            records.bad(timeNanos, src, dst, Transport.TCP, frameLength >= 0
                    ? RiemannRecords.preview("riemann frame", frame, 0, frameFill)
                    : "[riemann frame prefix, " + prefixFill + " bytes]", Problems.riemannUnterminated(what));
        }
        if (skipped > 0) sink.skipped(timeNanos, src, dst, skipped, midstream
                ? "the capture began inside this riemann connection: frame boundaries cannot be found without its start"
                : afterGap ? "riemann frames after a gap cannot be found again"
                : "riemann bytes after it closed the connection");
        skipped = 0;
        frame = new byte[0];
        frameLength = -1;
        frameFill = 0;
        prefixFill = 0;
        toSkip = 0;
        skipping = true;
    }

    /** Frames read whole (client Msgs and server answers). */
    public long frames() { return frames; }
    /** Server answers seen ({@code ok}/{@code error} set): this direction is Riemann's side. */
    public long responses() { return responses; }
    /** Client queries seen. */
    public long queries() { return queries; }
    /** Frames over {@link #MAX_BUFFERED_FRAME}, skipped. */
    public long oversizedFrames() { return oversized; }
}
