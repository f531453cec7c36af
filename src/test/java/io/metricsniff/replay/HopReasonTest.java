package io.metricsniff.replay;

import io.metricsniff.testutil.CliRunner;
import io.metricsniff.testutil.Oracle;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a drop's reason quotes, against the bundled recordings: counter rises and what settled it. */
class HopReasonTest {
    private static final Pattern ROSE = Pattern.compile("drop counter for it rose by (\\d+) over (\\d+) reports");

    private static long nanos(Object isoTime) {
        Instant t = Instant.parse((String) isoTime);
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    @Test
    void carbonCRelaysCumulativeCounterIsQuotedAsItsRiseNotTheSumOfItsReports() throws Exception {
        CliRunner run = CliRunner.json(CRelayHopConfigTest.PCAP.toString(), "--hop", "carbon-c-relay:" + CRelayHopCaptureTest.RELAY,
                "--hop-config", "captures/crelay-hop.conf");
        assertEquals(0, run.exit(), run.err());
        Set<Integer> got = new HashSet<>();
        for (Oracle.Received r : Oracle.relayReceived(CRelayHopConfigTest.PCAP)) got.add((int) r.value());
        long lost = Oracle.beside(CRelayHopConfigTest.PCAP, ".sent.txt").stream()
                .map(l -> Integer.parseInt(l.substring(l.indexOf(' ') + 1, l.lastIndexOf(' ')))).filter(i -> !got.contains(i)).count();
        long reportsSum = 0; // what the old reason quoted: every report's value summed
        List<Map<String, Object>> hops = run.ofType("hop");
        long in = nanos(((Map<?, ?>) hops.get(0).get("in")).get("time"));
        for (Map<String, Object> m : run.metrics()) {
            long t = nanos(m.get("time"));
            if (((String) m.get("path")).endsWith("127_0_0_38:2003.dropped") && t >= in && t <= in + 10_000_000_000L) {
                reportsSum += ((Number) m.get("value")).longValue();
            }
        }
        assertTrue(reportsSum > lost, "the recording's reports sum to more than the drops: " + reportsSum);
        for (Map<String, Object> m : hops) {
            Matcher r = ROSE.matcher((String) m.get("reason"));
            assertTrue(r.find(), (String) m.get("reason"));
            assertEquals(lost, Long.parseLong(r.group(1)), "the relay's counter rose by what no sink read: " + m.get("reason"));
        }
    }

    @Test
    void aDropSettledByTheHopClosingSaysSoNotTheTimeout() {
        CliRunner run = CliRunner.json(Oracle.capture("riemann").toString(), "--hop", "riemann:5555");
        assertEquals(0, run.exit(), run.err());
        long end = 0;
        for (Map<String, Object> m : run.metrics()) end = Math.max(end, nanos(m.get("time")));
        List<Map<String, Object>> drops = run.ofType("hop");
        assertFalse(drops.isEmpty());
        for (Map<String, Object> m : drops) {
            String reason = (String) m.get("reason");
            long in = nanos(((Map<?, ?>) m.get("in")).get("time"));
            assertTrue(end - in < 10_000_000_000L, "the capture ends before the timeout: the FIN decided it");
            assertFalse(reason.contains("within 10.0 s"), reason);
            assertTrue(reason.startsWith("not seen leaving the hop before it closed its connections (FIN) "), reason);
            assertTrue(reason.contains("before the 10.0 s timeout"), reason);
        }
    }
}
