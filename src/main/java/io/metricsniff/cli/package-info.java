/**
 * The composition root: parses the command line into immutable {@code Settings} (picocli
 * converters, one-line usage errors, exit status 2), then {@code Session} builds one run's running
 * state and wires capture, ring, pipeline, sinks and summary. It is the only package that knows
 * every other; it must not decode, judge or format anything itself.
 */
package io.metricsniff.cli;
