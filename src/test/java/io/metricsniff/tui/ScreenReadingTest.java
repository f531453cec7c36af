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

/** What keeps the screen readable while it changes: ms timestamps, counts, stable order, grouping, colour, progress. */
class ScreenReadingTest extends ScreenFixture {
    @Test void msTimestampsReadMsTimestampNotALagInDays() {
        feed(rec(T0, "app.ms.requests", 1, 1_795_504_341_000L)
                .flag(Verdict.MALFORMED, new Problem("ms-timestamp", "milliseconds")));
        vs.filter = Filter.of("app.ms");
        String row = text(140, 30).lines().filter(l -> l.contains("app.ms.requests")).findFirst().orElseThrow();
        assertTrue(row.matches(".*app\\.ms\\.requests +1 +\\S+ +1 +ms timestamp +- +1 +malformed *"), row);
    }

    @Test void headerCountsAlwaysAddUp() {
        Frame.Header h = model.build(vs, 1).header();
        long sum = 0;
        for (long n : h.perVerdict()) sum += n;
        assertEquals(h.metrics(), sum);
    }

    @Test void rowsKeepTheirOrderBetweenResorts() {
        PathTable p = new PathTable();
        ViewSources l = new ViewSources(p);
        Model m = new Model(l, stats(true), 0);
        for (int i = 0; i < 5; i++) { MetricRecord r = rec(T0, "slow", 1, 1); p.metric(r); l.metric(r); }
        for (int i = 0; i < 10; i++) { MetricRecord r = rec(T0, "fast", 1, 1); p.metric(r); l.metric(r); }
        long s = 1_000_000_000L;
        assertEquals(List.of("fast", "slow"), m.build(vs, 1 * s).paths().stream().map(PathRow::key).collect(Collectors.toList()));
        for (int i = 0; i < 500; i++) { MetricRecord r = rec(T0, "slow", 1, 1); p.metric(r); l.metric(r); }
        Frame f = m.build(vs, 3 * s);                                  // slow is faster now, but the order stands
        assertEquals(List.of("fast", "slow"), f.paths().stream().map(PathRow::key).collect(Collectors.toList()));
        assertTrue(f.paths().get(1).rate() > f.paths().get(0).rate());
        f = m.build(vs, 3 * s + StableOrder.RESORT_NANOS);             // until the next re-sort
        assertEquals(List.of("slow", "fast"), f.paths().stream().map(PathRow::key).collect(Collectors.toList()));
    }

    @Test void firstScreenPicksTheDeepestGroupingThatFits() {
        PathTable p = new PathTable();
        ViewSources l = new ViewSources(p);
        for (String ns : new String[] {"a", "b", "c"}) {
            for (int i = 0; i < 4; i++) for (int j = 0; j < 10; j++) {
                MetricRecord r = rec(T0, ns + ".n" + i + ".leaf" + j, 1, 1); p.metric(r); l.metric(r);
            }
        }
        Model m = new Model(l, stats(false), 0);
        vs.upperRoom = 12;                                             // 120 paths, 12 prefixes at 2 nodes, 3 at 1
        assertEquals(2, m.build(vs, 1).header().depth());
        vs.upperRoom = 11;
        vs.changed();
        assertEquals(1, m.build(vs, 2).header().depth());
        vs.upperRoom = 200;
        vs.changed();
        assertEquals(0, m.build(vs, 3).header().depth());               // full paths fit
        vs.depth(3);                                                   // chosen by hand: left alone
        vs.upperRoom = 1;
        assertEquals(3, m.build(vs, 4).header().depth());
    }

    @Test void withoutColourVerdictsAreStillWrittenOut() {
        List<AttributedString> lines = new Screen(false).render(model.build(vs, 1), vs, 140, 30);
        for (AttributedString l : lines) {
            String ansi = l.toAnsi(256, org.jline.utils.AttributedCharSequence.ForceMode.None);
            assertFalse(ansi.matches("(?s).*\u001b\\[[0-9;]*3[1-7]m.*"), "a colour in " + ansi);
        }
        assertTrue(text(140, 30).contains("malformed"));
    }
    @Test void readingAFileShowsProgressAndTimeLeft() {
        PathTable p = new PathTable();
        ViewSources l = new ViewSources(p);
        long[] pos = {1 << 20};
        CaptureStats reading = new CaptureStats() {
            public String description() { return "file big.pcap"; }
            public long packets() { return 10; }
            public long bytes() { return 10; }
            public long flows() { return 1; }
            public java.util.OptionalLong kernelDrops() { return java.util.OptionalLong.empty(); }
            public boolean live() { return false; }
            public long inputPosition() { return pos[0]; }
            public long inputSize() { return 4L << 20; }
        };
        Model m = new Model(l, reading, 0);
        Screen screen = new Screen();
        Frame f = m.build(vs, 0);
        String t = screen.render(f, vs, 140, 20).get(0).toString();
        assertTrue(t.contains("[READING]  read 1.0MiB of 4.0MiB (25%)  eta -"), t);
        pos[0] = 2 << 20;                                             // 1 MiB in 1 s: 2 MiB left, 2 s
        t = screen.render(m.build(vs, 1_000_000_000L), vs, 140, 20).get(0).toString();
        assertTrue(t.contains("read 2.0MiB of 4.0MiB (50%)  eta 0:00:02"), t);
        l.finish();
        t = screen.render(m.build(vs, 2_000_000_000L), vs, 140, 20).get(0).toString();
        assertFalse(t.contains("eta"), t);                             // the end: no progress any more
    }
}
