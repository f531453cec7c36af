package io.metricsniff.tui;

import io.metricsniff.analysis.PathTable;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;

import org.jline.terminal.Attributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The UI driven through a jline virtual terminal: keys in, screen text (VT100-emulated) out. */
class TerminalUiTest {
    static final Endpoint SRC = new Endpoint(new byte[]{127, 0, 0, 1}, 50236);
    static final Endpoint DST = new Endpoint(new byte[]{127, 0, 0, 1}, 2003);
    static final long T0 = 1_795_504_341_000_000_000L;
    static final long WAIT = 5000;
    static final String ESC = "\u001b";

    static MetricRecord rec(long t, String path, double value, double ts) {
        String raw = path + " " + (long) value + " " + (long) ts;
        return new MetricRecord(t, SRC, DST, Transport.TCP, Protocol.GRAPHITE, raw)
                .path(path).value(value).timestamp(ts);
    }

    static CaptureStats stats(boolean live) {
        return new CaptureStats() {
            public String description() { return live ? "lo: port 2003" : "file captures/mix.pcap"; }
            public long packets() { return 1234; }
            public long bytes() { return 98_765; }
            public long flows() { return 3; }
            public OptionalLong kernelDrops() { return live ? OptionalLong.of(0) : OptionalLong.empty(); }
            public boolean live() { return live; }
        };
    }

    PathTable paths;
    ViewSources view;
    LiveState live;
    VirtualScreen vt;
    TerminalUi ui;
    AtomicInteger quits = new AtomicInteger();

    void feed(MetricRecord r) { paths.metric(r); view.metric(r); }

    @BeforeEach void setUp() throws Exception {
        paths = new PathTable();
        view = new ViewSources(paths);
        live = view.live();
        for (int i = 0; i < 10; i++) feed(rec(T0 + i * 1_000_000_000L, "lab.mix.ok.int", i, 1_795_504_341L + i));
        for (int i = 0; i < 3; i++) feed(rec(T0 + i * 1_000_000_000L, "lab.other.gauge", 100 + i, 1_795_504_341L + i));
        feed(rec(T0 + 11_000_000_000L, "lab.mix.bad\u001b]0;owned\u0007\u009b2J", 1, 1_795_504_352L)
                .flag(Verdict.MALFORMED, new Problem("bad-char", "carbon rejects the line")));
        vt = new VirtualScreen(120, 30);
    }

    @AfterEach void tearDown() throws Exception {
        if (ui != null) ui.close();
        vt.close();
    }

    Attributes before;

    void start(boolean liveCapture) {
        before = vt.terminal.getAttributes();
        ui = new TerminalUi(vt.terminal, view, stats(liveCapture), quits::incrementAndGet);
        ui.start();
    }

    String screenWith(String text) throws InterruptedException {
        String s = vt.await(t -> t.contains(text), WAIT);
        assertTrue(s.contains(text), "screen lacks '" + text + "':\n" + s);
        return s;
    }

    @Test void replayShowsFinalStateAndQuitsOnQ() throws Exception {
        live.finish();
        start(false);
        String s = screenWith("lab.mix.ok.int");
        assertTrue(s.contains("file captures/mix.pcap"), s);
        assertTrue(s.contains("[END OF FILE]"), s);
        assertTrue(s.contains("metrics 14  ok 13  malformed 1"), s);
        assertTrue(s.contains("bad-char") && s.contains("kinds  bad-char 1"), s);
        assertTrue(s.lines().anyMatch(l -> l.startsWith(" q quit  p pause  s sort  / filter")), s);
        assertFalse(ui.waitForQuit(300, TimeUnit.MILLISECONDS), "waits for q");
        vt.type("q");
        assertTrue(ui.waitForQuit(WAIT, TimeUnit.MILLISECONDS));
        assertEquals(1, quits.get());
        String raw = vt.rawOutputAfter(ESC + "[?1049l", WAIT);
        assertTrue(raw.contains(ESC + "[?1049h"), "alternate screen entered");
        assertTrue(raw.lastIndexOf(ESC + "[?1049l") > raw.lastIndexOf("lab.mix"),
                () -> "alternate screen left after the last drawing: " + ui.failure() + " " + raw.substring(raw.length() - 200).replace(ESC, "<ESC>"));
        assertTrue(raw.contains(ESC + "[?25h"), "cursor shown again");
        assertEquals(before.toString(), vt.terminal.getAttributes().toString(), "terminal modes restored");
    }

    @Test void noEscapeSequenceFromTheNetworkReachesTheTerminal() throws Exception {
        live.finish();
        start(false);
        String s = screenWith("\\x1b]0;owned\\x07\\x9b2J");
        assertTrue(s.contains("lab.mix.bad\\x1b]0;owned"), s);
        vt.type("q");
        assertTrue(ui.waitForQuit(WAIT, TimeUnit.MILLISECONDS));
        String raw = vt.rawOutputAfter(ESC + "[?1049l", WAIT);
        assertFalse(raw.contains(ESC + "]0;owned"), "OSC passed through");
        assertFalse(raw.contains("\u0007"), "BEL passed through");
        assertFalse(raw.contains("\u00c2\u009b"), "C1 CSI passed through (UTF-8 of U+009B)");
    }

    @Test void keysSortFilterDetailPaneHelpPause() throws Exception {
        live.finish();
        start(false);
        sortKeyCyclesOrders();
        filterNarrowsAndEnterShowsDetail();
        prefixPaneGroupsAndDrillsIn();
        lowerPaneShowsProblemsRawAndSenders();
        helpClosesOnAnyKeyAndPauseToggles();
        assertEquals(0, quits.get());
    }

    /** s: rate, then problems, then (two more) name. */
    private void sortKeyCyclesOrders() throws Exception {
        screenWith("sort rate");
        vt.type("s");
        String s = screenWith("sort problems");
        assertTrue(s.indexOf("lab.mix.bad") < s.indexOf("lab.mix.ok.int"), s);
        vt.type("ss");
        s = screenWith("sort name");
        assertTrue(s.indexOf("lab.mix.bad") < s.indexOf("lab.mix.ok.int")
                && s.indexOf("lab.mix.ok.int") < s.indexOf("lab.other.gauge"), s);
    }

    /** /: a live filter (substring, then glob); Enter: the selected path's detail; Esc, Esc: back and unfiltered. */
    private void filterNarrowsAndEnterShowsDetail() throws Exception {
        vt.type("/lab.o");
        String s = screenWith("filter /lab.o_");
        assertTrue(s.contains("path (1 matching)"), s);           // live while typing; plain text is a substring
        vt.type("\u0015lab.o");                                    // Ctrl-U, then a glob: whole nodes
        vt.type("*\r");
        s = screenWith("filter lab.o*");
        assertFalse(s.contains("lab.mix.ok.int"), s);
        assertTrue(s.contains("> lab.other.gauge"), s);

        vt.type("\r");                                             // Enter: detail of the selected path
        s = screenWith("detail  lab.other.gauge");
        assertTrue(s.contains("count 3  ok 3"), s);
        assertTrue(s.lines().anyMatch(l -> l.matches(" +07:12:23\\.000 +102 +2026-11-24 07:12:23 +0\\.00s +ok +127\\.0\\.0\\.1:50236")), s);
        vt.type(ESC);
        screenWith("path (1 matching)");
        vt.type(ESC);                                              // Esc again clears the filter
        screenWith("path (3)");
    }

    /** c: prefixes; +: one node deeper; Enter drills in; Left backs up. */
    private void prefixPaneGroupsAndDrillsIn() throws Exception {
        vt.type("c");                                              // prefixes: one node
        String s = screenWith("prefix (1)");
        assertTrue(s.contains("lab.* [3]"), s);
        vt.type("+");
        s = screenWith("prefix (2)");
        assertTrue(s.contains("lab.mix.* [2]") && s.contains("lab.other.* [1]"), s);
        vt.type("\r");                                            // Enter on lab.mix (first by name) drills in
        s = screenWith("filter lab.mix");
        assertTrue(s.contains("prefixes 3 nodes"), s);
        vt.type(ESC + "[D");                                      // Left: back up
        s = screenWith("prefixes 2 nodes");
        assertFalse(s.contains("filter lab.mix"), s);
    }

    /** Tab: problems by kind (Enter: the reason), r: raw lines, w: senders by host. */
    private void lowerPaneShowsProblemsRawAndSenders() throws Exception {
        vt.type("\t");                                            // Tab: the lower pane has the focus
        screenWith("* problems by kind, host and path prefix");
        vt.type("\r");                                            // Enter on a problem group: its reason
        String s = screenWith("detail  problem bad-char");
        assertTrue(s.contains("carbon rejects the line"), s);
        vt.type(ESC);
        screenWith("* problems by kind");                         // (Esc and r at once would read as Alt-r)
        vt.type("r");                                             // r: raw lines
        screenWith("* problems, newest first");
        vt.type(ESC);                                             // clear the filter: it applies to every pane
        vt.await(t -> !t.contains("filter lab.*"), WAIT);
        vt.type("w");                                             // w: senders by host
        s = screenWith("senders by host (1)");
        assertTrue(s.lines().anyMatch(l -> l.matches("[> ] +127\\.0\\.0\\.1 +1 +14 +1 +graphite +.*bad-char 1 *")), s);
    }

    /** ?: help until any key; p: pause, p again: the replay's end state. */
    private void helpClosesOnAnyKeyAndPauseToggles() throws Exception {
        vt.type("?");
        screenWith("q, Ctrl-C");
        vt.type("x");                                              // any key closes help
        String s = vt.await(t -> !t.contains("q, Ctrl-C"), WAIT);
        assertFalse(s.contains("q, Ctrl-C"), s);
        vt.type("p");
        screenWith("[PAUSED]");
        vt.type("p");
        screenWith("[END OF FILE]");
    }

    @Test void liveCountersMoveAndPauseFreezes() throws Exception {
        start(true);
        String s = screenWith("[LIVE]");
        assertTrue(s.contains("lo: port 2003"), s);
        assertTrue(s.contains("drops 0"), s);
        feed(rec(T0 + 20_000_000_000L, "lab.new.path", 5, 1_795_504_361L));
        screenWith("lab.new.path");
        vt.type("p");
        screenWith("[PAUSED]");
        feed(rec(T0 + 21_000_000_000L, "lab.while.paused", 5, 1_795_504_362L));
        Thread.sleep(2 * TerminalUi.MIN_REDRAW_NANOS / 1_000_000);
        assertFalse(vt.text().contains("lab.while.paused"), vt.text());
        vt.type("p");
        screenWith("lab.while.paused");
    }

    @Test void ctrlCQuitsAndRestores() throws Exception {
        start(true);
        screenWith("[LIVE]");
        vt.type("\u0003");
        assertTrue(ui.waitForQuit(WAIT, TimeUnit.MILLISECONDS));
        assertEquals(1, quits.get());
        assertTrue(vt.rawOutputAfter(ESC + "[?1049l", WAIT).contains(ESC + "[?1049l"));
    }

    @Test void closeRestoresWithoutCallingOnQuit() throws Exception {
        start(true);
        screenWith("[LIVE]");
        ui.close();
        assertTrue(ui.waitForQuit(WAIT, TimeUnit.MILLISECONDS));
        assertEquals(0, quits.get());
        String raw = vt.rawOutputAfter(ESC + "[?1049l", WAIT);
        assertTrue(raw.contains(ESC + "[?1049l"), () -> raw.substring(raw.length() - 300).replace(ESC, "<ESC>"));
        ui.close();                                                // idempotent
        assertNull(ui.failure());
    }

    @Test void redrawsOnResize() throws Exception {
        start(true);
        screenWith("[LIVE]");
        vt.resize(70, 20);
        String s = vt.await(t -> t.lines().filter(l -> l.startsWith(" metricsniff")).anyMatch(l -> l.length() <= 70)
                && t.contains(" q quit"), WAIT);
        assertTrue(s.lines().filter(l -> l.startsWith(" q quit")).allMatch(l -> l.length() <= 70), s);
        assertTrue(s.contains("lab.mix.ok.int"), s);
    }

    @Test void aFailingUiRestoresTheTerminalAndReports() throws Exception {
        CaptureStats broken = new CaptureStats() {
            public String description() { return "broken"; }
            public long packets() { throw new IllegalStateException("boom"); }
            public long bytes() { return 0; }
            public long flows() { return 0; }
            public OptionalLong kernelDrops() { return OptionalLong.empty(); }
            public boolean live() { return true; }
        };
        before = vt.terminal.getAttributes();
        ui = new TerminalUi(vt.terminal, view, broken, quits::incrementAndGet);
        ui.start();
        assertTrue(ui.waitForQuit(WAIT, TimeUnit.MILLISECONDS));
        assertEquals("boom", ui.failure().getMessage());
        assertEquals(1, quits.get());                              // the capture is told to stop
        assertTrue(vt.rawOutputAfter(ESC + "[?1049l", WAIT).contains(ESC + "[?1049l"));
        assertEquals(before.toString(), vt.terminal.getAttributes().toString(), "terminal modes restored");
    }
}
