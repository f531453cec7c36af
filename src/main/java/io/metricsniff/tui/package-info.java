/**
 * The live terminal UI (jline): aggregated state ({@link io.metricsniff.tui.ViewSources}: header
 * counters, problems grouped by kind/host/prefix, senders by host; paths from an
 * {@link io.metricsniff.analysis.PathSource}) redrawn on its own thread at most 4 times a second,
 * keys to filter, pause and open any row's detail. It reads records and counters; it must not know
 * how they were captured or judged, does no per-record work proportional to the number of paths,
 * and never writes network text to the terminal unescaped.
 */
package io.metricsniff.tui;
