package io.metricsniff.pipeline;

/**
 * How much the packet path saw (its anomalies go to {@link io.metricsniff.anomaly.Anomalies}), for the summary, the status line and the UI header. Written only by
 * the processing thread; volatile so that the UI and status threads read fresh values.
 */
public final class Counters {
    volatile long packets;
    volatile long bytes;
    volatile long udpFlows;

    public long packets() { return packets; }
    public long bytes() { return bytes; }
    public long udpFlows() { return udpFlows; }
}
