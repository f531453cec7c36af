/**
 * Reads link, IP and TCP/UDP headers of one captured frame into a reused {@code Packet} and says
 * whether it is usable, truncated, corrupt or not ours. Allocation-free per packet. It must not
 * know about streams, metric protocols or verdicts.
 */
package io.metricsniff.decode;
