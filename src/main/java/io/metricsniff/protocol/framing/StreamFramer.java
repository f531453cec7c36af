package io.metricsniff.protocol.framing;

import io.metricsniff.protocol.StreamConsumer;
import io.metricsniff.reassembly.EndReason;
import io.metricsniff.reassembly.StreamHandler;

/**
 * The shared base of the TCP framers (as Netty's ByteToMessageDecoder or Wireshark's
 * tcp_dissect_pdus): the bytes of one direction arrive in segments; a subclass cuts frames from
 * them, accumulating a partial frame across segments (see {@link Accumulator}). This base owns
 * what every framer must get right the same way: skipping what cannot be framed (a capture that
 * began mid-stream, after a gap, after the receiver closed), resynchronising where the subclass
 * finds a frame start again, and accounting for every skipped byte once ({@link StreamConsumer#skipped}).
 *
 * <p>To add a framer: extend {@link LengthPrefixFramer} (a fixed-size length header, as pickle and
 * Riemann's protobuf) or this class, implement {@link #frames} (cut frames from a slice, call
 * {@link #skipRest} to stop), {@link #resync} (where frames start again after a skip, or -1 when
 * they cannot be found), {@link #dropPartial} (a gap cut the frame in progress) and
 * {@link #endPartial} (the stream ended inside a frame).
 */
public abstract class StreamFramer implements StreamHandler {
    private final StreamConsumer out;
    private boolean skipping;
    private long skippedBytes;     // skipped in the run under way, not yet reported
    private String skipWhy;
    private long skippedTotal;     // every byte skipped so far, reported or not

    /** @param midstream the capture began inside this direction: skip until a frame start, for {@code midstreamWhy} */
    protected StreamFramer(StreamConsumer out, boolean midstream, String midstreamWhy) {
        this.out = out;
        this.skipping = midstream;
        this.skipWhy = midstreamWhy;
    }

    @Override
    public final void data(byte[] buf, int off, int len, long timeNanos) {
        int end = off + len;
        int i = off;
        if (skipping) {
            int at = resync(buf, i, end);
            if (at < 0) { skippedBytes += len; return; }
            skippedBytes += at - i;
            i = at;
            reportSkipped(timeNanos);
        }
        int stop = frames(buf, i, end, timeNanos);
        if (skipping) skippedBytes += end - stop;
    }

    @Override
    public final void gap(long bytes, long timeNanos) {
        boolean resyncs = resynchronises();
        if (resyncs) reportSkipped(timeNanos); // the run under way ends here; a new one begins
        out.gap(bytes, timeNanos);
        long partial = dropPartial();
        if (resyncs && partial > 0) {
            out.skipped(partial, partialCutWhy(), timeNanos);
            skippedTotal += partial;
        }
        if (!skipping) {
            if (!resyncs) skippedBytes += partial;
            startSkipping(afterGapWhy());
        }
    }

    @Override
    public final void end(EndReason reason, long timeNanos) {
        if (!skipping) endPartial(reason, timeNanos);
        reportSkipped(timeNanos);
        skipping = true;
    }

    /**
     * Cuts frames from {@code buf[from, to)}.
     *
     * @return where it stopped: {@code to}, or where {@link #skipRest} was called
     */
    protected abstract int frames(byte[] buf, int from, int to, long timeNanos);

    /** Index in {@code buf[from, to)} where a frame surely starts, or -1 (never, for length prefixes). */
    protected abstract int resync(byte[] buf, int from, int to);

    /** Whether {@link #resync} can ever find a frame start (then each skip run is reported when it ends). */
    protected abstract boolean resynchronises();

    /** A gap cut the frame in progress: forget it. @return its bytes seen so far (0: none) */
    protected abstract long dropPartial();

    /** The stream ended inside a frame (called only when not skipping). */
    protected abstract void endPartial(EndReason reason, long timeNanos);

    protected abstract String afterGapWhy();

    /** Why the start of a frame a gap cut is skipped (for framers that resynchronise). */
    protected String partialCutWhy() { return "the start of a frame a gap cut"; }

    /** From now on the bytes of this direction are skipped (until {@link #resync} finds a frame start). */
    protected final void skipRest(String why) { startSkipping(why); }

    protected final boolean skipping() { return skipping; }

    /** Bytes of this direction skipped so far (mid-stream start, gaps, after a close). */
    public final long skippedBytes() { return skippedTotal + skippedBytes; }

    private void startSkipping(String why) {
        if (skipping) return; // the first reason stays
        skipping = true;
        skipWhy = why;
    }

    /** Ends a skip run: its bytes go to the consumer, so none are lost silently. */
    private void reportSkipped(long timeNanos) {
        if (skipping && skippedBytes > 0) out.skipped(skippedBytes, skipWhy, timeNanos);
        skippedTotal += skippedBytes;
        skippedBytes = 0;
        skipping = false;
    }
}
