package io.metricsniff.tui;

import io.metricsniff.analysis.CarbonConf;
import io.metricsniff.analysis.PathTable;
import io.metricsniff.analysis.StorageSchemas;
import io.metricsniff.capture.FileSource;
import io.metricsniff.carboncache.CacheRules;
import io.metricsniff.carboncache.ClockOffsets;
import io.metricsniff.pipeline.Decoders;
import io.metricsniff.pipeline.Fanout;
import io.metricsniff.pipeline.Pipeline;
import io.metricsniff.reassembly.ReassemblyLimits;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.RecordSink;
import io.metricsniff.testutil.JsonReader;
import io.metricsniff.testutil.Oracle;
import io.metricsniff.verdict.Judge;
import io.metricsniff.verdict.Receivers;

import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The carbon-cache rules pane (C, below connection health) on the real pipeline replaying what
 * scripts/record-health recorded of a real carbon-cache: an operator reads which series carbon held
 * back and how many points they lost (creates.log and whisper), which series lost points to a slot
 * overwrite and which values (whisper kept the others), which series two hosts wrote, and each sender
 * host's clock offset (what the senders measured of their own clocks).
 */
class CarbonViewTest {
    private static final long MINUTE = 60_000_000_000L;

    private final ViewState vs = new ViewState();
    private Model model;

    /** Like {@code metricsniff -I NAME.pcap --carbon-conf NAME.carbon.conf --schemas NAME.schemas.conf --format tui}, then C. */
    private String replay(String name) throws Exception {
        Path capture = Oracle.capture(name);
        StorageSchemas schemas = StorageSchemas.parse(Path.of("captures", name + ".schemas.conf"));
        CacheRules rules = new CacheRules(schemas, CarbonConf.parse(Path.of("captures", name + ".carbon.conf")));
        ClockOffsets clocks = new ClockOffsets();
        PathTable paths = new PathTable();
        ViewSources view = new ViewSources(paths);
        CarbonBoard board = view.carbon(rules, clocks);
        List<RecordSink> sinks = List.of(clocks, rules, board, paths, view);
        Judge judge = new Judge(Receivers.byName("carbon"), MINUTE, MINUTE, p -> schemas.match(p).maxRetentionSeconds());
        try (FileSource f = FileSource.open(capture, (String) null)) {
            Pipeline p = new Pipeline(f.linkType(), new Decoders(Protocol.AUTO, judge, new Fanout(sinks)),
                    ReassemblyLimits.defaults(), null);
            f.run(p);
            p.finish();
        }
        model = new Model(view, TerminalUiTest.stats(false), 0);
        press(Key.ch('C'));
        return screen(160, 90);
    }

    private String screen(int w, int h) {
        return new Screen(false).render(model.build(vs, 1), vs, w, h).stream().map(AttributedString::toString)
                .collect(Collectors.joining("\n"));
    }

    private void press(Key k) { Keys.onKey(vs, k, model.build(vs, 1)); }

    private static final Pattern CELLS = Pattern.compile("(\\S+) +(\\d+)? +(.*\\S)");

    /** The pane's rows of one finding: series or host, lost points (blank for clocks), detail. */
    private static List<List<String>> rows(String screen, String finding) {
        return screen.lines().filter(l -> l.startsWith("  " + finding + " ") || l.startsWith("> " + finding + " "))
                .map(l -> {
                    Matcher m = CELLS.matcher(l.substring(2 + finding.length()).trim());
                    assertTrue(m.matches(), l);
                    return m.group(2) == null ? List.of(m.group(1), m.group(3)) : List.of(m.group(1), m.group(2), m.group(3));
                }).toList();
    }

    @Test void theHeldBackSeriesAreListedWithThePointsTheyLost() throws Exception {
        String s = replay("health-creates");
        long created = Long.parseLong(Oracle.beside(Oracle.capture("health-creates"), ".created.txt").get(0).trim());
        Set<String> stored = new HashSet<>();
        for (Oracle.Stored p : Oracle.stored(Oracle.capture("health-creates"))) stored.add(p.path());
        long held = 60 - created;
        assertTrue(s.contains("carbon-cache rules: " + held + " held back (" + held + " points lost)"), s);
        List<List<String>> rows = rows(s, "held back");
        assertEquals(held, rows.size(), s);
        Set<String> listed = new HashSet<>();
        for (List<String> r : rows) {
            assertTrue(r.get(0).startsWith("lab.create."), r.toString());
            assertFalse(stored.contains(r.get(0)), r.get(0) + " is in whisper: carbon created it");
            assertEquals("1", r.get(1), "its one point was lost: " + r);
            assertEquals("not created: every point dropped", r.get(2));
            listed.add(r.get(0));
        }
        for (int i = 0; i < 60; i++) {
            String p = "lab.create." + i;
            assertTrue(stored.contains(p) != listed.contains(p), p + ": either whisper has it or the pane lists it");
        }

        press(Key.of(Key.Kind.TAB));
        press(Key.of(Key.Kind.ENTER));
        String d = screen(120, 30);
        assertTrue(d.contains("detail  held back " + rows.get(0).get(0)), d);
        assertTrue(d.contains("MAX_CREATES_PER_MINUTE held it back") && d.contains("points lost 1"), d);
    }

    /** The recording wrote lab.slot.twice i then i*10 in one 1 s slot (i = 1..3) and lab.shared.series 62 then 63. */
    @Test void slotOverwritesNameTheLostValuesAndTheWriters() throws Exception {
        String s = replay("health-slots");
        List<Oracle.Stored> stored = Oracle.stored(Oracle.capture("health-slots"));
        Set<Double> kept = stored.stream().filter(p -> p.path().equals("lab.slot.twice")).map(Oracle.Stored::value)
                .collect(Collectors.toSet());
        assertEquals(Set.of(10.0, 20.0, 30.0), kept, "whisper kept the later point of each slot");

        List<String> twice = rows(s, "slot overwrite").stream().filter(r -> r.get(0).equals("lab.slot.twice")).findFirst()
                .orElseThrow(() -> new AssertionError(s));
        assertEquals(String.valueOf(kept.size()), twice.get(1), "one point lost per slot whisper holds: " + twice);
        assertEquals("lost 1, 2, 3", twice.get(2), "the values whisper does not have");

        double won = stored.stream().filter(p -> p.path().equals("lab.shared.series")).findFirst().orElseThrow().value();
        assertEquals(63.0, won);
        List<String> shared = rows(s, "several writers").get(0);
        assertEquals(List.of("lab.shared.series", "1", "writers 127.0.0.62, 127.0.0.63"), shared, s);
        List<String> sharedSlot = rows(s, "slot overwrite").stream().filter(r -> r.get(0).equals("lab.shared.series"))
                .findFirst().orElseThrow(() -> new AssertionError(s));
        assertEquals("lost 62", sharedSlot.get(2), "127.0.0.62's point lost, 63 stored");
    }

    @Test void eachSenderHostsClockOffsetIsTheOneItMeasured() throws Exception {
        String s = replay("health-clocks");
        List<List<String>> clocks = rows(s, "clock");
        assertEquals(3, clocks.size(), s);
        assertTrue(s.contains("clocks: 3 hosts, 2 off"), s);
        for (String l : Oracle.beside(Oracle.capture("health-clocks"), ".senders.jsonl")) {
            Map<String, Object> o = JsonReader.object(l);
            List<String> row = clocks.stream().filter(r -> r.get(0).equals(o.get("host"))).findFirst()
                    .orElseThrow(() -> new AssertionError(o + "\n" + s));
            String d = row.get(1);
            assertTrue(d.startsWith("offset ") && d.endsWith(" s over 10 points"), d);
            double got = Double.parseDouble(d.substring(7, d.indexOf(" s over")));
            assertEquals(((Number) o.get("measured_offset_s")).doubleValue(), got, 0.05, row.toString());
        }
        assertEquals(List.of("127.0.0.122", "127.0.0.123", "127.0.0.124"), clocks.stream().map(r -> r.get(0)).toList(),
                "the clocks that are off first");
    }

    /** C shows health over the carbon pane; w and r leave it for paths/senders and problems; C again goes back. */
    @Test void theCarbonPaneComesAndGoesWithC() throws Exception {
        String s = replay("health-slots");
        assertEquals(ViewState.Pane.HEALTH, vs.upper);
        assertEquals(ViewState.Pane.CARBON, vs.lower);
        assertTrue(s.contains("(connection health needs --health)") && s.contains("carbon-cache rules: no create limit"), s);
        press(Key.ch('r'));
        assertEquals(ViewState.Pane.GROUPS, vs.lower);
        press(Key.ch('C'));
        assertEquals(ViewState.Pane.PATHS, vs.upper, "C in the C view: back to paths");
        assertEquals(ViewState.Pane.GROUPS, vs.lower);
        press(Key.ch('C'));
        press(Key.ch('w'));
        assertEquals(ViewState.Pane.GROUPS, vs.lower, "w: the carbon pane belongs to the C view");
        press(Key.ch('C'));
        press(Key.ch('/'));
        for (char c : "lab.slot".toCharArray()) press(Key.ch(c));
        press(Key.of(Key.Kind.ENTER));
        String f = screen(160, 40);
        assertEquals(1, rows(f, "slot overwrite").size(), "the filter narrows the carbon rows too: " + f);
        assertTrue(rows(f, "several writers").isEmpty() && rows(f, "clock").isEmpty(), f);
    }

    /** Series names come from the network: the row, its detail and the screen carry them escaped. */
    @Test void seriesNamesAreEscaped() {
        CarbonRow r = CarbonRow.of(new io.metricsniff.carboncache.CacheFinding(
                io.metricsniff.carboncache.CacheFinding.Kind.HELD_BACK, "lab.\u001b[2Jevil\u0007", 3, false, List.of(), List.of()));
        assertFalse(r.subject().contains("\u001b") || r.subject().contains("\u0007"), r.subject());
        assertTrue(r.lines().stream().noneMatch(l -> l.contains("\u001b")), r.lines().toString());
        assertEquals(3, r.lost());
    }
}
