/**
 * Writes what a run found: metric, gap and summary records as text or JSON lines (the contract in
 * docs/interface.md), the typed {@code Summary}, the -O pcap copy, and the escaping that
 * keeps network text harmless on a terminal. It must not know how records were captured, decoded
 * or judged, only what they say.
 */
package io.metricsniff.output;
