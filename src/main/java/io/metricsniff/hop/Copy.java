package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;

/** One sighting of a datapoint on the wire: capture time and the connection it travelled on. */
public record Copy(long timeNanos, Endpoint src, Endpoint dst) { }
