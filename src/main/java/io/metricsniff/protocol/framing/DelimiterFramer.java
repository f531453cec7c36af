package io.metricsniff.protocol.framing;

import io.metricsniff.protocol.LineConsumer;
import io.metricsniff.reassembly.EndReason;
import io.metricsniff.text.LineScan;

import java.util.Arrays;

/**
 * Delimiter framing (as Netty's LineBasedFrameDecoder): lines end at one byte (Graphite
 * plaintext: '\n'; a '\r' stays in the line, the receiver's rules decide). At most
 * {@link FramingLimits#maxLineBytes()} of a line are kept, the rest only counted, so each line
 * carries its true length. After a gap or a mid-stream start it resynchronises after the next
 * delimiter. Lines go to a {@link LineConsumer} with no verdict.
 */
public final class DelimiterFramer extends StreamFramer {
    private final byte delimiter;
    private final int maxLine;
    private final LineConsumer out;
    private final Accumulator pending = new Accumulator();
    private long pendingNanos;     // capture time of the newest bytes of the partial line

    public DelimiterFramer(byte delimiter, FramingLimits limits, boolean midstream, LineConsumer out) {
        super(out, midstream, "the capture began mid-stream: bytes before the first newline");
        this.delimiter = delimiter;
        this.maxLine = limits.maxLineBytes();
        this.out = out;
    }

    @Override
    protected int frames(byte[] buf, int from, int to, long timeNanos) {
        int i = from;
        int shown = from; // lines from here on were not yet offered to out.ahead
        while (i < to) {
            if (i >= shown && pending.isEmpty()) shown = out.ahead(buf, i, to);
            int nl = LineScan.indexOf(buf, i, to, delimiter);
            if (nl < 0) {
                pending.append(buf, i, to - i, maxLine);
                pendingNanos = timeNanos;
                return to;
            }
            if (pending.isEmpty()) { // the common case: the whole line in this segment, one copy
                out.line(Arrays.copyOfRange(buf, i, Math.min(nl, i + maxLine)), nl - i, timeNanos);
            } else {
                pending.append(buf, i, nl - i, maxLine);
                long total = pending.total();
                out.line(pending.take(), total, timeNanos);
            }
            i = nl + 1;
        }
        return to;
    }

    @Override
    protected int resync(byte[] buf, int from, int to) {
        int nl = LineScan.indexOf(buf, from, to, delimiter);
        return nl < 0 ? -1 : nl + 1;
    }

    @Override protected boolean resynchronises() { return true; }

    @Override
    protected long dropPartial() {
        long n = pending.total();
        pending.clear();
        return n;
    }

    @Override protected String afterGapWhy() { return "the rest of a line a gap cut, up to its newline"; }

    @Override protected String partialCutWhy() { return "the start of a line a gap cut"; }

    @Override
    protected void endPartial(EndReason reason, long timeNanos) {
        if (pending.isEmpty()) return;
        long total = pending.total();
        out.unterminated(pending.take(), total, reason, timeNanos);
    }

    /** Capture time of the newest bytes of the line in progress (0 when none). */
    public long pendingNanos() { return pending.isEmpty() ? 0 : pendingNanos; }
}
