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

    /** The given observers (nulls left out) in turn: the pipeline holds one. */
    static SegmentObserver all(SegmentObserver... observers) {
        SegmentObserver[] on = java.util.Arrays.stream(observers).filter(o -> o != null).toArray(SegmentObserver[]::new);
        if (on.length == 0) return NONE;
        if (on.length == 1) return on[0];
        return (pkt, t) -> { for (SegmentObserver o : on) o.tcpSegment(pkt, t); };
    }
}
