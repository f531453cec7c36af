package io.metricsniff.cli;

import java.io.PrintStream;

/** Entry point. {@link #run} is what tests call: it never exits the JVM. */
public final class Main {
    private Main() { }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one metricsniff command line; returns the exit status (0, 1 or 2 per the contract). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("metricsniff: not wired yet");
        return 2;
    }
}
