package io.metricsniff.capture;

/**
 * Settings of a live capture. {@link #DEFAULTS} suits metric traffic: whole packets, a kernel
 * buffer deep enough for bursts.
 *
 * @param snapLength   bytes kept per packet
 * @param bufferBytes  kernel ring buffer size
 * @param promiscuous  put the interface in promiscuous mode, as tcpdump does by default
 * @param immediate    deliver each packet at once. As with tcpdump, worth it only while a person
 *                     watches: libpcap then uses TPACKET_V2, whose ring holds one snaplen-sized frame
 *                     per packet (128 MiB = ~2,000 loopback packets, however small), where the
 *                     buffered TPACKET_V3 ring packs packets (measured with scripts/bench flows:
 *                     10,000 connections dropped 5% of packets in immediate mode, none buffered)
 */
public record LiveOptions(int snapLength, int bufferBytes, boolean promiscuous, boolean immediate) {
    /** Whole packets even with GRO/TSO super-frames (up to 64 KiB) and jumbo frames, like tcpdump. */
    public static final int SNAP_LENGTH = 262_144;
    /**
     * 128 MiB: a 1M-line burst on lo (scripts/bench live) overran 64 MiB while the JIT warmed up;
     * 128 MiB did not.
     */
    public static final int BUFFER_BYTES = 128 << 20;

    public static final LiveOptions DEFAULTS = new LiveOptions(SNAP_LENGTH, BUFFER_BYTES, true, false);

    public LiveOptions {
        if (snapLength <= 0) throw new IllegalArgumentException("snapLength must be positive");
        if (bufferBytes <= 0) throw new IllegalArgumentException("bufferBytes must be positive");
    }

    public LiveOptions withPromiscuous(boolean on) { return new LiveOptions(snapLength, bufferBytes, on, immediate); }

    public LiveOptions withBufferBytes(int bytes) { return new LiveOptions(snapLength, bytes, promiscuous, immediate); }

    public LiveOptions withSnapLength(int bytes) { return new LiveOptions(bytes, bufferBytes, promiscuous, immediate); }

    public LiveOptions withImmediate(boolean on) { return new LiveOptions(snapLength, bufferBytes, promiscuous, on); }
}
