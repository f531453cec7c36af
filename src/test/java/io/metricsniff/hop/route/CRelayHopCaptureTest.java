package io.metricsniff.hop.route;

import io.metricsniff.testutil.CliRunner;
import io.metricsniff.hop.Router;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * captures/crelay-hop.pcap (scripts/record-crelay-hop) against its oracles: every line a sink
 * read is in the capture, on its way to that sink, and the Router rebuilt from the relay's config
 * names that sink for it, for the copies of the sender's lines and for the relay's self-metrics.
 */
class CRelayHopCaptureTest {
    static final Path DIR = Path.of("captures");
    static final String RELAY = "127.0.0.36:2003";
    private static List<Map<String, Object>> metrics;
    private static List<RelayLab.Received> received;
    private static List<String> sent;
    private static Router router;

    @BeforeAll
    static void replay() throws Exception {
        CliRunner run = CliRunner.json(DIR.resolve("crelay-hop.pcap").toString());
        assertEquals(0, run.exit(), run.err());
        metrics = run.metrics();
        received = new ArrayList<>();
        for (String l : Files.readAllLines(DIR.resolve("crelay-hop.received.txt"), StandardCharsets.UTF_8)) {
            int tab = l.indexOf('\t');
            received.add(new RelayLab.Received(l.substring(0, tab), l.substring(tab + 1)));
        }
        sent = Files.readAllLines(DIR.resolve("crelay-hop.sent.txt"), StandardCharsets.UTF_8);
        router = Routers.fromConfig(DIR.resolve("crelay-hop.conf"));
    }

    @Test
    void everyLineASinkReadIsInTheCaptureToThatSink() {
        Map<String, Integer> onWire = new HashMap<>();
        for (Map<String, Object> m : metrics) onWire.merge(m.get("dst") + "\t" + m.get("raw"), 1, Integer::sum);
        List<String> missing = new ArrayList<>();
        for (RelayLab.Received r : received) {
            String k = r.dst() + "\t" + r.line();
            if (onWire.merge(k, -1, Integer::sum) < 0) missing.add(k);
        }
        assertEquals(List.of(), missing.subList(0, Math.min(5, missing.size())), missing.size() + " received lines not in the capture");
        long in = metrics.stream().filter(m -> RELAY.equals(m.get("dst"))).count();
        assertEquals(sent.size(), in, "every line the sender wrote is in the capture, into the relay");
    }

    @Test
    void theRouterNamesTheSinkOfEveryReceivedLine() {
        List<String> wrong = new ArrayList<>();
        int selfMetrics = 0;
        for (RelayLab.Received r : received) {
            List<String> want = RouteOracle.strings(router.destinations(r.name()));
            if (!want.equals(List.of(r.dst()))) wrong.add(r.name() + ": router " + want + ", received at " + r.dst());
            if (r.name().startsWith("carbon.relays.")) selfMetrics++;
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(5, wrong.size())), wrong.size() + " misrouted by the router's account");
        assertTrue(selfMetrics > 0, "the relay's own metrics are in the recording");
    }

    @Test
    void eachSentLineWentWhereTheRouterSaysOrWasDropped() {
        Map<Integer, String> where = new HashMap<>();
        for (RelayLab.Received r : received) if (!r.name().startsWith("carbon.")) where.put((int) r.value(), r.dst());
        int dropped = 0;
        for (String line : sent) {
            String name = line.substring(0, line.indexOf(' '));
            int i = Integer.parseInt(line.substring(name.length() + 1, line.lastIndexOf(' ')));
            String dst = where.get(i);
            String want = RouteOracle.strings(router.destinations(name)).get(0);
            if (dst == null) {
                dropped++;
                assertEquals("127.0.0.38:2003", want, "only the stalled destination drops: " + line);
            } else {
                assertEquals(want, dst, line);
            }
        }
        assertTrue(dropped > 0, "the stalled destination's queue overflowed");
        // the relay's own count, routed like any metric (here it reached the healthy sink)
        double counted = received.stream().filter(r -> r.name().equals("carbon.relays.lab.metricsDropped"))
                .mapToDouble(RelayLab.Received::value).max().orElse(-1);
        assertEquals(dropped, counted, "lines never delivered vs carbon-c-relay's metricsDropped");
    }
}
