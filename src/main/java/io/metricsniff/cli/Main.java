package io.metricsniff.cli;

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
    private Main() { }

    public static void main(String[] args) {
        // A buffered stdout: one write per 64 KiB, not per line. Live runs flush when idle.
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        int code = run(args, out, System.err);
        out.flush();
        System.exit(code);
    }

    /** Runs one metricsniff command line; returns the exit status (0, 1 or 2 per the contract). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
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
        Settings settings;
        try {
            settings = Settings.from(command, Terminals.stdoutIsTerminal());
        } catch (UsageException e) {
            err.println("metricsniff: " + e.getMessage());
            return 2;
        }
        try {
            return new Session(settings, out, err).run();
        } catch (RuntimeException | Error e) { // a bug or the JVM's limits: still one line, no stack trace
            err.println("metricsniff: " + Failure.describe(e));
            return 2;
        }
    }

    private static String oneLine(String s) {
        return s == null ? "bad command line" : s.replace('\n', ' ').replace('\r', ' ').trim();
    }
}
