package io.metricsniff.live;

import io.metricsniff.testutil.JsonReader;
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

/**
 * One in-process run of the command line on its own thread, so a live capture can run while the
 * test sends traffic and a hang fails the test instead of stalling the build. Output is read while
 * it grows ({@link #lines()}) and parsed as the contract's JSON lines.
 */
public final class Cli {
    /** How often the tests look at growing output: often enough, cheap enough on a loaded box. */
    static final long POLL_MILLIS = 50;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final FutureTask<Integer> task;
    private final long startNanos = System.nanoTime();

    private Cli(String... args) {
        PrintStream po = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream pe = new PrintStream(err, true, StandardCharsets.UTF_8);
        task = new FutureTask<>(() -> Main.run(args, po, pe));
        Thread t = new Thread(task, "metricsniff-under-test");
        t.setDaemon(true);
        t.start();
    }

    /** Starts a run; read it while it runs, then {@link #await}. */
    public static Cli start(String... args) { return new Cli(args); }

    /** Runs to the end (a replay): at most {@code timeoutSeconds}. */
    public static Cli run(long timeoutSeconds, String... args) throws Exception {
        Cli c = new Cli(args);
        c.await(timeoutSeconds);
        return c;
    }

    /** Waits for the exit status; a run still going after the timeout fails the test. */
    public int await(long timeoutSeconds) throws InterruptedException {
        try {
            return task.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("metricsniff still running after " + timeoutSeconds + " s; stderr: " + err());
        } catch (ExecutionException e) {
            throw new AssertionError("metricsniff threw", e.getCause());
        }
    }

    public boolean done() { return task.isDone(); }

    public int exit() throws InterruptedException { return await(0); }

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

    @SuppressWarnings("unchecked")
    public static List<String> codes(Map<String, Object> metric) {
        List<String> c = new ArrayList<>();
        if (metric.get("problems") instanceof List<?> ps) {
            for (Object p : ps) c.add(String.valueOf(((Map<String, Object>) p).get("code")));
        }
        return c;
    }
}
