package io.metricsniff.tui;

import io.metricsniff.analysis.PathTable;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Verdict;

import org.jline.utils.AttributedString;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static io.metricsniff.tui.TerminalUiTest.*;
import static org.junit.jupiter.api.Assertions.*;

class ScreenTest extends ScreenFixture {
    @Test void everySizeFitsExactly() {
        int[] widths = {1, 2, 7, 20, 40, 80, 132, 300};
        int[] heights = {1, 2, 3, 4, 6, 9, 24, 70};
        for (int mode = 0; mode < 4; mode++) {
            vs.help = mode == 1;
            vs.detail = mode == 2 ? new ViewState.Detail(ViewState.Pane.PATHS, "lab.a", null) : null;
            vs.editingFilter = mode == 3;
            for (int w : widths) {
                for (int h : heights) {
                    List<AttributedString> lines = render(w, h);
                    assertEquals(h, lines.size(), "height " + w + "x" + h + " mode " + mode);
                    for (AttributedString l : lines) assertTrue(l.columnLength() <= w, w + "x" + h + ": " + l);
                }
            }
        }
    }

    @Test void headerTableAndProblems() {
        String t = text(140, 30);
        assertTrue(t.contains("file captures/mix.pcap"), t);
        assertTrue(t.contains("[END OF FILE]"), t);
        assertTrue(t.contains("elapsed 0:00:05"), t);                   // capture span of a file
        assertTrue(t.contains("packets 1234"), t);
        assertTrue(t.contains("metrics 12  ok 7  malformed 1  future 1  late 3"), t);
        assertTrue(t.contains("paths 4"), t);
        assertTrue(t.contains("> lab.a "), t);                          // highest rate, selected
        assertTrue(t.contains("problems by kind, host and path prefix (3 groups)"), t);
        assertTrue(t.contains("kinds  late 3  bad-value 1  future 1"), t);   // every kind, biggest first
        String late = t.lines().filter(l -> l.startsWith("> late ")).findFirst().orElseThrow();
        assertTrue(late.matches("> late +3 127\\.0\\.0\\.1 +lab\\.b +07:12:23\\.000 lab\\.b\\.x 1 1795504311 *"), late);
        vs.lower = ViewState.Pane.RAW;                                 // r: the raw lines, newest first
        t = text(140, 30);
        assertTrue(t.contains("problems, newest first (5 kept)"), t);
        String firstProblem = t.lines().filter(l -> l.contains("other.z 4 1795504946")).findFirst().orElseThrow();
        assertTrue(firstProblem.contains("10.0.0.5:40000"), firstProblem);
        assertTrue(firstProblem.contains("future"), firstProblem);
        // newest first: the future line (t+5s) is above the malformed one (t+2s)
        assertTrue(t.indexOf("other.z 4 1795504946") < t.indexOf("lab.b.y 7"), t);
        String lagRow = t.lines().filter(l -> l.contains("lab.b.x")).findFirst().orElseThrow();
        assertTrue(lagRow.contains("30.0s"), lagRow);                   // the last point: 30 s behind capture
        assertTrue(lagRow.contains("late"), lagRow);
        String a = t.lines().filter(l -> l.contains("lab.a ")).findFirst().orElseThrow();
        assertTrue(a.matches(".*lab\\.a +6 +1\\.2 +15 +0\\.00s +1\\.00s +1 +ok.*"), a);
    }

    @Test void sortsByRateProblemsLagAndName() {
        assertEquals(List.of("lab.a", "lab.b.x", "other.z", "lab.b.y"), keys());    // 6, 3, 2, 1 points
        vs.sort = ViewState.Sort.PROBLEMS;
        vs.changed();
        assertEquals(List.of("lab.b.x", "lab.b.y", "other.z", "lab.a"), keys());
        vs.sort = ViewState.Sort.LAG;
        vs.changed();
        assertEquals("other.z", keys().get(0));                                   // |-600 s| beats 32 s
        assertEquals("lab.b.x", keys().get(1));
        vs.sort = ViewState.Sort.NAME;
        vs.changed();
        assertEquals(List.of("lab.a", "lab.b.x", "lab.b.y", "other.z"), keys());
        assertTrue(text(120, 20).contains("sort name"));
    }

    @Test void filterByGlob() {
        vs.filter = Filter.of("lab.b");
        assertEquals(List.of("lab.b.x", "lab.b.y"), keys());
        vs.filter = Filter.of("*.{a,z}");
        assertEquals(List.of("lab.a", "other.z"), keys());
        vs.filter = Filter.of("nothing");
        String t = text(120, 20);
        assertTrue(t.contains("(no path matches nothing)"), t);
        assertTrue(t.contains("filter nothing"), t);
    }

    @Test void collapsesToPrefixes() {
        vs.depth(1);
        List<PathRow> rows = model.build(vs, 1).paths();
        assertEquals(2, rows.size());
        PathRow lab = rows.get(0);
        assertEquals("lab", lab.key());
        assertTrue(lab.group());
        assertEquals(3, lab.paths());
        assertEquals(10, lab.count());
        assertEquals(4, lab.problems());
        assertEquals(Verdict.MALFORMED, lab.worst());
        assertTrue(text(120, 20).contains("lab.* [3]"));
        vs.depth(2);
        rows = model.build(vs, 1).paths();
        // lab.a is shorter than the depth: a path, not a group
        PathRow a = rows.stream().filter(r -> r.key().equals("lab.a")).findFirst().orElseThrow();
        assertFalse(a.group());
        PathRow other = rows.stream().filter(r -> r.key().equals("other.z")).findFirst().orElseThrow();
        assertEquals(2, other.senders());
    }

    @Test void detailShowsRecentPoints() {
        vs.detail = new ViewState.Detail(ViewState.Pane.PATHS, "lab.a", null);
        String t = text(120, 30);
        assertTrue(t.contains("detail  lab.a"), t);
        assertTrue(t.contains("count 6  ok 6"), t);
        assertTrue(t.contains("senders 127.0.0.1:50236"), t);
        List<String> pts = t.lines().filter(l -> l.matches(" +07:12:\\d\\d\\.\\d{3} .*")).collect(Collectors.toList());
        assertEquals(6, pts.size(), t);
        assertTrue(pts.get(0).matches(" +07:12:26\\.000 +15 +2026-11-24 07:12:26 +0\\.00s +ok +127\\.0\\.0\\.1:50236"), pts.get(0));
        vs.detail = new ViewState.Detail(ViewState.Pane.PATHS, "gone", null);
        assertTrue(text(120, 30).contains("no data for this path"));
    }

    @Test void networkTextIsEscaped() {
        feed(rec(T0, "evil\u001b]0;owned\u0007.\u009b2J", 1, 1_795_504_341L)
                .flag(Verdict.MALFORMED, new Problem("bad", "bad \u001b[2J")));
        model = new Model(view, stats(false), 0);
        vs.sort = ViewState.Sort.NAME;
        for (AttributedString l : render(200, 40)) {
            String s = l.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                assertFalse(c < 0x20 || c >= 0x7f && c <= 0x9f, "control char in " + s);
            }
        }
        String t = text(200, 40);
        assertTrue(t.contains("evil\\x1b]0;owned\\x07.\\x9b2J"), t);
        ProblemGroups.Group bad = model.build(vs, 1).groups().stream().filter(g -> g.code().equals("bad")).findFirst().orElseThrow();
        vs.detail = new ViewState.Detail(ViewState.Pane.GROUPS, bad.key(), bad);  // the message is in the detail
        t = text(200, 40);
        assertTrue(t.contains("bad \\x1b[2J"), t);
        for (AttributedString l : render(200, 40)) assertFalse(l.toString().chars().anyMatch(c -> c < 0x20), l.toString());
    }

    @Test void helpListsKeys() {
        vs.help = true;
        String t = text(100, 30);
        assertTrue(t.contains("q, Ctrl-C"), t);
        assertTrue(t.contains("sort paths by rate, problems, lag, name"), t);
    }

    @Test void liveRatesAreMeasuredOverWallTime() {
        PathTable p = new PathTable();
        ViewSources l = new ViewSources(p);
        Model m = new Model(l, stats(true), 0);
        for (int i = 0; i < 50; i++) { MetricRecord r = rec(T0 + i, "r", i, 1); p.metric(r); l.metric(r); }
        m.build(vs, 100_000_000L);                                     // before the first window: no rate
        assertTrue(Double.isNaN(m.build(vs, 200_000_000L).paths().get(0).rate()));
        Frame f = m.build(vs, 2_000_000_000L);                  // 50 points in 2 s
        assertEquals(25.0, f.paths().get(0).rate(), 1e-9);
        assertEquals(25.0, f.header().linesPerSecond(), 1e-9);
        assertEquals(2.0, f.header().elapsedSeconds(), 1e-9);                   // wall time when live
        f = m.build(vs, 3_000_000_000L);                               // nothing new for 1 s: a moving average
        double a2 = 1 - Math.exp(-2 / Rates.TAU_SECONDS), a1 = 1 - Math.exp(-1 / Rates.TAU_SECONDS);
        double expected = 25 * a2 * (1 - a1) / (a2 + a1 * (1 - a2));  // bias-corrected EWMA of 25/s, then 0/s
        assertEquals(expected, f.paths().get(0).rate(), 1e-9);
        assertTrue(expected > 15 && expected < 25, "no drop to 0 after one quiet second: " + expected);
    }

    @Test void pauseFreezesTheFrame() {
        PathTable p = new PathTable();
        ViewSources l = new ViewSources(p);
        Model m = new Model(l, stats(true), 0);
        MetricRecord r = rec(T0, "first", 1, 1); p.metric(r); l.metric(r);
        m.build(vs, 1);
        vs.paused = true;
        r = rec(T0 + 1, "second", 1, 1); p.metric(r); l.metric(r);
        assertEquals(1, m.build(vs, 2).paths().size());
        vs.paused = false;
        assertEquals(2, m.build(vs, 3).paths().size());
    }
}
