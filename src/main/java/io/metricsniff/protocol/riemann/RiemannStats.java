package io.metricsniff.protocol.riemann;

/**
 * Counts of the run's Riemann TCP directions, shared by their decoders (one processing thread):
 * what carries no datapoint, and what was not decoded.
 */
public final class RiemannStats {
    long frames, responses, queries, oversized;

    /** Frames read whole (client Msgs and server answers). */
    public long frames() { return frames; }
    /** Server answers ({@code ok}/{@code error} set): Riemann's side of a connection. */
    public long responses() { return responses; }
    /** Client queries. */
    public long queries() { return queries; }
    /** Frames over the buffered-frame limit: the rest of their direction was skipped. */
    public long oversizedFrames() { return oversized; }
}
