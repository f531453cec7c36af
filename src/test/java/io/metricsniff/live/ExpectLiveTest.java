package io.metricsniff.live;

import io.metricsniff.testutil.CliRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --expect with --within and --duration on a live capture: met as soon as the line arrives, or
 * failed when the time is up. The receiver is a plain socket that reads and drops (only delivery
 * timing matters here; CarbonLiveTest holds verdicts against carbon).
 */
class ExpectLiveTest {
    /** "Promptly": met well before the 20 s --within, even on a loaded box. */
    static final double PROMPT_SECONDS = 10;

    ServerSocket receiver;
    Thread acceptor;

    @BeforeEach
    void startReceiver() throws IOException {
        Lab.assumeRootAnd();
        receiver = new ServerSocket();
        receiver.bind(new InetSocketAddress(InetAddress.getByName(Lab.HOST), 0));
        acceptor = new Thread(this::drainAll, "expect-live-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stopReceiver() throws Exception {
        if (receiver != null) receiver.close();
        if (acceptor != null) acceptor.join(5_000);
    }

    private void drainAll() {
        while (!receiver.isClosed()) {
            try (Socket s = receiver.accept(); InputStream in = s.getInputStream()) {
                while (in.read(new byte[4096]) >= 0) { /* drop */ }
            } catch (IOException e) {
                // closed by the test, or a peer reset: next
            }
        }
    }

    CliRunner sniff(String... more) {
        String[] base = {"-d", "lo", "--format", "json", "--protocol", "graphite"};
        String[] filter = {"tcp", "port", String.valueOf(receiver.getLocalPort()), "and", "host", Lab.HOST};
        String[] a = new String[base.length + more.length + filter.length];
        System.arraycopy(base, 0, a, 0, base.length);
        System.arraycopy(more, 0, a, base.length, more.length);
        System.arraycopy(filter, 0, a, base.length + more.length, filter.length);
        return CliRunner.start(a);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    @SuppressWarnings("unchecked")
    void withinStopsAsSoonAsTheExpectedLineArrives() throws Exception {
        CliRunner c = sniff("--expect", "lab.live.*", "--within", "20s");
        Lab.awaitCaptureReady(c, receiver.getLocalPort(), "lab.probe");   // 4 nodes: not lab.live.*
        assertTrue(!c.done(), "probes must not meet lab.live.*");
        long sent = System.nanoTime();
        Lab.sendOnce(receiver.getLocalPort(), "lab.live.one 1 " + Lab.now() + "\n");
        assertEquals(0, c.await(30), c.err());
        double took = (System.nanoTime() - sent) / 1e9;
        assertTrue(took < PROMPT_SECONDS, "exited " + took + " s after the line was sent");
        Map<String, Object> s = c.summary();
        assertEquals(Boolean.TRUE, s.get("expect_met"));
        Map<String, Object> e = ((List<Map<String, Object>>) s.get("expect")).get(0);
        assertEquals("met", e.get("status"));
        assertEquals(1, CliRunner.num(e, "ok"));
        assertTrue(c.metrics().stream().anyMatch(m -> "lab.live.one".equals(m.get("path")) && "ok".equals(m.get("verdict"))));
        assertEquals("", c.err());
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    @SuppressWarnings("unchecked")
    void withinFailsWhenTheTimeIsUp() throws Exception {
        CliRunner c = sniff("--expect", "lab.never.*", "--within", "3s");
        assertEquals(1, c.await(30), c.err());
        double took = c.elapsed();
        assertTrue(took >= 2.9 && took < 20, "ran " + took + " s for --within 3s");
        assertTrue(c.err().contains("--within 3s elapsed before every --expect was met"), c.err());
        Map<String, Object> s = c.summary();
        assertEquals(Boolean.FALSE, s.get("expect_met"));
        assertEquals("never_seen", ((List<Map<String, Object>>) s.get("expect")).get(0).get("status"));
        assertEquals(0, CliRunner.num(s, "kernel_drops"));
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void durationStopsALiveCaptureAndPrintsTheSummary() throws Exception {
        CliRunner c = sniff("--duration", "5s");
        Lab.awaitCaptureReady(c, receiver.getLocalPort(), "lab.probe");
        assertEquals(0, c.await(30), c.err());
        double took = c.elapsed();
        assertTrue(took >= 4.9 && took < 25, "ran " + took + " s for --duration 5s");
        Map<String, Object> s = c.summary();
        assertTrue(CliRunner.num(s, "metrics") >= 1, s.toString());
        assertEquals(CliRunner.num(s, "metrics"), c.metrics().size());
        assertEquals(0, CliRunner.num(s, "kernel_drops"));
    }
}
