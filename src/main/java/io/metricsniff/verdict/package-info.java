/**
 * Verdicts: each receiver's acceptance rules (profiles), the statsd daemon's, late/future against
 * capture time and per-path order, all behind {@link io.metricsniff.verdict.Judge}; the judging
 * consumers turn framed lines, datapoints and Riemann events into judged records for a sink. Only rules: bytes
 * and numbers are read with {@code text}. Must not know capture, reassembly internals or outputs.
 */
package io.metricsniff.verdict;
