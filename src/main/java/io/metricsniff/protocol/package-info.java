/**
 * Framing: cuts each TCP direction or UDP datagram into lines or datapoints and hands them, with
 * no verdict, to a consumer ({@link io.metricsniff.protocol.LineConsumer},
 * {@link io.metricsniff.protocol.DatapointConsumer}, {@link io.metricsniff.protocol.DatagramLineConsumer}).
 * Subpackages: {@code framing} (the shared base and its limits), {@code graphite}, {@code pickle},
 * {@code statsd}. Must not know receivers, verdicts or outputs: judging consumers live in {@code verdict}.
 */
package io.metricsniff.protocol;
