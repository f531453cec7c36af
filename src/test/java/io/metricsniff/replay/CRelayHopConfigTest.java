package io.metricsniff.replay;

import io.metricsniff.testutil.CliRunner;
import io.metricsniff.testutil.Oracle;
import io.metricsniff.testutil.Oracle.Received;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * captures/crelay-hop.pcap replayed with {@code --hop-config}: the Router rebuilt from the relay's
 * own config. Oracle: the sender's lines (crelay-hop.sent.txt, value = line index) against what
 * each sink read (crelay-hop.received.txt).
 */
class CRelayHopConfigTest {
    static final Path PCAP = Oracle.capture("crelay-hop");
    static final String STALLED = "127.0.0.38:2003";

    private static CliRunner replay(Path conf) {
        CliRunner run = CliRunner.json(PCAP.toString(), "--hop", "carbon-c-relay:" + CRelayHopCaptureTest.RELAY,
                "--hop-config", conf.toString());
        run.assertNoStackTrace();
        assertEquals(0, run.exit(), run.err());
        return run;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> hop(CliRunner run) {
        List<Object> hops = (List<Object>) run.summary().get("hops");
        assertEquals(1, hops.size());
        return (Map<String, Object>) hops.get(0);
    }

    @Test
    void theRelaysOwnConfigFindsNoMisrouteAndExactlyItsDrops() throws Exception {
        CliRunner run = replay(Path.of("captures/crelay-hop.conf"));
        List<Received> received = Oracle.relayReceived(PCAP);
        Set<Integer> got = new HashSet<>();
        long delivered = 0;
        for (Received r : received) {
            if (r.name().startsWith("carbon.relays.")) continue; // the relay's self-metrics
            got.add((int) r.value());
            delivered++;
        }
        Set<Integer> lost = new TreeSet<>();
        for (String line : Oracle.beside(PCAP, ".sent.txt")) {
            int i = Integer.parseInt(line.substring(line.indexOf(' ') + 1, line.lastIndexOf(' ')));
            if (!got.contains(i)) lost.add(i);
        }
        assertEquals(16, lost.size(), "the recording's README: the relay dropped 16");
        Map<String, Object> hop = hop(run);
        assertEquals(0, CliRunner.num(hop, "misrouted"));
        assertEquals(0, CliRunner.num(hop, "unresolved"));
        assertEquals(delivered, CliRunner.num(hop, "delivered"), "delivered = lines the sinks read, self-metrics aside");
        Set<Integer> reported = new TreeSet<>();
        for (Map<String, Object> m : run.ofType("hop")) {
            assertEquals("dropped", m.get("verdict"), m.toString());
            String reason = (String) m.get("reason");
            assertTrue(reason.contains("destination " + STALLED + " advertised a zero window"), reason);
            reported.add(((Number) m.get("value")).intValue());
        }
        assertEquals(lost, reported, "the dropped records are exactly the lines no sink read");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> dsts = (List<Map<String, Object>>) hop.get("destinations");
        for (Map<String, Object> d : dsts) {
            assertEquals(STALLED.equals(d.get("dst")) ? 16 : 0, CliRunner.num(d, "dropped"), d.toString());
        }
    }

    @Test
    void copiesToADestinationTheConfigDoesNotChooseAreMisrouted(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("one-sink.conf"); // everything to the healthy sink: the stalled one's copies are wrong
        Files.writeString(conf, "cluster caches forward 127.0.0.37:2003 ;\nmatch * send to caches ;\n");
        CliRunner run = replay(conf);
        long atStalled = Oracle.relayReceived(PCAP).stream()
                .filter(r -> r.dst().equals(STALLED) && !r.name().startsWith("carbon.relays.")).count();
        assertEquals(atStalled, CliRunner.num(hop(run), "misrouted"));
        long records = run.ofType("hop").stream().filter(m -> "misrouted".equals(m.get("verdict")))
                .filter(m -> ((String) m.get("reason")).startsWith("sent to [" + STALLED + "]")).count();
        assertEquals(atStalled, records);
    }

    @Test
    void aConfigItCannotUseIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "cluster caches nonsense 127.0.0.37:2003 ;\n");
        CliRunner run = CliRunner.json(PCAP.toString(), "--hop", "2003", "--hop-config", conf.toString());
        run.assertNoStackTrace();
        assertEquals(2, run.exit());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("--hop-config"), run.err());
    }
}
