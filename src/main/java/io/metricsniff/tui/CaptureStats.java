package io.metricsniff.tui;

import java.util.OptionalLong;

/**
 * Capture-side counters the header shows, provided by whoever runs the capture. Called from the UI
 * thread a few times a second, so implementations must be thread-safe and cheap (volatile reads).
 */
public interface CaptureStats {
    /** What is captured, for example {@code "lo: port 2003"} or {@code "file captures/mix.pcap"}. */
    String description();

    /** Packets that passed the filter so far. */
    long packets();

    /** Bytes of those packets as captured. */
    long bytes();

    /** TCP/UDP flows seen so far. */
    long flows();

    /** libpcap's ps_drop for live capture; empty for files. */
    OptionalLong kernelDrops();

    /** True for a live device (elapsed time is wall time), false for a file (elapsed is capture time). */
    boolean live();

    /** Bytes of the input file read so far, or -1 (live, or unknown). */
    default long inputPosition() { return -1; }

    /** Size of the input file in bytes, or -1 (live, or unknown). */
    default long inputSize() { return -1; }
}
