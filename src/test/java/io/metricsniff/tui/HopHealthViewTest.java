package io.metricsniff.tui;

import io.metricsniff.analysis.PathTable;
import io.metricsniff.capture.FileSource;
import io.metricsniff.health.ConnectionHealth;
import io.metricsniff.health.HealthLimits;
import io.metricsniff.hop.HopEngine;
import io.metricsniff.hop.HopSpec;
import io.metricsniff.pipeline.Decoders;
import io.metricsniff.pipeline.Fanout;
import io.metricsniff.pipeline.Pipeline;
import io.metricsniff.reassembly.ReassemblyLimits;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.RecordSink;
import io.metricsniff.testutil.Oracle;
import io.metricsniff.verdict.Judge;
import io.metricsniff.verdict.Receivers;

import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The hops (H) and connection health (C) views on the real pipeline replaying recordings of real
 * software: what an operator reads on the screen is held against the relay's own drop counters in
 * the caches' whisper files (captures/hop-drops) and tshark's count of the same packets (health-*).
 */
class HopHealthViewTest {
    private static final String STALLED = "127.0.0.23:2204";
    private static final long MINUTE = 60_000_000_000L;

    private final ViewState vs = new ViewState();

    /** Replays a capture like {@code metricsniff -I FILE [--hop 2013,2014] [--health] --format tui}. */
    private static ViewSources replay(String name, boolean hop, boolean withHealth) throws Exception {
        Path capture = Oracle.capture(name);
        PathTable paths = new PathTable();
        ViewSources view = new ViewSources(paths);
        List<RecordSink> sinks = new ArrayList<>();
        HopEngine engine = null;
        if (hop) {
            HopEngine[] e = new HopEngine[1];
            HopBoard board = new HopBoard(() -> e[0].stats());
            e[0] = new HopEngine(List.of(HopSpec.parse("2013,2014")), HopEngine.Options.defaults(), board);
            engine = e[0];
            view.hops(board);
            sinks.add(engine);
            sinks.add(board);
        }
        sinks.add(paths);
        sinks.add(view);
        Judge judge = new Judge(Receivers.byName("carbon"), MINUTE, MINUTE);
        ConnectionHealth health = withHealth ? new ConnectionHealth(HealthLimits.defaults()) : null;
        if (health != null) view.health(health::latest, health::publish);
        try (FileSource f = FileSource.open(capture, (String) null)) {
            Pipeline p = new Pipeline(f.linkType(), new Decoders(Protocol.AUTO, judge, new Fanout(sinks)).sniffUnknownPorts(hop),
                    ReassemblyLimits.defaults(), null);
            p.observe(engine);
            p.observe(health);
            f.run(p);
            p.finish();
        }
        return view;
    }

    private String screen(Model m, int w, int h) {
        return new Screen(false).render(m.build(vs, 1), vs, w, h).stream().map(AttributedString::toString)
                .collect(Collectors.joining("\n"));
    }

    private void press(Model m, Key k) { Keys.onKey(vs, k, m.build(vs, 1)); }

    /** The relay's own fullQueueDrops for each cache, as the caches stored them. */
    private static Map<String, Long> queueDrops() {
        Map<String, Long> drops = new HashMap<>();
        for (String cache : new String[] {"a", "b"}) {
            for (String l : Oracle.beside(Oracle.capture("hop-drops"), ".stored-" + cache + ".txt")) {
                String[] f = l.split(" ");
                if (!f[0].endsWith(":None.fullQueueDrops")) continue;
                String dst = f[0].substring(f[0].indexOf("destinations.") + 13, f[0].indexOf(":None")).replace('_', '.');
                drops.merge(dst, (long) Double.parseDouble(f[2]), Long::sum);
            }
        }
        return drops;
    }

    private static String row(String screen, String start) {
        return screen.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError(start + "\n" + screen));
    }

    private static List<String> cells(String row) { return List.of(row.substring(2).trim().split(" {1,}")); }

    @Test void theHopsViewShowsTheDropsAndBlamesTheStalledCachesZeroWindow() throws Exception {
        ViewSources view = replay("hop-drops", true, false);
        Model m = new Model(view, TerminalUiTest.stats(false), 0);
        Map<String, Long> oracle = queueDrops();
        long dropped = oracle.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(dropped > 1000, "the recording lost datapoints: " + oracle);

        press(m, Key.ch('H'));
        String s = screen(m, 160, 50);
        assertTrue(s.contains("hops: datapoints in"), s);
        List<String> hop = cells(row(s, "> hop 127.0.0.21:2013"));
        assertEquals(Fmt.count(dropped), hop.get(4), "hop row: hop ADDR in delivered dropped ...: " + hop);
        String b = row(s, "    > " + STALLED);
        assertTrue(Math.abs(Long.parseLong(cells(b).get(3)) - oracle.get(STALLED)) <= 20, b + " vs " + oracle);

        // the drops pane: find a drop at the stalled cache, open it, read the whole reason
        List<DropRow> drops = view.hops().drops();
        assertFalse(drops.isEmpty());
        int at = -1;
        for (int i = 0; i < drops.size() && at < 0; i++) {
            if (String.valueOf(drops.get(i).outcome().reason()).contains(STALLED + " advertised a zero window")) at = i;
        }
        assertTrue(at >= 0, "a kept drop blames the stalled cache's zero window");
        press(m, Key.of(Key.Kind.TAB));
        for (int i = 0; i < at; i++) press(m, Key.ch('j'));
        press(m, Key.of(Key.Kind.ENTER));
        String detail = screen(m, 100, 60);
        assertTrue(detail.contains("detail  hop dropped datapoint"), detail);
        String why = detail.substring(detail.indexOf("why:") + 4).replaceAll("\\s+", " ");
        assertTrue(why.contains(STALLED + " advertised a zero window"), detail);
        String reason = drops.get(at).outcome().reason().replaceAll("\\s+", " ");
        assertTrue(why.contains(reason.substring(reason.length() - 30)), "the whole reason, to its end: " + detail);

        press(m, Key.of(Key.Kind.ESC));
        press(m, Key.ch('H'));
        String back = screen(m, 160, 50);
        assertTrue(!back.contains("hops: datapoints in") && back.contains("problems by kind"), "H again: back to paths: " + back);
    }

    /** Sums a column of the health pane over its host rows. */
    private static long column(String screen, int col) {
        long n = 0;
        boolean on = false;
        for (String l : screen.lines().toList()) {
            if (l.contains("connection health by sender host")) { on = true; continue; }
            if (!on) continue;
            if (!l.matches("[> ] 127\\.0\\.0\\.\\d+ .*")) { if (n > 0 || l.isBlank()) break; continue; }
            n += Long.parseLong(cells(l).get(col).replace(",", ""));
        }
        return n;
    }

    /** The health view (C) after replaying {@code name} with --health. */
    private String healthScreen(String name) throws Exception {
        Model m = new Model(replay(name, false, true), TerminalUiTest.stats(false), 0);
        press(m, Key.ch('C'));
        model = m;
        return screen(m, 160, 50);
    }

    private Model model;

    @Test void theHealthViewShowsRefusedConnectsResetsAndLostLinesAsTsharkCountsThem() throws Exception {
        String s = healthScreen("health-restart");
        Map<String, Long> o = Oracle.tcpCounts("health-restart");
        assertEquals(o.get("connects"), column(s, 1), s);
        assertEquals(o.get("refused"), column(s, 2), s);
        assertEquals(o.get("resets"), column(s, 3), s);
        assertEquals(10, column(s, 4), "the 10 lines the RST destroyed (captures/README.md): " + s);
        assertTrue(column(s, 8) >= 1, "the reconnect storm: " + s);
    }

    @Test void theHealthViewTimesTheStalledCachesZeroWindow() throws Exception {
        String s = healthScreen("health-stall");
        assertEquals(Oracle.tcpCounts("health-stall").get("zero_window_episodes"), column(s, 5), s);
        assertEquals(0, column(s, 4), "nothing lost: whisper holds every line sent");
        press(model, Key.of(Key.Kind.ENTER));
        String d = screen(model, 120, 40);
        assertTrue(d.contains("zero_window_ms"), d);
    }
}
