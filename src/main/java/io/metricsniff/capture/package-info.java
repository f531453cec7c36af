/**
 * Gets packets: live from libpcap ({@code LiveSource}) or from a pcap/pcapng file
 * ({@code FileSource}), each handed to a {@code PacketSink} as bytes with its capture time. It must
 * not know what the bytes mean (no headers, no protocols) nor what happens to them downstream.
 */
package io.metricsniff.capture;
