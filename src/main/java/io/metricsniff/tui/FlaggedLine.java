package io.metricsniff.tui;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.Verdict;

/**
 * One flagged record as the problems pane shows it: small, immutable, text already escaped so
 * nothing from the network reaches the terminal. Endpoints are formatted by the UI thread, which
 * keeps {@code InetAddress} formatting off the processing thread.
 */
public record FlaggedLine(long timeNanos, Endpoint src, Endpoint dst, Verdict verdict,
                          String line, String problem) {
}
