package io.metricsniff.cli;

import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM stop the capture instead of killing the JVM, so that the lines completed so
 * far are reported, the -O file is closed and the summary printed.
 */
final class Signals {
    private Signals() { }

    static void onInterrupt(Runnable action) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), sig -> action.run());
            } catch (IllegalArgumentException e) {
                // the signal is not available here (or the JVM reserves it): default handling stays
            }
        }
    }
}
