package io.metricsniff.protocol.riemann;

import com.google.protobuf.InvalidProtocolBufferException;
import io.metricsniff.protocol.framing.FramePreview;
import io.metricsniff.protocol.framing.FramingLimits;
import io.metricsniff.protocol.framing.LengthPrefixFramer;
import io.metricsniff.reassembly.EndReason;
import io.metricsniff.record.Problems;

/**
 * One TCP direction of Riemann's protocol (riemann.transport.tcp): Netty's
 * {@code LengthFieldBasedFrameDecoder(Integer.MAX_VALUE, 0, 4, 0, 4)} framing, a 4-byte big-endian
 * length then a protobuf {@code Msg}; every event of a client's Msg goes to the consumer, with no
 * verdict. A server's answers ({@code ok}/{@code error}, query results) and a client's queries
 * carry no datapoints: they are counted, not passed on.
 *
 * <p>Riemann closes the connection on a length over {@link #RIEMANN_MAX_FRAME} or a Msg it cannot
 * parse: one undecodable record, and the rest of the direction is skipped and counted. A frame over
 * {@link #MAX_BUFFERED_FRAME}, which Riemann would read, is not buffered: the rest of the direction
 * is skipped and counted with that reason. Midstream or after a gap frame boundaries are unknown.
 */
public final class RiemannStreamDecoder extends LengthPrefixFramer {
    /** Riemann's frame decoder's maxFrameLength (Integer.MAX_VALUE): a longer frame closes the connection. */
    public static final long RIEMANN_MAX_FRAME = Integer.MAX_VALUE;
    /**
     * Bytes of one frame metricsniff buffers to decode it, so memory stays bounded whatever a peer
     * claims: far above real batches (the npm client moves to TCP at 16 KiB; Riemann's UDP limit is 16 KiB).
     */
    public static final int MAX_BUFFERED_FRAME = 4 << 20;
    static final int PREFIX = 4;
    static final String AFTER_CLOSE = "riemann bytes after it closed the connection";

    private final RiemannEventConsumer out;
    private final RiemannStats stats;

    public RiemannStreamDecoder(boolean midstream, RiemannStats stats, RiemannEventConsumer out) {
        this(midstream, MAX_BUFFERED_FRAME, stats, out);
    }

    /** @param maxBufferedFrame {@link #MAX_BUFFERED_FRAME}, or less in tests */
    public RiemannStreamDecoder(boolean midstream, int maxBufferedFrame, RiemannStats stats, RiemannEventConsumer out) {
        super(out, midstream, "the capture began inside this riemann connection: frame boundaries cannot be found"
                + " without its start", PREFIX, new FramingLimits(FramingLimits.MAX_LINE_BYTES, maxBufferedFrame));
        this.out = out;
        this.stats = stats;
    }

    @Override
    protected void frame(byte[] buf, int off, int len, long timeNanos) {
        stats.frames++;
        RiemannMsg msg;
        try {
            msg = RiemannMsgReader.check(buf, off, len);
        } catch (InvalidProtocolBufferException e) {
            out.undecodable(FramePreview.hex("riemann frame", buf, off, len), Problems.riemannBadProtobuf(e.getMessage(), true), timeNanos);
            skipRest(AFTER_CLOSE); // Riemann's handler closes the channel on a decoder exception
            reset();
            return;
        }
        if (msg.isResponse()) {
            stats.responses++;
            return;
        }
        if (msg.query() != null) stats.queries++;
        RiemannMsgReader.events(buf, off, len, e -> out.event(e, timeNanos));
    }

    @Override
    protected void tooLarge(long length, int limit, long timeNanos) {
        if (length > RIEMANN_MAX_FRAME) {
            out.undecodable("[riemann frame length " + length + "]", Problems.riemannFrameTooLarge(length), timeNanos);
            skipRest(AFTER_CLOSE);
        } else {
            stats.oversized++;
            skipRest("a riemann frame of " + length + " bytes is over metricsniff's limit of " + limit
                    + " (riemann reads it): the rest of this connection is not decoded");
        }
    }

    @Override protected String afterGapWhy() { return "riemann frames after a gap cannot be found again"; }

    @Override
    protected void unterminated(EndReason reason, int prefixFill, long frameLength, byte[] partial, int partialLen,
                                long timeNanos) {
        if (reason != EndReason.FIN && reason != EndReason.RST) return; // not the sender's doing
        String what = frameLength >= 0 ? partialLen + " of " + frameLength + " bytes of a riemann frame"
                : prefixFill + " of the 4 length bytes of a riemann frame";
        out.undecodable(frameLength >= 0 ? FramePreview.hex("riemann frame", partial, 0, partialLen)
                : "[riemann frame prefix, " + prefixFill + " bytes]", Problems.riemannUnterminated(what), timeNanos);
    }
}
