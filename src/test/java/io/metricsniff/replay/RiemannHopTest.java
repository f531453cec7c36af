package io.metricsniff.replay;

import io.metricsniff.testutil.CliRunner;
import io.metricsniff.testutil.JsonReader;
import io.metricsniff.testutil.Oracle;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * captures/riemann.pcap replayed with {@code --hop riemann:5555}: the stand-in's log
 * (riemann.standin.log: each event's path and decision) is the oracle for every verdict.
 */
class RiemannHopTest {
    @Test
    @SuppressWarnings("unchecked")
    void theStandInsDroppedSubsetIsExactlyTheDroppedRecords() {
        CliRunner run = CliRunner.json(Oracle.capture("riemann").toString(), "--hop", "riemann:5555");
        run.assertNoStackTrace();
        assertEquals(0, run.exit(), run.err());
        Set<String> dropped = new TreeSet<>();
        long forwarded = 0, noMetric = 0;
        for (String line : Oracle.beside(Oracle.capture("riemann"), ".standin.log")) {
            Map<String, Object> e = JsonReader.object(line);
            switch ((String) e.get("decision")) {
                case "dropped" -> dropped.add(e.get("path") + " " + Double.parseDouble((String) e.get("metric")));
                case "forwarded" -> forwarded++;
                default -> noMetric++;
            }
        }
        assertTrue(dropped.size() > 0 && forwarded > 0 && noMetric > 0, "the recording has all three decisions");
        Set<String> reported = new TreeSet<>();
        for (Map<String, Object> m : run.ofType("hop")) {
            assertEquals("dropped", m.get("verdict"), m.toString());
            reported.add(m.get("path") + " " + ((Number) m.get("value")).doubleValue());
        }
        assertEquals(dropped, reported);
        Map<String, Object> hop = (Map<String, Object>) ((List<Object>) run.summary().get("hops")).get(0);
        assertEquals("127.0.0.41:5555", hop.get("hop"));
        assertEquals(forwarded, CliRunner.num(hop, "delivered"));
        assertEquals(dropped.size(), CliRunner.num(hop, "dropped"));
        assertEquals(noMetric, CliRunner.num(hop, "unmatched_in"), "events without a metric: unmatched, never drops");
        assertEquals(0, CliRunner.num(hop, "unresolved") + CliRunner.num(hop, "duplicated") + CliRunner.num(hop, "misrouted"));
    }
}
