package io.metricsniff.protocol.pickle;

import io.metricsniff.protocol.DatapointConsumer;
import io.metricsniff.protocol.framing.FramePreview;
import io.metricsniff.protocol.framing.FramingLimits;
import io.metricsniff.protocol.framing.LengthPrefixFramer;
import io.metricsniff.reassembly.EndReason;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Problems;

/**
 * One TCP direction to carbon's pickle port: Twisted's Int32StringReceiver framing (4-byte
 * big-endian length, then the pickle), each frame unpickled by {@link PickleReader} and walked as
 * carbon does ({@link CarbonDatapoints}); every datapoint goes to the consumer, with no verdict.
 *
 * <p>When the stream can no longer be framed, the rest of the direction is skipped and counted,
 * never buffered:
 * <ul>
 * <li>a length over the frame limit: carbon closes the connection; one undecodable record
 *     ({@code pickle-frame-too-large});
 * <li>a datapoint on which the receiver closes the connection (the consumer says so, or carbon's
 *     own uncaught Python errors);
 * <li>midstream (no SYN seen): frame boundaries cannot be found; the direction's bytes are
 *     reported as skipped when it ends (not as a malformed record: nothing malformed was seen);
 * <li>a gap: forwarded; the frame in progress is lost without a record (the contract: records
 *     touching a gap are not malformed) and, as length prefixes cannot be resynchronised, the bytes
 *     skipped after it are reported when the stream ends.
 * </ul>
 * At a FIN or RST inside a frame, the partial frame is reported ({@code pickle-unterminated});
 * when the capture ends or the flow is given up with a frame in progress, it is dropped silently.
 */
public final class PickleStreamDecoder extends LengthPrefixFramer {
    /** Length prefix size of Twisted's Int32StringReceiver ("!I"). */
    static final int PREFIX = 4;

    private final DatapointConsumer out;
    private final PickleReader reader = new PickleReader();
    private long frames;
    private long timeNanos;           // capture time of the packet completing the current frame

    public PickleStreamDecoder(boolean midstream, FramingLimits limits, DatapointConsumer out) {
        super(out, midstream, "the capture began inside this pickle connection: frame boundaries cannot be found"
                + " without its start", PREFIX, limits);
        this.out = out;
    }

    /** Complete frames read. */
    public long frames() { return frames; }

    @Override
    protected void frame(byte[] buf, int off, int len, long timeNanos) {
        frames++;
        this.timeNanos = timeNanos;
        Object value;
        try {
            value = reader.read(buf, off, len);
        } catch (PickleException e) {
            out.undecodable(preview(buf, off, len), new Problem(e.code(), e.getMessage()), timeNanos);
            return;
        }
        if (CarbonDatapoints.walk(value, visitor)) { // the receiver closed the connection
            skipRest("pickle bytes after the receiver closed the connection");
            reset();
        }
    }

    private final CarbonDatapoints.Visitor visitor = new CarbonDatapoints.Visitor() {
        @Override
        public boolean datapoint(String path, double value, double timestamp, String rawText) {
            return out.datapoint(path, value, timestamp, rawText, timeNanos);
        }

        @Override
        public void bad(String rawText, Problem problem) { out.undecodable(rawText, problem, timeNanos); }
    };

    @Override
    protected void tooLarge(long length, int limit, long timeNanos) {
        out.undecodable("[pickle frame length " + length + "]", Problems.pickleFrameTooLarge(length, limit), timeNanos);
        skipRest("pickle bytes after the receiver closed the connection");
    }

    @Override protected String afterGapWhy() { return "pickle frames after a gap cannot be found again"; }

    @Override
    protected void unterminated(EndReason reason, int prefixFill, long frameLength, byte[] partial, int partialLen,
                                long timeNanos) {
        if (reason != EndReason.FIN && reason != EndReason.RST) return; // not the sender's doing: dropped silently
        String what = frameLength >= 0
                ? partialLen + " of " + frameLength + " bytes of a pickle frame"
                : prefixFill + " of the 4 length bytes of a pickle frame";
        out.undecodable(frameLength >= 0 ? preview(partial, 0, partialLen)
                : "[pickle length prefix, " + prefixFill + " bytes]", Problems.pickleUnterminated(what), timeNanos);
    }

    /** "[pickle frame, 57 bytes: 80 02 5d ...]" for records about a whole frame. */
    static String preview(byte[] buf, int off, int len) { return FramePreview.hex("pickle frame", buf, off, len); }
}
