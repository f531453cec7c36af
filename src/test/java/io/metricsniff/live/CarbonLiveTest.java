package io.metricsniff.live;

import io.metricsniff.testutil.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static io.metricsniff.testutil.Python.pyRepr;
import static io.metricsniff.testutil.Python.pyStrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live capture on loopback against a real carbon-cache that the test starts: what metricsniff
 * reports must be exactly the lines sent, with the verdicts carbon gives (its log of invalid lines
 * and the points it wrote to whisper in the same run). Senders: a test sender with good and bad
 * lines (collectd's write_graphite: CollectdLiveTest).
 */
class CarbonLiveTest {
    /** The line that ends a run: metricsniff stops once it is seen (--expect ... --within). */
    static final String MARKER = "live.done.marker";
    /** Upper bound for one run; --within stops it long before when all goes well. */
    static final String RUN_LIMIT = "60s";
    static final long RUN_LIMIT_SECONDS = 60;
    /** Chunk sizes for the test sender: odd, so lines straddle TCP segments. */
    static final int[] CHUNKS = {7, 13, 29, 3, 61, 17, 5};
    /** Between chunks, with TCP_NODELAY: each chunk its own segment. */
    static final long CHUNK_PAUSE_MILLIS = 3;

    /** One line the test sender sends and what it is: the verdict metricsniff and carbon should agree on. */
    record Line(String text, String verdict, String code) { }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void testSenderLinesAreReportedExactlyWithCarbonsVerdicts() throws Exception {
        Lab.assumeRootAnd(LiveCarbon.BINARY, Lab.PYTHON);
        long now = Lab.now();
        List<List<Line>> conns = List.of(
                List.of(new Line("live.ok.int 42 " + now + "\n", "ok", null),
                        new Line("live.ok.float 3.25 " + now + "\n", "ok", null),
                        new Line("live.ok.tab\t7\t" + now + "\n", "ok", null),
                        new Line("live.ok.crlf 9 " + now + "\r\n", "ok", null),
                        new Line("live.bad.nan nan " + now + "\n", "malformed", "nan-value"),
                        new Line("live.bad.two 1\n", "malformed", "field-count"),
                        new Line("live.bad.value abc " + now + "\n", "malformed", "bad-value"),
                        new Line("live.late.two.hours 1 " + (now - 7200) + "\n", "late", "late"),
                        new Line("live.future.two.hours 2 " + (now + 7200) + "\n", "future", "future"),
                        new Line("live.ok.last 5 " + now + "\n", "ok", null)),
                List.of(new Line("  live.ok.leading.space 10 " + now + "\n", "ok", null),
                        new Line("live.bad.comma 1,5 " + now + "\n", "malformed", "bad-value"),
                        new Line("live.bad.upper.nan NaN " + now + "\n", "malformed", "nan-value"),
                        new Line("live.ok.exponent 1e3 " + now + "\n", "ok", null),
                        new Line("live.bad.unterminated 1 " + now, "malformed", "unterminated")));

        try (LiveCarbon carbon = LiveCarbon.start()) {
            CliRunner sniff = startSniff(carbon.port);
            Lab.awaitCaptureReady(sniff, carbon.port, "live.probe");

            List<Integer> ports = new ArrayList<>();
            int total = 0;
            for (List<Line> c : conns) {
                ports.add(sendChunked(carbon.port, c));
                total += c.size();
            }
            // everything sent is in the capture (the unterminated line shows once its FIN is seen) ...
            int sent = total;
            assertTrue(awaitCount(sniff, m -> ports.contains(localPort(m)), sent), "not all lines reported: " + sniff.out());
            // ... then the marker ends the run
            endRun(sniff, carbon.port);

            List<LiveCarbon.Stored> stored = carbon.storedWhenSettled();
            List<LiveCarbon.Invalid> invalid = carbon.invalid();
            Map<String, LiveCarbon.Stored> storedByPath = new HashMap<>();
            for (LiveCarbon.Stored s : stored) storedByPath.put(s.path(), s);

            List<Map<String, Object>> metrics = sniff.metrics();
            for (int i = 0; i < conns.size(); i++) {
                assertConnection(i, conns.get(i), ports.get(i), metrics, carbon.port, storedByPath);
            }
            assertCarbonAgrees(conns, ports, metrics, stored, invalid);
        }
    }

    /** One connection's records: exactly the lines sent, in order, each with the verdict carbon gave it. */
    private static void assertConnection(int i, List<Line> want, int port, List<Map<String, Object>> metrics, int carbonPort,
                                         Map<String, LiveCarbon.Stored> storedByPath) {
        List<Map<String, Object>> got = new ArrayList<>();
        for (Map<String, Object> m : metrics) if (localPort(m) == port) got.add(m);
        List<String> wantRaw = new ArrayList<>(), gotRaw = new ArrayList<>();
        for (Line l : want) wantRaw.add(l.text().endsWith("\n") ? l.text().substring(0, l.text().length() - 1) : l.text());
        for (Map<String, Object> m : got) gotRaw.add((String) m.get("raw"));
        assertEquals(wantRaw, gotRaw, "connection " + i + ": the lines sent, in order");

        for (int k = 0; k < want.size(); k++) {
            Map<String, Object> m = got.get(k);
            Line l = want.get(k);
            assertEquals(Lab.HOST + ":" + carbonPort, m.get("dst"));
            assertEquals("tcp", m.get("transport"));
            assertEquals("graphite", m.get("protocol"));
            String verdict = (String) m.get("verdict");
            assertEquals(l.verdict(), verdict, m.toString());
            if (l.code() != null) assertTrue(CliRunner.codes(m).contains(l.code()), "want " + l.code() + ": " + m);
            else assertEquals(List.of(), CliRunner.codes(m), m.toString());

            // carbon's verdict: stored (ok, late and future all land in whisper) or not
            String path = pathOf(l.text());
            LiveCarbon.Stored s = storedByPath.get(path);
            if ("malformed".equals(verdict)) {
                assertFalse(storedByPath.containsKey(path), "carbon stored a line reported malformed: " + m);
            } else {
                assertTrue(s != null, "carbon did not store a line reported " + verdict + ": " + m);
                assertEquals(CliRunner.num(m, "timestamp"), s.timestamp(), "timestamp carbon stored for " + path);
                assertEquals((Double) m.get("value"), s.value(), 1e-9, "value carbon stored for " + path);
            }
        }
    }

    /** carbon's log and whisper against the records: its invalid lines are ours malformed, it stored only what we passed. */
    private static void assertCarbonAgrees(List<List<Line>> conns, List<Integer> ports, List<Map<String, Object>> metrics,
                                           List<LiveCarbon.Stored> stored, List<LiveCarbon.Invalid> invalid) {
        // every line carbon logged as invalid is one reported malformed, from the same client
        assertEquals(3, invalid.size(), "carbon logs 2 fields, 'abc' and '1,5'; nan and unterminated silently: " + invalid);
        for (LiveCarbon.Invalid inv : invalid) {
            long n = metrics.stream().filter(m -> inv.client().equals(m.get("src"))
                    && inv.repr().equals(pyRepr(pyStrip((String) m.get("raw"))))
                    && "malformed".equals(m.get("verdict"))).count();
            assertEquals(1, n, "carbon's invalid line " + inv + " among " + metrics);
        }
        // and carbon stored nothing else from these connections
        Set<String> sentPaths = new TreeSet<>();
        for (List<Line> c : conns) for (Line l : c) sentPaths.add(pathOf(l.text()));
        Set<String> storedLive = new TreeSet<>();
        for (LiveCarbon.Stored s : stored) if (sentPaths.contains(s.path())) storedLive.add(s.path());
        Set<String> deliveredLive = new TreeSet<>();
        for (Map<String, Object> m : metrics) {
            if (ports.contains(localPort(m)) && !"malformed".equals(m.get("verdict"))) deliveredLive.add((String) m.get("path"));
        }
        assertEquals(deliveredLive, storedLive);
        assertEquals(deliveredLive, storedLive);
        assertEquals(9, deliveredLive.size());
    }

    /** metricsniff live on lo for this carbon only (a free port: the protocol is named), stopping at the marker. */
    static CliRunner startSniff(int port) {
        return CliRunner.start("-d", "lo", "--format", "json", "--protocol", "graphite", "--expect", MARKER, "--within", RUN_LIMIT,
                "tcp", "port", String.valueOf(port), "and", "host", Lab.HOST);
    }

    /** Sends the marker that ends the run; the run must end cleanly with nothing missing from the capture. */
    static void endRun(CliRunner sniff, int port) throws Exception {
        Lab.sendOnce(port, MARKER + " 1 " + Lab.now() + "\n");
        assertEquals(0, sniff.await(RUN_LIMIT_SECONDS), "stderr: " + sniff.err());
        Map<String, Object> summary = sniff.summary();
        assertEquals(0, CliRunner.num(summary, "gaps"), summary.toString());
        assertEquals(0, CliRunner.num(summary, "kernel_drops"), summary.toString());
    }

    static boolean awaitCount(CliRunner sniff, java.util.function.Predicate<Map<String, Object>> p, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            if (sniff.metrics().stream().filter(p).count() >= n) return true;
            Thread.sleep(CliRunner.POLL_MILLIS);
        }
        return false;
    }

    /** Sends the lines on one connection in odd chunks, then closes; returns the local port. */
    static int sendChunked(int port, List<Line> lines) throws Exception {
        StringBuilder b = new StringBuilder();
        for (Line l : lines) b.append(l.text());
        byte[] data = b.toString().getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket(Lab.HOST, port)) {
            s.setTcpNoDelay(true);
            OutputStream o = s.getOutputStream();
            for (int i = 0, k = 0; i < data.length; k++) {
                int n = Math.min(CHUNKS[k % CHUNKS.length], data.length - i);
                o.write(data, i, n);
                o.flush();
                i += n;
                Thread.sleep(CHUNK_PAUSE_MILLIS);
            }
            s.shutdownOutput();
            return s.getLocalPort();
        }
    }

    static int localPort(Map<String, Object> m) {
        String src = String.valueOf(m.get("src"));
        return Integer.parseInt(src.substring(src.lastIndexOf(':') + 1));
    }

    static String pathOf(String line) {
        String s = line.strip();
        int sp = 0;
        while (sp < s.length() && s.charAt(sp) != ' ' && s.charAt(sp) != '\t') sp++;
        return s.substring(0, sp);
    }
}
