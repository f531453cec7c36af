package io.metricsniff.hop;

/** Receives each hop verdict worth reporting, on the processing thread. */
public interface HopListener {
    HopListener NONE = o -> { };

    void outcome(HopOutcome o);
}
