package io.metricsniff.replay;

import io.metricsniff.testutil.CliRunner;
import io.metricsniff.testutil.Oracle;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.metricsniff.testutil.CliRunner.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --carbon-conf on the captures scripts/record-health made, against what carbon-cache 1.1 logged
 * (creates) and stored (whisper).
 */
class CacheRulesReplayTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(String name, String key) {
        CliRunner r = CliRunner.json("captures/" + name + ".pcap", "-q", "--carbon-conf", "captures/" + name + ".carbon.conf",
                "--schemas", "captures/" + name + ".schemas.conf");
        r.assertNoStackTrace();
        assertEquals(0, r.exit(), r.err());
        return (Map<String, Object>) r.summary().get(key);
    }

    /** MAX_CREATES_PER_MINUTE = 10, carbon idle 12 s, then 60 new series: carbon's bucket lets 11 through. */
    @Test void theCreateLimitHoldsBackWhatCarbonDidNotCreate() {
        Map<String, Object> c = run("health-creates", "carbon");
        long created = Long.parseLong(Oracle.beside(Oracle.capture("health-creates"), ".created.txt").get(0).trim());
        List<Oracle.Stored> stored = Oracle.stored(Oracle.capture("health-creates"));
        assertEquals(created, stored.size(), "one point per created series");
        assertEquals(60, num(c, "new_series"));
        assertEquals(60 - created, num(c, "held_back_series"), "held back = new - carbon's creates.log");
        assertEquals(60 - created, num(c, "create_lost_points"), "their one point each was dropped");
        @SuppressWarnings("unchecked") List<String> held = (List<String>) c.get("held_back");
        Set<String> storedPaths = new HashSet<>();
        for (Oracle.Stored s : stored) storedPaths.add(s.path());
        assertEquals(stored.size(), storedPaths.size());
        for (String h : held) assertFalse(storedPaths.contains(h), h + " was created after all");
        List<Map<String, Object>> series = series(c, "held-back");
        assertEquals(held, series.stream().map(m -> m.get("series")).toList(), "series: the named ones, with details");
        for (Map<String, Object> m : series) {
            assertEquals(1, num(m, "lost_points"), "its one point: " + m);
            assertEquals(false, m.get("created_later"), m.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> series(Map<String, Object> carbon, String kind) {
        return ((List<Map<String, Object>>) carbon.get("series")).stream().filter(m -> kind.equals(m.get("kind"))).toList();
    }

    /** Two points per 1 s slot and one series from two hosts in one slot: whisper keeps the later point. */
    @Test void slotOverwritesAndSeveralWritersMatchWhisper() {
        Map<String, Object> c = run("health-slots", "carbon");
        List<Oracle.Stored> stored = Oracle.stored(Oracle.capture("health-slots"));
        long twice = stored.stream().filter(s -> s.path().equals("lab.slot.twice")).count();
        assertEquals(3, twice);
        assertTrue(stored.stream().filter(s -> s.path().equals("lab.slot.twice")).allMatch(s -> s.value() >= 10), "later values kept");
        List<Oracle.Stored> shared = stored.stream().filter(s -> s.path().equals("lab.shared.series")).toList();
        assertEquals(1, shared.size());
        assertEquals(63.0, shared.get(0).value(), "the last writer (127.0.0.63) won");
        assertEquals(twice + shared.size(), num(c, "slot_overwritten_points"), "one point lost per slot written twice");
        assertEquals(2, num(c, "slot_overwritten_series"));
        assertEquals(1, num(c, "multi_writer_series"));
        assertEquals(1, num(c, "multi_writer_overwrites"));
        assertEquals(List.of("lab.shared.series"), c.get("multi_writer"));
        // the values lost are those whisper does not have (the recording wrote i, then i * 10, per slot)
        Map<String, Object> twiceRow = series(c, "slot-overwrite").get(0);
        assertEquals("lab.slot.twice", twiceRow.get("series"));
        assertEquals(twice, num(twiceRow, "lost_points"));
        assertEquals(List.of(1.0, 2.0, 3.0), twiceRow.get("lost_values"));
        for (Object v : (List<?>) twiceRow.get("lost_values")) {
            assertTrue(stored.stream().noneMatch(s -> s.path().equals("lab.slot.twice") && s.value() == (Double) v), "lost " + v);
        }
        Map<String, Object> writers = series(c, "several-writers").get(0);
        assertEquals(List.of("127.0.0.62", "127.0.0.63"), writers.get("writers"));
        assertEquals(List.of(62.0), writers.get("lost_values"), "whisper kept 63, the last writer's");
    }

    /** The text summary names each series with what it lost, as the JSON does. */
    @Test void textNamesEachSeriesWithItsLoss() {
        CliRunner r = CliRunner.run("-q", "-I", "captures/health-slots.pcap", "--carbon-conf", "captures/health-slots.carbon.conf",
                "--schemas", "captures/health-slots.schemas.conf");
        assertEquals(0, r.exit(), r.err());
        long twice = Oracle.stored(Oracle.capture("health-slots")).stream().filter(s -> s.path().equals("lab.slot.twice")).count();
        assertTrue(r.out().contains("slot overwritten: lab.slot.twice (" + twice + " points lost), lab.shared.series (1 point lost)"), r.out());
        assertTrue(r.out().contains("several writers: lab.shared.series (1 point lost; 127.0.0.62, 127.0.0.63)"), r.out());
    }

    /** Senders whose clocks were set 90 s behind and 30 s ahead (timestamps are whole seconds: up to 1 s less). */
    @Test void clockOffsetsPerHost() {
        Map<String, Object> clocks = run("health-slots", "clocks");
        @SuppressWarnings("unchecked") Map<String, Object> behind = (Map<String, Object>) clocks.get("127.0.0.64");
        @SuppressWarnings("unchecked") Map<String, Object> ahead = (Map<String, Object>) clocks.get("127.0.0.65");
        double b = (Double) behind.get("offset_s"), a = (Double) ahead.get("offset_s");
        assertTrue(b > -91.5 && b <= -90, "behind: " + b);
        assertTrue(a > 28.5 && a <= 30, "ahead: " + a);
        assertEquals(5, num(behind, "points"));
        assertEquals(0, num(ahead, "ms_timestamps"));
    }
}
