package io.metricsniff.protocol.graphite;

import io.metricsniff.protocol.LineConsumer;
import io.metricsniff.protocol.framing.DelimiterFramer;
import io.metricsniff.protocol.framing.FramingLimits;

/**
 * Graphite plaintext over one TCP direction: lines end at '\n' (a '\r' stays in the line, the
 * receiver's rules decide); after a gap or a mid-stream start the framer resynchronises after the
 * next '\n'. Only framing: what the lines mean is the consumer's business.
 */
public final class PlaintextStreamDecoder {
    private PlaintextStreamDecoder() { }

    public static final byte NEWLINE = '\n';

    public static DelimiterFramer open(boolean midstream, FramingLimits limits, LineConsumer out) {
        return new DelimiterFramer(NEWLINE, limits, midstream, out);
    }
}
