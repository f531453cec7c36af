package io.metricsniff.pipeline;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.protocol.framing.FramingLimits;
import io.metricsniff.protocol.graphite.PlaintextStreamDecoder;
import io.metricsniff.protocol.pickle.PickleStreamDecoder;
import io.metricsniff.reassembly.EndReason;
import io.metricsniff.reassembly.StreamHandler;

/**
 * A stream to a port {@code --protocol auto} does not know (a relay's destinations: a cache's
 * pickle port 2104, say), read when hops are followed. Its first bytes decide: a 4-byte length
 * then a pickle opcode (PROTO 0x80, MARK '(', EMPTY_LIST ']') is pickle; a printable character is
 * Graphite plaintext; anything else is skipped and counted. A stream joined midway is plaintext
 * when its first bytes are all text, pickle otherwise.
 */
final class StreamSniffer implements StreamHandler {
    /** Bytes looked at before deciding: a pickle header is 5; a midstream guess looks further. */
    private static final int HEADER = 5, MIDSTREAM_LOOK = 64;
    private static final String UNREADABLE = "not Graphite plaintext or pickle";

    private final Endpoint src, dst;
    private final boolean midstream;
    private final FramingLimits limits;
    private final StreamConsumers consumers;
    private final byte[] head;
    private int held;
    private StreamHandler delegate;
    private boolean unreadable;

    StreamSniffer(Endpoint src, Endpoint dst, boolean midstream, FramingLimits limits, StreamConsumers consumers) {
        this.src = src;
        this.dst = dst;
        this.midstream = midstream;
        this.limits = limits;
        this.consumers = consumers;
        this.head = new byte[midstream ? MIDSTREAM_LOOK : HEADER];
    }

    @Override public void data(byte[] buf, int off, int len, long timeNanos) {
        if (delegate != null) { delegate.data(buf, off, len, timeNanos); return; }
        if (unreadable) { consumers.lines(src, dst).skipped(len, UNREADABLE, timeNanos); return; }
        int take = Math.min(len, head.length - held);
        System.arraycopy(buf, off, head, held, take);
        held += take;
        if (held < head.length) return;
        decide(timeNanos);
        if (len > take) data(buf, off + take, len - take, timeNanos);
    }

    private void decide(long timeNanos) {
        boolean text = midstream ? allText() : isText(head[0]);
        boolean pickle = !midstream && !text && looksLikePickle();
        if (text) delegate = PlaintextStreamDecoder.open(midstream, limits, consumers.lines(src, dst));
        else if (pickle || midstream) delegate = new PickleStreamDecoder(midstream, limits, consumers.datapoints(src, dst));
        if (delegate != null) delegate.data(head, 0, held, timeNanos);
        else {
            unreadable = true;
            consumers.lines(src, dst).skipped(held, UNREADABLE, timeNanos);
        }
    }

    private boolean looksLikePickle() {
        long length = ((head[0] & 0xffL) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        int op = head[4] & 0xff;
        return length > 0 && length <= limits.maxFrameLength() && (op == 0x80 || op == '(' || op == ']');
    }

    private boolean allText() {
        for (int i = 0; i < held; i++) if (!isText(head[i]) && head[i] != '\n' && head[i] != ' ' && head[i] != '\t') return false;
        return true;
    }

    private static boolean isText(byte b) { return b > 0x20 && b < 0x7f; }

    @Override public void gap(long bytes, long timeNanos) {
        if (delegate != null) delegate.gap(bytes, timeNanos);
        else consumers.lines(src, dst).gap(bytes, timeNanos);
    }

    @Override public void end(EndReason reason, long timeNanos) {
        if (delegate == null && held > 0 && !unreadable) decide(timeNanos);
        if (delegate != null) delegate.end(reason, timeNanos);
    }
}
