package io.metricsniff.cli;

import io.metricsniff.analysis.PathView;
import io.metricsniff.tui.CaptureStats;
import io.metricsniff.tui.LiveState;
import io.metricsniff.tui.TerminalUi;
import org.jline.terminal.Terminal;

import java.io.IOException;
import java.io.PrintStream;

/** {@code --format tui}: owns the terminal and the live view for one run. */
final class TuiTerminal {
    private final Terminal terminal;
    private final PrintStream err;
    private TerminalUi ui;

    private TuiTerminal(Terminal terminal, PrintStream err) {
        this.terminal = terminal;
        this.err = err;
    }

    /** The terminal, or null when stdin/stdout are not one (the run falls back to text). */
    static TuiTerminal open(PrintStream err) {
        try {
            Terminal t = TerminalUi.openSystemTerminal();
            return t == null ? null : new TuiTerminal(t, err);
        } catch (IOException e) {
            return null;
        }
    }

    /** @param onQuit asks the capture to stop (q, Ctrl-C) */
    void start(PathView paths, LiveState live, CaptureStats stats, Runnable onQuit) {
        ui = new TerminalUi(terminal, paths, live, stats, onQuit);
        ui.start();
    }

    /** The capture is over; with {@code waitForQuit} the final state stays on screen until q. */
    void finish(boolean waitForQuit) {
        try {
            if (waitForQuit) ui.waitForQuit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ui.close();
        try {
            terminal.close();
        } catch (IOException e) {
            // the terminal is gone; nothing left to restore
        }
        if (ui.failure() != null) err.println("metricsniff: the terminal UI failed: " + ui.failure());
    }
}
