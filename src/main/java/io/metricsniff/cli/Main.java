package io.metricsniff.cli;

import io.metricsniff.capture.CaptureException;
import io.metricsniff.capture.LiveSource;
import io.metricsniff.output.TerminalEscaper;
import picocli.CommandLine;
import picocli.CommandLine.MutuallyExclusiveArgsException;
import picocli.CommandLine.ParameterException;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Entry point. {@link #run} is what tests call: it never exits the JVM. */
public final class Main {
    /** What a shell reports for a process killed by SIGPIPE (128 + 13), if dying of it failed. */
    private static final int BROKEN_PIPE_STATUS = 141;

    private Main() { }

    public static void main(String[] args) {
        // A buffered stdout: one write per 64 KiB, not per line. Live runs flush when idle.
        StdoutGuard guard = new StdoutGuard(new FileOutputStream(FileDescriptor.out));
        PrintStream out = new PrintStream(new BufferedOutputStream(guard, 1 << 16), false, StandardCharsets.UTF_8);
        int code = run(args, out, System.err, guard);
        out.flush();
        if (guard.brokenPipe()) {
            Signals.dieOfBrokenPipe();
            code = BROKEN_PIPE_STATUS;
        } else if (guard.failed()) {
            System.err.println("metricsniff: " + guard.describe());
            code = 2;
        }
        System.exit(code);
    }

    /** Runs one metricsniff command line; returns the exit status (0, 1 or 2 per the contract). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, null);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, stopping the capture when {@code guard} fails. */
    static int run(String[] args, PrintStream out, PrintStream err, StdoutGuard guard) {
        SniffCommand command = new SniffCommand();
        CommandLine cl = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        try {
            cl.parseArgs(args);
        } catch (MutuallyExclusiveArgsException e) {
            err.println("metricsniff: use -d or -I, not both");
            return 2;
        } catch (ParameterException e) {
            err.println("metricsniff: " + oneLine(e.getMessage()) + " (see metricsniff --help)");
            return 2;
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(out);
            out.flush();
            return 0;
        }
        if (cl.isVersionHelpRequested()) {
            cl.printVersionHelp(out);
            out.flush();
            return 0;
        }
        if (command.listInterfaces) return listInterfaces(out, err);
        Settings settings;
        try {
            settings = Settings.from(command, Terminals.stdoutIsTerminal());
        } catch (UsageException e) {
            err.println("metricsniff: " + e.getMessage());
            return 2;
        }
        try {
            return new Session(settings, out, err, guard).run();
        } catch (RuntimeException | Error e) { // a bug or the JVM's limits: still one line, no stack trace
            err.println("metricsniff: " + Failure.describe(e));
            return 2;
        }
    }

    private static int listInterfaces(PrintStream out, PrintStream err) {
        try {
            for (String line : LiveSource.describeDevices()) out.println(TerminalEscaper.escape(line));
            out.flush();
            return 0;
        } catch (CaptureException e) {
            err.println("metricsniff: " + e.getMessage());
            return 2;
        }
    }

    private static String oneLine(String s) {
        return s == null ? "bad command line" : s.replace('\n', ' ').replace('\r', ' ').trim();
    }
}
