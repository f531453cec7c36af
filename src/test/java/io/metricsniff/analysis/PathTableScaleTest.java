package io.metricsniff.analysis;

import io.metricsniff.paths.PathIndex;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-path features past the old 200,000-path cap, and the top paths under heavy churn. */
class PathTableScaleTest {
    static MetricRecord rec(String path, double ts) {
        return new MetricRecord((long) (ts * 1e9) + 200_000_000L, ExpectationsTest.src(4000), ExpectationsTest.DST,
                Transport.TCP, Protocol.GRAPHITE, path + " 1 " + (long) ts).path(path).value(1).timestamp(ts);
    }

    @Test
    void adviceSeesPathsBeyond200k() {
        PathTable t = new PathTable(new PathIndex(), true);
        int n = 250_000;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < n; i++) {
                String p = i < 240_000 ? "app.fine.m" + i : "collectd.late" + i + ".cpu";
                t.metric(rec(p, RetentionAdvisorTest.T0 + round * (i < 240_000 ? 1 : 3)));
            }
        }
        assertEquals(n, t.size());
        List<Advice> advice = RetentionAdvisorTest.advisor(RetentionAdvisorTest.BLOG_SCHEMAS, RetentionAdvisorTest.AGG, null)
                .advise(t);
        Advice a = advice.stream().filter(x -> x.kind() == Advice.Kind.NULL_ROLLUPS).findFirst().orElseThrow();
        assertEquals(10_000, a.pathCount(), "every path added after the 240,000th is advised on");
        assertTrue(a.toText().contains("collectd."), a.toText());
    }

    @Test
    void topPathsStayRightAmongAMillionRarePaths() {
        PathTable t = new PathTable(new PathIndex(), false);
        Map<String, Long> heavy = new HashMap<>();
        long ts = 1_795_504_000L;
        for (int i = 0; i < 1_000_000; i++) {
            t.metric(rec("rare.p" + i, ts));
            if (i % 100 == 0) {
                String h = "busy.h" + (i / 100 % 20);
                t.metric(rec(h, ts));
                heavy.merge(h, 1L, Long::sum);
            }
            if (i % 5000 == 0) {
                t.metric(rec("broken.b" + (i / 5000 % 7), ts).flag(Verdict.MALFORMED, new Problem("nan-value", "x")));
            }
        }
        Map<String, PathStats.Snapshot> rows = new HashMap<>();
        for (PathStats.Snapshot s : t.snapshot(false)) rows.put(s.path(), s);
        assertTrue(rows.size() <= PathTable.TOP_BY_RATE + PathTable.TOP_BY_PROBLEMS);
        heavy.forEach((h, n) -> {
            assertNotNull(rows.get(h), h + " is among the top paths");
            assertTrue(rows.get(h).count() >= n * 9 / 10, h + " counted " + rows.get(h).count() + " of " + n);
        });
        for (int b = 0; b < 7; b++) {
            PathStats.Snapshot s = rows.get("broken.b" + b);
            assertNotNull(s, "broken.b" + b + " is among the top paths by problems");
            assertEquals(Verdict.MALFORMED, s.worst());
        }
        assertNotNull(t.get("busy.h3"));
        assertEquals(1_000_000 + 27, t.size());
    }

    /**
     * Past the limit the sample halves again and again and the name store is compacted: each path
     * the advice sees still has its own name and figures (its timestamps encode its number), and
     * the store holds the tracked paths' names, not every name ever seen.
     */
    @Test
    void namesSurviveTheSampleHalvingAndTheStoreCompaction() {
        PathIndex index = new PathIndex(2000);
        PathTable t = new PathTable(index, true);
        int n = 400_000;                              // the sample halves ~8 times past 2,000
        for (int i = 0; i < n; i++) {
            t.metric(rec("cmp.p" + i, 1_795_000_000L + i));
            t.metric(rec("cmp.p" + i, 1_795_000_000L + i + 10));
        }
        long advised = 0;
        for (PathStats.Snapshot s : t.intervals()) {
            advised++;
            long i = Long.parseLong(s.path().substring("cmp.p".length()));
            assertEquals(1_795_000_000L + i, (long) s.minTimestamp(), s.path());
            assertEquals(1_795_000_000L + i + 10, (long) s.maxTimestamp(), s.path());
            assertEquals(2, s.count(), s.path());
        }
        assertEquals(index.size(), advised);
        assertTrue(index.sampledFraction() < 1.0 / 64, "the sample halved several times: " + index.sampledFraction());
        long kept = ((PathIntervals) t.intervals()).namesKept();
        assertTrue(kept <= 2L * index.size() + PathIntervals.COMPACT_SLACK + 1,
                "the store keeps about the tracked paths' names (" + index.size() + "), not every one named: " + kept);
    }

    @Test
    void sampledPathsAreCountedNotSilent() {
        PathTable t = new PathTable(new PathIndex(1000), true);
        for (int i = 0; i < 10_000; i++) t.metric(rec("p.q" + i, 1_795_504_000L));
        assertTrue(t.overflowRecords() > 0);
        assertTrue(t.size() <= 1000);
        long advised = 0;
        for (PathStats.Snapshot s : t.intervals()) advised++;
        assertEquals(t.size(), advised, "the advice covers exactly the sampled paths");
    }
}
