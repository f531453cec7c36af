package io.metricsniff.cli;

/** The first unexpected error of the processing thread, told as one line (never a stack trace). */
final class Failure {
    private volatile Throwable first;

    void set(Throwable t) { if (first == null) first = t; }
    Throwable get() { return first; }

    static String describe(Throwable t) {
        if (t instanceof DumpFailed) return t.getMessage();
        if (t instanceof OutOfMemoryError) return "out of memory (raise -Xmx via METRICSNIFF_JAVA_OPTS)";
        if (System.getenv("METRICSNIFF_DEBUG") != null) t.printStackTrace();
        return "internal error: " + t + " (set METRICSNIFF_DEBUG=1 for details, and please report it)";
    }
}
