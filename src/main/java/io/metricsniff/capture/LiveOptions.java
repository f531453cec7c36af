package io.metricsniff.capture;

/**
 * Settings of a live capture. {@link #DEFAULTS} suits metric traffic: whole packets, a kernel
 * buffer deep enough for bursts, packets delivered as they arrive.
 *
 * @param snapLength   bytes kept per packet
 * @param bufferBytes  kernel ring buffer size
 * @param promiscuous  put the interface in promiscuous mode, as tcpdump does by default
 */
public record LiveOptions(int snapLength, int bufferBytes, boolean promiscuous) {
    /** Whole packets even with GRO/TSO super-frames (up to 64 KiB) and jumbo frames, like tcpdump. */
    public static final int SNAP_LENGTH = 262_144;
    /** 64 MiB rides out bursts of ~45,000 full-size frames while the pipeline catches up. */
    public static final int BUFFER_BYTES = 64 << 20;

    public static final LiveOptions DEFAULTS = new LiveOptions(SNAP_LENGTH, BUFFER_BYTES, true);

    public LiveOptions {
        if (snapLength <= 0) throw new IllegalArgumentException("snapLength must be positive");
        if (bufferBytes <= 0) throw new IllegalArgumentException("bufferBytes must be positive");
    }

    public LiveOptions withPromiscuous(boolean on) { return new LiveOptions(snapLength, bufferBytes, on); }

    public LiveOptions withBufferBytes(int bytes) { return new LiveOptions(snapLength, bytes, promiscuous); }

    public LiveOptions withSnapLength(int bytes) { return new LiveOptions(bytes, bufferBytes, promiscuous); }
}
