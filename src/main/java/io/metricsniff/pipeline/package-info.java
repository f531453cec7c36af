/**
 * The processing side of a run, on one thread: the bounded ring from the capture thread, packet
 * decoding, TCP reassembly or UDP dispatch, the choice of protocol decoder per port
 * ({@code Decoders}), the record fan-out and the -n/--expect stop. It reports packet-level
 * anomalies to {@link io.metricsniff.anomaly.Anomalies}. It must not know the command line,
 * the output formats or the terminal.
 */
package io.metricsniff.pipeline;
