package io.metricsniff.tui;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.Verdict;

/**
 * One flagged record as the problems pane shows it: small, immutable, text already escaped so
 * nothing from the network reaches the terminal. Endpoints are formatted by the UI thread, which
 * keeps {@code InetAddress} formatting off the processing thread. {@code code} is the first
 * problem's code, {@code problem} every problem's message.
 */
public record FlaggedLine(long seq, long timeNanos, Endpoint src, Endpoint dst, Verdict verdict,
                          String line, String code, String problem) implements Listed {
    /** The row's place in the stream of flagged lines: unique, stable while it is kept. */
    @Override public String key() { return Long.toString(seq); }
}
