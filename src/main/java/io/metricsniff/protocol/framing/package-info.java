/**
 * The one base of the TCP framers: accumulation up to a limit ({@link io.metricsniff.protocol.framing.FramingLimits}),
 * skipping what cannot be framed and resynchronising after a gap, each skipped byte reported once.
 * Delimiter framing (plaintext) and length-prefix framing (pickle; Riemann's protobuf next).
 * Must not know what a frame means (Graphite, pickle opcodes) nor any receiver.
 */
package io.metricsniff.protocol.framing;
