package io.metricsniff.cli;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output that notices when it can no longer be written, as tcpdump does: a reader that
 * went away ({@code | head -1}: EPIPE) ends the run quietly; any other write error (a full disk)
 * ends it with one line and status 2. PrintStream alone would swallow both and run to the end.
 */
final class StdoutGuard extends OutputStream {
    /** What the JVM reports for EPIPE (it ignores SIGPIPE, so the write fails instead). */
    private static final String EPIPE = "Broken pipe";

    private final OutputStream out;
    private volatile IOException failure;
    private volatile Runnable onFailure = () -> { };

    StdoutGuard(OutputStream out) { this.out = out; }

    /** What to do at the first failed write: stop the capture. */
    void onFailure(Runnable action) { onFailure = action; }

    @Override public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }

    @Override public void write(byte[] b, int off, int len) throws IOException {
        IOException f = failure;
        if (f != null) throw f; // later writes fail at once, without a system call
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            fail(e);
            throw e;
        }
    }

    @Override public void flush() throws IOException {
        IOException f = failure;
        if (f != null) throw f;
        try {
            out.flush();
        } catch (IOException e) {
            fail(e);
            throw e;
        }
    }

    private void fail(IOException e) {
        if (failure != null) return;
        failure = e;
        onFailure.run();
    }

    boolean failed() { return failure != null; }

    boolean brokenPipe() { return failure != null && EPIPE.equals(failure.getMessage()); }

    /** The one line for a write error other than EPIPE. */
    String describe() {
        String m = failure == null ? null : failure.getMessage();
        return "write error on standard output: " + (m == null ? "I/O error" : m);
    }
}
