package io.metricsniff.cli;

import io.metricsniff.capture.PacketSource;
import io.metricsniff.output.Tally;
import io.metricsniff.pipeline.Counters;
import io.metricsniff.record.Verdict;

import java.io.PrintStream;

/** Live text mode on a terminal: a progress line on stderr every few seconds. */
final class StatusLine {
    /** Often enough to see that something happens, rare enough not to drown the metric lines. */
    private static final long PERIOD_MILLIS = 5_000;

    private final Thread thread;

    private StatusLine(PrintStream err, Counters counters, Tally tally, PacketSource source) {
        long start = System.nanoTime();
        thread = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(PERIOD_MILLIS);
                    long secs = (System.nanoTime() - start) / 1_000_000_000L;
                    err.printf("metricsniff: %ds, %d packets, %d metrics (%d malformed, %d late, %d future), "
                                    + "%d gaps, %d kernel drops%n", secs, counters.packets(), tally.metrics(),
                            tally.count(Verdict.MALFORMED), tally.count(Verdict.LATE), tally.count(Verdict.FUTURE),
                            tally.gaps(), source.kernelDrops().orElse(0));
                }
            } catch (InterruptedException e) {
                // stopped
            }
        }, "metricsniff-status");
        thread.setDaemon(true);
    }

    static StatusLine start(PrintStream err, Counters counters, Tally tally, PacketSource source) {
        StatusLine s = new StatusLine(err, counters, tally, source);
        s.thread.start();
        return s;
    }

    void stop() { thread.interrupt(); }
}
