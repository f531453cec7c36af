package io.metricsniff.tui;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.hop.HopStats;
import io.metricsniff.hop.LagHistogram;

/**
 * One line of the hops pane: a hop's counts, or ({@code destination} non-null) one of its
 * destinations' (then only {@code out} and {@code dropped} are filled; the rest are -1).
 * Lags in seconds.
 */
public record HopRow(String hop, String destination, long in, long out, long delivered, long dropped,
                     long duplicated, long misrouted, long unresolved, double p50, double p99, double max)
        implements Listed {

    static HopRow of(HopStats h) {
        LagHistogram l = h.lag();
        return new HopRow(h.hop(), null, h.in(), -1, h.delivered(), h.dropped(), h.duplicated(), h.misrouted(),
                h.unresolved(), l.quantileNanos(0.5) / 1e9, l.quantileNanos(0.99) / 1e9, l.maxNanos() / 1e9);
    }

    static HopRow of(String hop, Endpoint dst, HopStats.Destination d) {
        return new HopRow(hop, dst == null ? "other destinations" : dst.toString(), -1, d.out(), -1, d.dropped(),
                -1, -1, -1, Double.NaN, Double.NaN, Double.NaN);
    }

    boolean isDestination() { return destination != null; }

    /** Problems on this line: drops, duplicates, misroutes. */
    long problems() { return Math.max(0, dropped) + Math.max(0, duplicated) + Math.max(0, misrouted); }

    @Override public String key() { return destination == null ? hop : hop + " > " + destination; }
}
