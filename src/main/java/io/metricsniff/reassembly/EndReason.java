package io.metricsniff.reassembly;

/** Why a direction's stream ended. */
public enum EndReason {
    /** The sender sent FIN and every byte before it was seen. */
    FIN,
    /** RST from either side. */
    RST,
    /** No packet for the idle timeout; the flow table let it go. */
    IDLE,
    /** Evicted to keep memory bounded (flow table full). */
    EVICTED,
    /** The capture ended (end of file, Ctrl-C) with the connection still open. */
    CAPTURE_END
}
