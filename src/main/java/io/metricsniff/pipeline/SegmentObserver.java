package io.metricsniff.pipeline;

import io.metricsniff.decode.Packet;

/**
 * Sees each decoded TCP segment (headers: flags, window, sequence numbers, payload length) on the
 * processing thread, before reassembly. For what only the headers show: zero windows, resets,
 * retransmissions, refused connects. Must not keep {@code pkt}: it is reused for the next packet.
 */
public interface SegmentObserver {
    SegmentObserver NONE = (pkt, timeNanos) -> { };

    void tcpSegment(Packet pkt, long timeNanos);

    /** Both observers in turn (either may be null): the hop engine and connection health watch the same segments. */
    static SegmentObserver both(SegmentObserver a, SegmentObserver b) {
        if (a == null) return b == null ? NONE : b;
        if (b == null) return a;
        return (pkt, timeNanos) -> {
            a.tcpSegment(pkt, timeNanos);
            b.tcpSegment(pkt, timeNanos);
        };
    }
}
