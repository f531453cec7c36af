package io.metricsniff.live;

import io.metricsniff.testutil.CliRunner;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --report-to into a real carbon-cache, which is also the receiver being watched: the reported series
 * land in whisper with the run's counts (per-interval values that add up to the summary), and the
 * report's own lines are neither judged nor counted.
 */
class ReportLiveTest {
    /** Our own loopback address (helpers share the machine; .61-.69 are this suite's). */
    static final String HOST = "127.0.0.61";
    static final String RUN = "8s";
    static final int GOOD = 40, BAD = 5;

    @Test void reportedCountsLandInWhisperAndOwnTrafficIsLeftOut() throws Exception {
        Lab.assumeRootAnd(LiveCarbon.BINARY);
        try (LiveCarbon carbon = LiveCarbon.start(HOST)) {
            CliRunner sniff = CliRunner.start("-d", "lo", "--format", "json", "--protocol", "graphite", "--duration", RUN,
                    "--report-to", HOST + ":" + carbon.port, "--report-interval", "2s", "--report-host", "lab",
                    "host", HOST, "and", "tcp", "port", String.valueOf(carbon.port));
            awaitReady(sniff, carbon.port); // probes before the one seen were sent before the capture began
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < GOOD; i++) lines.append("live.report.ok.").append(i).append(' ').append(i).append(' ').append(Lab.now()).append('\n');
            for (int i = 0; i < BAD; i++) lines.append("live.report.bad.").append(i).append(" abc ").append(Lab.now()).append('\n');
            send(carbon.port, lines.toString());
            assertEquals(0, sniff.await(60), sniff.err());

            Map<String, Object> summary = sniff.summary();
            long metrics = CliRunner.num(summary, "metrics");
            assertEquals(1 + GOOD + BAD, metrics, "only what we sent was judged");
            assertTrue(sniff.metrics().stream().noneMatch(m -> String.valueOf(m.get("path")).startsWith("metricsniff.")));

            Map<String, Double> sums = new HashMap<>();
            Map<String, Integer> points = new HashMap<>();
            for (LiveCarbon.Stored s : carbon.storedWhenSettled()) {
                if (!s.path().startsWith("metricsniff.lab.")) continue;
                String name = s.path().substring("metricsniff.lab.".length());
                sums.merge(name, s.value(), Double::sum);
                points.merge(name, 1, Integer::sum);
            }
            assertTrue(points.getOrDefault("metrics", 0) >= 3, "several reports in " + RUN + ": " + points);
            assertEquals(metrics, sums.get("metrics"), 0.0);
            assertEquals(BAD, sums.get("verdict.malformed"), 0.0);
            assertEquals(CliRunner.num(summary, "ok"), sums.get("verdict.ok"), 0.0);
            @SuppressWarnings("unchecked")
            Map<String, Object> problems = (Map<String, Object>) summary.get("problems");
            assertFalse(problems.isEmpty());
            for (String code : problems.keySet()) {
                assertEquals(CliRunner.num(problems, code), sums.get("problems." + code), 0.0, code + " in " + sums.keySet());
            }
            assertEquals(metrics, sums.get("senders.127_0_0_61.metrics"), 0.0);
            assertEquals(CliRunner.num(summary, "packets"), sums.get("packets"), 0.0);
            assertTrue(sums.get("report.own_packets") > 0, "the report's own packets were seen and left out");
            @SuppressWarnings("unchecked")
            Map<String, Object> health = (Map<String, Object>) summary.get("health");
            assertEquals(CliRunner.num(health, "connects"), sums.get("health.connects"), 0.0);
            assertEquals(2, CliRunner.num(health, "connects"), "the report's connection is not among them");
            assertFalse(sums.containsKey("report.dropped_lines") && sums.get("report.dropped_lines") > 0);
        }
    }

    private static void send(int port, String text) throws Exception {
        try (Socket s = new Socket(InetAddress.getByName(HOST), port, InetAddress.getByName(HOST), 0)) {
            OutputStream o = s.getOutputStream();
            o.write(text.getBytes(StandardCharsets.UTF_8));
            o.flush();
        }
    }

    /** Probe lines on fresh connections until the capture shows one. */
    private static int awaitReady(CliRunner sniff, int port) throws Exception {
        for (int n = 1; n < 60; n++) {
            String path = "live.report.probe." + n;
            send(port, path + " 1 " + Lab.now() + "\n");
            if (sniff.awaitMetric(m -> path.equals(m.get("path")), 1000)) return n;
            if (sniff.done()) throw new AssertionError("metricsniff ended early: " + sniff.err());
        }
        throw new AssertionError("the capture never showed a probe: " + sniff.err());
    }

}
