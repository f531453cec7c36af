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
}
