package io.metricsniff.replay;

import io.metricsniff.testutil.CliRunner;
import io.metricsniff.testutil.JsonReader;
import io.metricsniff.testutil.Oracle;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Senders whose clocks were off by -90 s, +30 s and 0, through a real carbon-cache keeping one minute
 * (captures/health-clocks, scripts/record-health clocks). The oracles: what each sender measured of its
 * own clock (senders.jsonl) and what whisper stored.
 */
class ClockSkewReplayTest {
    /**
     * metricsniff's offset against the sender's own: the sender reads its clock just before each write and
     * the capture stamps the segment after loopback delivery, sub-millisecond; 50 ms leaves room for a
     * loaded machine descheduling the sender in between. (Against the configured offset the timestamps'
     * truncation to whole seconds adds up to 1 s, which is why the sender measures.)
     */
    static final double TOLERANCE_S = 0.05;
    private static final String[] ARGS = {"--carbon-conf", "captures/health-clocks.carbon.conf",
            "--schemas", "captures/health-clocks.schemas.conf"};

    record Sender(String host, String name, long offset, long points, double measured) { }

    /** What each clock sender wrote of its own clock, by host. */
    static Map<String, Sender> senders() {
        Map<String, Sender> m = new HashMap<>();
        for (String l : Oracle.beside(Oracle.capture("health-clocks"), ".senders.jsonl")) {
            Map<String, Object> o = JsonReader.object(l);
            Sender s = new Sender((String) o.get("host"), (String) o.get("name"), ((Number) o.get("offset_s")).longValue(),
                    ((Number) o.get("points")).longValue(), ((Number) o.get("measured_offset_s")).doubleValue());
            assertTrue(s.measured() > s.offset() - 1 && s.measured() <= s.offset(), "whole-second timestamps: " + s);
            m.put(s.host(), s);
        }
        assertEquals(Set.of(-90L, 30L, 0L), m.values().stream().map(Sender::offset).collect(java.util.stream.Collectors.toSet()));
        return m;
    }

    private static CliRunner run(String... more) {
        List<String> a = new java.util.ArrayList<>(List.of(ARGS));
        a.addAll(List.of(more));
        CliRunner r = CliRunner.json("captures/health-clocks.pcap", a.toArray(new String[0]));
        r.assertNoStackTrace();
        assertEquals(0, r.exit(), r.err());
        return r;
    }

    @SuppressWarnings("unchecked")
    @Test void jsonClocksEqualTheSendersOwnOffsets() {
        Map<String, Object> clocks = (Map<String, Object>) run("-q").summary().get("clocks");
        Map<String, Sender> senders = senders();
        assertEquals(senders.keySet(), clocks.keySet());
        for (Sender s : senders.values()) {
            Map<String, Object> c = (Map<String, Object>) clocks.get(s.host());
            double got = ((Number) c.get("offset_s")).doubleValue();
            assertEquals(s.measured(), got, TOLERANCE_S, s.toString());
            assertEquals(s.points(), CliRunner.num(c, "points"));
            assertEquals(0, CliRunner.num(c, "ms_timestamps"));
        }
    }

    @Test void textClocksEqualTheSendersOwnOffsets() {
        CliRunner r = CliRunner.run("-I", "captures/health-clocks.pcap", "-q", ARGS[0], ARGS[1], ARGS[2], ARGS[3]);
        assertEquals(0, r.exit(), r.err());
        String text = r.out() + r.err();
        for (Sender s : senders().values()) {
            String line = text.lines().filter(l -> l.startsWith("  " + s.host() + ": ")).findFirst()
                    .orElseThrow(() -> new AssertionError(s.host() + " not in\n" + text));
            double got = Double.parseDouble(line.substring(line.indexOf(": ") + 2, line.indexOf(" s over")));
            assertEquals(s.measured(), got, TOLERANCE_S, line);
            assertTrue(line.endsWith(" over " + s.points() + " points"), line);
        }
    }

    /**
     * With the schema's 1-minute retention: the -90 s points are malformed (older than the retention, whisper
     * drops them) and whisper has none of them although carbon created their files; the +30 s (future, whisper
     * keeps them) and on-time points are ok, and whisper holds exactly those, at the timestamps sent.
     */
    @Test void whatWhisperStoredAgreesWithTheVerdicts() {
        Map<String, Sender> senders = senders();
        Set<String> stored = new HashSet<>();
        for (Oracle.Stored s : Oracle.stored(Oracle.capture("health-clocks"))) stored.add(s.path() + " " + s.timestamp());
        Set<String> ok = new HashSet<>();
        Map<String, Integer> malformedByHost = new HashMap<>();
        for (Map<String, Object> m : run().metrics()) {
            String src = (String) m.get("src");
            Sender s = senders.get(src.substring(0, src.lastIndexOf(':')));
            String point = m.get("path") + " " + ((Number) m.get("timestamp")).longValue();
            assertTrue(((String) m.get("path")).startsWith("lab.clock." + s.name() + "."), m.toString());
            if ("ok".equals(m.get("verdict"))) {
                ok.add(point);
                assertTrue(s.offset() >= 0, "only the on-time and future points are stored: " + m);
            } else {
                assertEquals("malformed", m.get("verdict"), m.toString());
                assertTrue(CliRunner.codes(m).contains("late"), m.toString());
                assertFalse(stored.contains(point), "whisper dropped " + point);
                malformedByHost.merge(s.host(), 1, Integer::sum);
            }
        }
        assertEquals(stored, ok, "whisper holds exactly the ok points");
        Sender behind = senders.values().stream().filter(s -> s.offset() == -90).findFirst().orElseThrow();
        assertEquals(Map.of(behind.host(), (int) behind.points()), malformedByHost);
        long created = Oracle.carbonLog(Oracle.capture("health-clocks")).stream()
                .filter(l -> l.contains("creating database metric lab.clock.behind.")).count();
        assertEquals(behind.points(), created, "carbon received and created every -90 s series, then stored nothing");
    }
}
