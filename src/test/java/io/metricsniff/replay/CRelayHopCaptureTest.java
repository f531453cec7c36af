package io.metricsniff.replay;

import io.metricsniff.testutil.Oracle.Received;
import io.metricsniff.testutil.CliRunner;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.hop.Router;
import io.metricsniff.hop.route.Routers;
import io.metricsniff.testutil.Oracle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    static final Path PCAP = Oracle.capture("crelay-hop");
    static final String RELAY = "127.0.0.36:2003";
    private static List<Map<String, Object>> metrics;
    private static List<Received> received;
    private static List<String> sent;
    private static Router router;

    @BeforeAll
    static void replay() throws Exception {
        CliRunner run = CliRunner.json(PCAP.toString());
        assertEquals(0, run.exit(), run.err());
        metrics = run.metrics();
        received = Oracle.relayReceived(PCAP);
        sent = Oracle.beside(PCAP, ".sent.txt");
        router = Routers.fromConfig(DIR.resolve("crelay-hop.conf"));
    }

    @Test
    void everyLineASinkReadIsInTheCaptureToThatSink() {
        Map<String, Integer> onWire = new HashMap<>();
        for (Map<String, Object> m : metrics) onWire.merge(m.get("dst") + "\t" + m.get("raw"), 1, Integer::sum);
        List<String> missing = new ArrayList<>();
        for (Received r : received) {
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
        for (Received r : received) {
            List<String> want = strings(router.destinations(r.name()));
            if (!want.equals(List.of(r.dst()))) wrong.add(r.name() + ": router " + want + ", received at " + r.dst());
            if (r.name().startsWith("carbon.relays.")) selfMetrics++;
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(5, wrong.size())), wrong.size() + " misrouted by the router's account");
        assertTrue(selfMetrics > 0, "the relay's own metrics are in the recording");
    }

    @Test
    void eachSentLineWentWhereTheRouterSaysOrWasDropped() {
        Map<Integer, String> where = new HashMap<>();
        for (Received r : received) if (!r.name().startsWith("carbon.")) where.put((int) r.value(), r.dst());
        int dropped = 0;
        for (String line : sent) {
            String name = line.substring(0, line.indexOf(' '));
            int i = Integer.parseInt(line.substring(name.length() + 1, line.lastIndexOf(' ')));
            String dst = where.get(i);
            String want = strings(router.destinations(name)).get(0);
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
                .mapToDouble(Received::value).max().orElse(-1);
        assertEquals(dropped, counted, "lines never delivered vs carbon-c-relay's metricsDropped");
    }

    private static List<String> strings(List<Endpoint> l) {
        return l.stream().map(Endpoint::toString).toList();
    }
}
