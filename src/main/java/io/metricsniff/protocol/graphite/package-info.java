/**
 * Graphite plaintext framing: '\n' lines over TCP, Python splitlines() lines in a UDP datagram.
 * Must not know what a line means to a receiver (that is {@code verdict}).
 */
package io.metricsniff.protocol.graphite;
