package io.metricsniff.record;

import java.util.Arrays;

/**
 * One thing wrong with a metric: a short stable code (part of the JSON contract, never renamed)
 * and a message a person understands, naming the receiver where the rule is the receiver's.
 * The message is formatted only when something prints it (with {@code -q} nothing does): a
 * problem holds its code, a constant formatter and the arguments. Codes and formatters: {@link Problems}.
 */
public final class Problem {
    /** Formats a message from its arguments; constant (non-capturing) lambdas, so nothing is allocated per use. */
    @FunctionalInterface
    public interface Format {
        String format(Object[] args);
    }

    private final String code;
    private Format format;
    private Object[] args;
    private String message;

    /** A problem whose message is already known. */
    public Problem(String code, String message) {
        this.code = code;
        this.message = message;
    }

    private Problem(String code, Format format, Object[] args) {
        this.code = code;
        this.format = format;
        this.args = args;
    }

    /** A problem whose message {@code format} builds from {@code args} when first asked for. */
    public static Problem lazy(String code, Format format, Object... args) {
        return new Problem(code, format, args);
    }

    public String code() { return code; }

    public String message() {
        if (message == null) {
            message = format.format(args);
            format = null;
            args = null;
        }
        return message;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Problem p && code.equals(p.code) && message().equals(p.message());
    }

    @Override public int hashCode() { return Arrays.hashCode(new Object[] {code, message()}); }

    @Override public String toString() { return "Problem[code=" + code + ", message=" + message() + "]"; }
}
