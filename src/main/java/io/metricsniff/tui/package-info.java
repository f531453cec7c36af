/**
 * The live terminal UI (jline): a model of recent records and path statistics redrawn on its own
 * thread, keys to filter and pause. It reads records and counters; it must not know how they were
 * captured or judged, and never writes network text to the terminal unescaped.
 */
package io.metricsniff.tui;
