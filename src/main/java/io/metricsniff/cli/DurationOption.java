package io.metricsniff.cli;

/** A duration option as typed (for messages) and in nanoseconds (for timers and rules). */
record DurationOption(String text, long nanos) { }
