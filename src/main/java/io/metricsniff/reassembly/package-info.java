/**
 * TCP reassembly: turns decoded TCP segments into one ordered byte stream per direction, with
 * every hole reported as an explicit gap and every drop counted in {@link
 * io.metricsniff.reassembly.ReassemblyStats}, under the memory bounds of {@link
 * io.metricsniff.reassembly.ReassemblyLimits}.
 *
 * <p>Parts: {@link io.metricsniff.reassembly.TcpReassembler} (the flow table),
 * {@code HalfStream} (one direction's TCP state machine), {@code OrderedStream} (its position and
 * delivery) and {@code SegmentBuffer} (out-of-order bytes, tested alone).
 *
 * <p>Must not know what the bytes mean: no protocol, metric, verdict or output type is imported
 * here; consumers see only {@link io.metricsniff.reassembly.StreamHandler}. It knows packets only
 * as {@code decode.Packet} and nothing of how they were captured.
 */
package io.metricsniff.reassembly;
