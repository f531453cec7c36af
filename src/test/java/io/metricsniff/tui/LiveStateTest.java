package io.metricsniff.tui;

import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Verdict;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.metricsniff.tui.TerminalUiTest.*;
import static org.junit.jupiter.api.Assertions.*;

class LiveStateTest {
    static MetricRecord bad(long t, String path, Verdict v, String msg) {
        return rec(t, path, 1, 1_795_504_341L).flag(v, new Problem("code", msg));
    }

    @Test void countsPerVerdictAndTimes() {
        LiveState s = new LiveState();
        assertEquals(-1, s.firstNanos());
        s.metric(rec(T0, "a", 1, 1));
        s.metric(rec(T0 + 5, "a", 1, 1));
        s.metric(bad(T0 + 7, "b", Verdict.LATE, "late"));
        s.metric(bad(T0 + 9, "c", Verdict.MALFORMED, "bad"));
        s.gap(T0 + 10, SRC, DST, 1448);
        s.gap(T0 + 11, SRC, DST, 52);
        assertEquals(4, s.metrics());
        assertEquals(2, s.count(Verdict.OK));
        assertEquals(1, s.count(Verdict.LATE));
        assertEquals(1, s.count(Verdict.MALFORMED));
        assertEquals(0, s.count(Verdict.FUTURE));
        assertEquals(T0, s.firstNanos());
        assertEquals(T0 + 9, s.lastNanos());
        assertEquals(2, s.gaps());
        assertEquals(1500, s.gapBytes());
        assertFalse(s.finished());
        s.finish();
        assertTrue(s.finished());
    }

    @Test void okRecordsAndNotesAreNotListed() {
        LiveState s = new LiveState();
        s.metric(rec(T0, "a", 1, 1).note(new Problem("rewritten", "relay rewrites the name")));
        assertTrue(s.latest(10).isEmpty());
    }

    @Test void latestFlaggedLinesNewestFirstEscaped() {
        LiveState s = new LiveState();
        s.metric(bad(T0, "first", Verdict.FUTURE, "in the future"));
        s.metric(bad(T0 + 1, "evil\u001b]0;owned\u0007", Verdict.MALFORMED, "bad \u009b char"));
        List<FlaggedLine> rows = s.latest(10);
        assertEquals(2, rows.size());
        assertEquals(Verdict.MALFORMED, rows.get(0).verdict());
        assertTrue(rows.get(0).line().startsWith("evil\\x1b]0;owned\\x07 1 "), rows.get(0).line());
        assertEquals("bad \\x9b char", rows.get(0).problem());
        assertEquals("first 1 1795504341", rows.get(1).line());
        assertEquals(T0, rows.get(1).timeNanos());
        assertEquals(SRC, rows.get(1).src());
        assertEquals(1, s.latest(1).size());
    }

    @Test void multipleProblemsAreJoined() {
        LiveState s = new LiveState();
        MetricRecord r = rec(T0, "a", 1, 1).flag(Verdict.LATE, new Problem("x", "one"))
                .flag(Verdict.MALFORMED, new Problem("y", "two"));
        s.metric(r);
        assertEquals("one; two", s.latest(1).get(0).problem());
    }

    @Test void ringIsBoundedAndLongLinesAreCut() {
        LiveState s = new LiveState();
        String longPath = "p".repeat(10_000);
        for (int i = 0; i < 3 * LiveState.RING_SIZE; i++) {
            // spread over windows so the budget does not apply
            s.metric(bad(T0 + i * LiveState.WINDOW_NANOS, i == 3 * LiveState.RING_SIZE - 1 ? longPath : "p" + i,
                    Verdict.LATE, "late"));
        }
        List<FlaggedLine> rows = s.latest(Integer.MAX_VALUE);
        assertEquals(LiveState.RING_SIZE, rows.size());
        assertEquals(LiveState.MAX_LINE_CHARS, rows.get(0).line().length());
        assertEquals("p" + (3 * LiveState.RING_SIZE - 2) + " 1 1795504341", rows.get(1).line());
        assertEquals(0, s.unlisted());
    }

    @Test void floodIsSampledButCountedExactly() {
        LiveState s = new LiveState();
        int n = 10_000;
        for (int i = 0; i < n; i++) s.metric(bad(T0 + i, "flood" + i, Verdict.MALFORMED, "bad"));   // all in one window
        assertEquals(n, s.count(Verdict.MALFORMED));
        assertEquals(n - LiveState.ROWS_PER_WINDOW, s.unlisted());
        assertEquals(LiveState.ROWS_PER_WINDOW, s.latest(1000).size());
        // the next window lists again
        s.metric(bad(T0 + LiveState.WINDOW_NANOS + 1, "after", Verdict.LATE, "late"));
        assertEquals("after 1 1795504341", s.latest(1).get(0).line());
    }

    @Test void readerOnAnotherThreadSeesConsistentRows() throws Exception {
        LiveState s = new LiveState();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> err = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                long lastMetrics = 0;
                while (!done.get()) {
                    long m = s.metrics();
                    assertTrue(m >= lastMetrics);
                    lastMetrics = m;
                    for (FlaggedLine row : s.latest(50)) assertNotNull(row.line());
                    long sum = 0;
                    for (Verdict v : Verdict.values()) sum += s.count(v);
                    assertTrue(sum >= m, "verdict counts are published before the total");
                }
            } catch (Throwable t) {
                err.set(t);
            }
        });
        reader.start();
        for (int i = 0; i < 500_000; i++) {
            s.metric(i % 10 == 0 ? bad(T0 + i * 100_000L, "x", Verdict.LATE, "late") : rec(T0 + i * 100_000L, "y", 1, 1));
        }
        done.set(true);
        reader.join();
        if (err.get() != null) throw new AssertionError(err.get());
        assertEquals(500_000, s.metrics());
        assertEquals(50_000, s.count(Verdict.LATE));
    }
}
