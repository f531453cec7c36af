/**
 * Framing: cuts each TCP direction or UDP datagram into lines or datapoints and hands them, with
 * no verdict, to a consumer ({@link io.metricsniff.protocol.LineConsumer},
 * {@link io.metricsniff.protocol.DatapointConsumer}, {@link io.metricsniff.protocol.DatagramLineConsumer}, Riemann's event consumers).
 * Subpackages: {@code framing} (the shared base and its limits), {@code graphite}, {@code pickle},
 * {@code statsd}, {@code riemann} (protobuf Msgs read with protobuf-java, the Graphite path Riemann writes). Must not know receivers, verdicts or outputs: judging consumers live in {@code verdict}.
 */
package io.metricsniff.protocol;
