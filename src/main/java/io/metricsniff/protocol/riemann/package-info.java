/**
 * Riemann's protobuf protocol: length-prefixed Msgs over TCP, one Msg per UDP datagram, read field
 * by field with protobuf-java's CodedInputStream ({@code RiemannMsgReader}); each event of a client's
 * Msg goes, with no verdict, to a consumer; {@code RiemannGraphitePath} is the path Riemann's
 * graphite output writes for it. Must not know receivers' rules, timing or outputs.
 */
package io.metricsniff.protocol.riemann;
