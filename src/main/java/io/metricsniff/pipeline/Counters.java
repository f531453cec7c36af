package io.metricsniff.pipeline;

/**
 * What the packet path saw, for the summary, the status line and the UI header. Written only by
 * the processing thread; volatile so that the UI and status threads read fresh values.
 */
public final class Counters {
    volatile long packets;
    volatile long bytes;
    volatile long truncated;
    volatile long corrupt;
    volatile long ignored;
    volatile long udpFlows;

    public long packets() { return packets; }
    public long bytes() { return bytes; }
    /** Packets whose headers the snapshot length cut short. */
    public long truncated() { return truncated; }
    /** Packets with contradictory headers. */
    public long corrupt() { return corrupt; }
    /** Packets that are not TCP/UDP over IP, fragments, or not on a metric port. */
    public long ignored() { return ignored; }
    public long udpFlows() { return udpFlows; }
}
