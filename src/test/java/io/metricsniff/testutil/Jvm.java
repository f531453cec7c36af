package io.metricsniff.testutil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * metricsniff as a real process, for what only a process shows: pipes, signals, exit statuses.
 * {@link #shell} quotes a command line for bash, so tests can build real pipelines
 * ({@code gen | metricsniff -I - | head -1}).
 */
public final class Jvm {
    private Jvm() { }

    /** The java binary and classpath of this test JVM, then metricsniff's main class and {@code args}. */
    public static List<String> command(String... args) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx160m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.metricsniff.cli.Main"));
        c.addAll(List.of(args));
        return c;
    }

    /** {@link #command} as one bash word list, single-quoted. */
    public static String shell(String... args) {
        StringBuilder sb = new StringBuilder();
        for (String w : command(args)) sb.append(sb.length() == 0 ? "" : " ").append(quote(w));
        return sb.toString();
    }

    public static String quote(String w) { return "'" + w.replace("'", "'\\''") + "'"; }

    /** The outcome of a finished process. */
    public record Result(int exit, String out, String err) { }

    /** Runs {@code bash -c script} to its end within {@code timeoutSeconds} (killed and failed after). */
    public static Result bash(String script, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = start(script);
        p.getOutputStream().close();
        return finish(p, timeoutSeconds);
    }

    public static Process start(String script) throws IOException {
        return new ProcessBuilder("bash", "-c", script).start();
    }

    /** Waits for {@code p} (whose stdin the caller owns) and collects its output. */
    public static Result finish(Process p, long timeoutSeconds) throws InterruptedException {
        StreamText out = new StreamText(p.getInputStream()), err = new StreamText(p.getErrorStream());
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("still running after " + timeoutSeconds + " s; stderr: " + err.text());
        }
        return new Result(p.exitValue(), out.text(), err.text());
    }

    /** Reads a process stream on its own thread, so a full pipe never blocks the process. */
    static final class StreamText {
        private final Thread thread;
        private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();

        StreamText(java.io.InputStream in) {
            thread = new Thread(() -> {
                try (in) {
                    in.transferTo(buf);
                } catch (IOException ignored) {
                    // the process went away
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        String text() throws InterruptedException {
            thread.join(5_000);
            synchronized (buf) {
                return buf.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
