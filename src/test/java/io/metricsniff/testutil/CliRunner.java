package io.metricsniff.testutil;

import io.metricsniff.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one in-process run of the command line, for every test: on its own thread, so a live
 * capture can run while the test sends traffic and a hang fails the test instead of stalling the
 * build. Output is read while it grows ({@link #lines()}) and parsed as the contract's JSON lines.
 */
public final class CliRunner {
    /** A replay of a few hundred KB must finish well within this, even on a loaded 2-core box. */
    public static final long REPLAY_TIMEOUT_SECONDS = 60;
    /** How often the tests look at growing output: often enough, cheap enough on a loaded box. */
    public static final long POLL_MILLIS = 50;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final FutureTask<Integer> task;
    private final long startNanos = System.nanoTime();

    private CliRunner(String... args) {
        PrintStream po = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream pe = new PrintStream(err, true, StandardCharsets.UTF_8);
        task = new FutureTask<>(() -> Main.run(args, po, pe));
        Thread t = new Thread(task, "metricsniff-under-test");
        t.setDaemon(true);
        t.start();
    }

    /** Starts a run; read it while it runs, then {@link #await}. */
    public static CliRunner start(String... args) { return new CliRunner(args); }

    /** Runs to the end: at most {@code timeoutSeconds}. */
    public static CliRunner run(long timeoutSeconds, String... args) {
        CliRunner c = new CliRunner(args);
        c.await(timeoutSeconds);
        return c;
    }

    /** Runs to the end within {@link #REPLAY_TIMEOUT_SECONDS}. */
    public static CliRunner run(String... args) { return run(REPLAY_TIMEOUT_SECONDS, args); }

    /** Replays a capture with --format json (and {@code more} options) to its end. */
    public static CliRunner json(String capture, String... more) {
        List<String> a = new ArrayList<>(List.of("-I", capture, "--format", "json"));
        a.addAll(List.of(more));
        return run(a.toArray(new String[0]));
    }

    /** Waits for the exit status; a run still going after the timeout fails the test. */
    public int await(long timeoutSeconds) {
        try {
            return task.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("metricsniff still running after " + timeoutSeconds + " s; stderr: " + err());
        } catch (ExecutionException e) {
            throw new AssertionError("metricsniff threw", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for metricsniff", e);
        }
    }

    public boolean done() { return task.isDone(); }

    /** The exit status of a run that has ended. */
    public int exit() { return await(0); }

    /** Seconds since start. */
    public double elapsed() { return (System.nanoTime() - startNanos) / 1e9; }

    public String out() { return out.toString(StandardCharsets.UTF_8); }

    public String err() { return err.toString(StandardCharsets.UTF_8); }

    /** Every complete stdout line so far, parsed as JSON (each must be JSON). */
    public List<Map<String, Object>> lines() {
        String s = out();
        List<Map<String, Object>> l = new ArrayList<>();
        int from = 0;
        for (int nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', from)) {
            if (nl > from) l.add(JsonReader.object(s.substring(from, nl)));
            from = nl + 1;
        }
        return l;
    }

    public List<Map<String, Object>> ofType(String type) {
        List<Map<String, Object>> l = new ArrayList<>();
        for (Map<String, Object> m : lines()) if (type.equals(m.get("type"))) l.add(m);
        return l;
    }

    public List<Map<String, Object>> metrics() { return ofType("metric"); }

    /** The last line, which must be the one summary. */
    public Map<String, Object> summary() {
        List<Map<String, Object>> l = lines();
        if (l.isEmpty()) throw new AssertionError("no output; stderr: " + err());
        Map<String, Object> last = l.get(l.size() - 1);
        if (!"summary".equals(last.get("type"))) throw new AssertionError("last line is not the summary: " + last);
        if (ofType("summary").size() != 1) throw new AssertionError("more than one summary");
        return last;
    }

    /** The summary, also consistent with the metric lines before it (a run without -q). */
    public Map<String, Object> summaryOfMetrics() {
        Map<String, Object> last = summary();
        List<Map<String, Object>> ms = metrics();
        assertEquals(ms.size(), num(last, "metrics"), "summary metrics vs metric lines");
        for (String v : new String[] {"ok", "malformed", "late", "future"}) {
            long n = ms.stream().filter(m -> v.equals(m.get("verdict"))).count();
            assertEquals(n, num(last, v), "summary " + v + " vs metric lines");
        }
        return last;
    }

    public void assertNoStackTrace() {
        String e = err();
        assertFalse(e.contains("\tat ") || e.contains("Exception in thread"), "stack trace on stderr:\n" + e);
        assertTrue(e.length() < 4096, "stderr too chatty:\n" + e);
    }

    /** Polls until some metric line so far satisfies {@code p}; false when the time is up or the run ended. */
    public boolean awaitMetric(Predicate<Map<String, Object>> p, long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < end) {
            for (Map<String, Object> m : metrics()) if (p.test(m)) return true;
            if (done()) return false;
            Thread.sleep(POLL_MILLIS);
        }
        return false;
    }

    public static long num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Double)) throw new AssertionError("no number '" + key + "' in " + m);
        return ((Double) v).longValue();
    }

    /** The problem codes of one metric line. */
    public static List<String> codes(Map<String, Object> metric) {
        List<String> c = new ArrayList<>();
        if (metric.get("problems") instanceof List<?> ps) {
            for (Object p : ps) {
                if (p instanceof Map<?, ?> m) c.add(String.valueOf(m.get("code")));
            }
        }
        return c;
    }
}
