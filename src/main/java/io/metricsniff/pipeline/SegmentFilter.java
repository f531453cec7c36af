package io.metricsniff.pipeline;

import io.metricsniff.decode.Packet;

/** TCP segments to leave out entirely (metricsniff's own --report-to connection). Must not keep {@code pkt}. */
public interface SegmentFilter {
    SegmentFilter NONE = pkt -> false;

    boolean excludes(Packet pkt);
}
