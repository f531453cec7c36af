package io.metricsniff.cli;

/** A command line that cannot run: one line for the user, exit status 2. */
final class UsageException extends Exception {
    UsageException(String message) { super(message); }
}
