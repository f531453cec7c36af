package io.metricsniff.tui;

import io.metricsniff.hop.HopOutcome;

/** One datapoint a hop did not deliver as it should (dropped, duplicated, misrouted), with its reason. */
public record DropRow(String key, HopOutcome outcome) implements Listed { }
