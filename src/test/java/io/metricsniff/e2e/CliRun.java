package io.metricsniff.e2e;

import io.metricsniff.cli.Main;
import io.metricsniff.testutil.JsonReader;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One run of the command line in-process, with its output parsed as the contract's JSON lines. */
public final class CliRun {
    /** A replay of a few hundred KB must finish well within this, even on a loaded 2-core box. */
    static final long TIMEOUT_SECONDS = 60;

    public final int exit;
    final String out;
    public final String err;
    final List<Map<String, Object>> lines = new ArrayList<>();

    private CliRun(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    /** Runs Main.run on another thread so a hang fails the test instead of stalling the build. */
    static CliRun run(String... args) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
        PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8);
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "e2e-main");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Integer> f = ex.submit(() -> Main.run(args, po, pe));
            int code = f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            ex.shutdownNow();
        }
    }

    /** Replays a capture with --format json and parses every stdout line (each must be JSON). */
    public static CliRun json(String capture, String... more) throws Exception {
        List<String> a = new ArrayList<>(List.of("-I", capture, "--format", "json"));
        a.addAll(List.of(more));
        CliRun r = run(a.toArray(new String[0]));
        for (String line : r.out.split("\n")) {
            if (!line.isEmpty()) r.lines.add(JsonReader.object(line));
        }
        return r;
    }

    List<Map<String, Object>> ofType(String type) {
        List<Map<String, Object>> l = new ArrayList<>();
        for (Map<String, Object> m : lines) if (type.equals(m.get("type"))) l.add(m);
        return l;
    }

    public List<Map<String, Object>> metrics() { return ofType("metric"); }

    /** The summary: present, last, and consistent with the metric lines before it. */
    public Map<String, Object> summary() {
        assertFalse(lines.isEmpty(), "no output; stderr: " + err);
        Map<String, Object> last = lines.get(lines.size() - 1);
        assertEquals("summary", last.get("type"), "the last line must be the summary");
        assertEquals(1, ofType("summary").size(), "exactly one summary");
        List<Map<String, Object>> ms = metrics();
        assertEquals(ms.size(), num(last, "metrics"), "summary metrics vs metric lines");
        for (String v : new String[] {"ok", "malformed", "late", "future"}) {
            long n = ms.stream().filter(m -> v.equals(m.get("verdict"))).count();
            assertEquals(n, num(last, v), "summary " + v + " vs metric lines");
        }
        return last;
    }

    void assertNoStackTrace() {
        assertFalse(err.contains("\tat ") || err.contains("Exception in thread"), "stack trace on stderr:\n" + err);
        assertTrue(err.length() < 4096, "stderr too chatty:\n" + err);
    }

    static long num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Double)) throw new AssertionError("no number '" + key + "' in " + m);
        return ((Double) v).longValue();
    }

    @SuppressWarnings("unchecked")
    static List<String> codes(Map<String, Object> metric) {
        List<String> c = new ArrayList<>();
        Object ps = metric.get("problems");
        if (ps instanceof List) {
            for (Object p : (List<Object>) ps) c.add(String.valueOf(((Map<String, Object>) p).get("code")));
        }
        return c;
    }
}
