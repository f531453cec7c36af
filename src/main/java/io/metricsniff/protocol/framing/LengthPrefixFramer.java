package io.metricsniff.protocol.framing;

import io.metricsniff.protocol.StreamConsumer;
import io.metricsniff.reassembly.EndReason;

/**
 * Length-prefix framing: a {@code prefixBytes}-byte big-endian unsigned length, then that many
 * bytes (Twisted's Int32StringReceiver for carbon's pickle; Riemann's protobuf over TCP). A frame
 * wholly inside one segment is handed on without a copy; one spread over segments is accumulated.
 * Frame boundaries cannot be found again after a gap or a mid-stream start, so the rest of the
 * direction is skipped and counted. A subclass parses the frames ({@link #frame}) and says what a
 * frame over {@link FramingLimits#maxFrameLength()} means ({@link #tooLarge}); framing then stops.
 */
public abstract class LengthPrefixFramer extends StreamFramer {
    private final int prefixBytes;
    private final int maxFrame;
    private final byte[] prefix;
    private int prefixFill;
    private long frameLength = -1;   // -1: reading the prefix
    private final Accumulator frame = new Accumulator();

    protected LengthPrefixFramer(StreamConsumer out, boolean midstream, String midstreamWhy, int prefixBytes,
                                 FramingLimits limits) {
        super(out, midstream, midstreamWhy);
        if (prefixBytes < 1 || prefixBytes > 4) throw new IllegalArgumentException("prefix of 1 to 4 bytes");
        this.prefixBytes = prefixBytes;
        this.prefix = new byte[prefixBytes];
        this.maxFrame = limits.maxFrameLength();
    }

    /** One whole frame ({@code buf} is only valid during the call). Call {@link #skipRest} to stop framing. */
    protected abstract void frame(byte[] buf, int off, int len, long timeNanos);

    /** A length prefix over the limit; framing stops after it. */
    protected abstract void tooLarge(long length, int limit, long timeNanos);

    /** The stream ended ({@code reason}) after {@code prefixFill} prefix bytes, or inside a frame ({@code frameLength >= 0}). */
    protected abstract void unterminated(EndReason reason, int prefixFill, long frameLength, byte[] partial, int partialLen,
                                         long timeNanos);

    @Override
    protected final int frames(byte[] buf, int off, int end, long timeNanos) {
        while (off < end && !skipping()) {
            if (frameLength < 0) {
                int n = Math.min(prefixBytes - prefixFill, end - off);
                System.arraycopy(buf, off, prefix, prefixFill, n);
                prefixFill += n;
                off += n;
                if (prefixFill < prefixBytes) return off;
                prefixFill = 0;
                frameLength = 0;
                for (int k = 0; k < prefixBytes; k++) frameLength = (frameLength << 8) | (prefix[k] & 0xff);
                if (frameLength > maxFrame) {
                    long claimed = frameLength;
                    frameLength = -1;
                    tooLarge(claimed, maxFrame, timeNanos);
                    return off;
                }
            }
            int want = (int) (frameLength - frame.total());
            if (frame.isEmpty() && end - off >= want) { // whole frame in this segment: no copy
                frameLength = -1;
                frame(buf, off, want, timeNanos);
                off += want;
                continue;
            }
            int n = Math.min(want, end - off);
            frame.append(buf, off, n, (int) frameLength);
            off += n;
            if (frame.total() == frameLength) {
                frameLength = -1;
                frame(frame.array(), 0, frame.kept(), timeNanos);
                frame.clear();
            }
        }
        return off;
    }

    @Override protected final int resync(byte[] buf, int from, int to) { return -1; }

    @Override protected final boolean resynchronises() { return false; }

    @Override
    protected final long dropPartial() {
        long n = frameLength >= 0 ? prefixBytes + frame.total() : prefixFill;
        reset();
        return n;
    }

    @Override
    protected final void endPartial(EndReason reason, long timeNanos) {
        if (frameLength >= 0 || prefixFill > 0) {
            unterminated(reason, prefixFill, frameLength, frame.array(), frame.kept(), timeNanos);
        }
        reset();
    }

    /** Forget the frame in progress (the subclass stopped framing, or the stream ended). */
    protected final void reset() {
        frameLength = -1;
        prefixFill = 0;
        frame.clear();
    }
}
