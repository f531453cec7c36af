/**
 * StatsD datagram framing: '\n' lines, empty ones skipped, a snaplen cut reported as a gap.
 * Must not know the statsd daemon's rules for a line (that is {@code verdict.StatsdLines}).
 */
package io.metricsniff.protocol.statsd;
