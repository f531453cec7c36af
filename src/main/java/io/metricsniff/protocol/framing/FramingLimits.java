package io.metricsniff.protocol.framing;

/**
 * Bounds of the framers, injected so that tests need not push 64 KiB (as {@code ReassemblyLimits}).
 *
 * @param maxLineBytes   bytes of one delimited line kept; the rest is only counted, so a line still
 *                       carries its true length
 * @param maxFrameLength longest length-prefixed frame accepted; a longer one ends the framing
 */
public record FramingLimits(int maxLineBytes, int maxFrameLength) {
    /** Above every receiver's own line limit (carbon 16 KiB, carbon-relay-ng 64 KiB - 1). */
    public static final int MAX_LINE_BYTES = 65536;
    /** carbon's PICKLE_RECEIVER_MAX_LENGTH (2**20): longer frames make it close the connection. */
    public static final int MAX_FRAME_LENGTH = 1 << 20;

    public static final FramingLimits DEFAULTS = new FramingLimits(MAX_LINE_BYTES, MAX_FRAME_LENGTH);

    public FramingLimits {
        if (maxLineBytes < 1 || maxFrameLength < 1) throw new IllegalArgumentException("framing limits must be positive");
    }
}
