package io.metricsniff.tui;

import io.metricsniff.analysis.PathStats;
import io.metricsniff.analysis.PathTable;
import io.metricsniff.analysis.PathView;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.output.TerminalEscaper;
import io.metricsniff.record.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link Screen.Frame} from the aggregated state on the UI thread: a {@link PathView}
 * snapshot filtered, grouped and sorted, the {@link LiveState} counters and the capture counters.
 * Rates are measured over windows of {@link #RATE_WINDOW_NANOS} wall time while capturing, and
 * are averages over the capture once it has finished (a replayed file shows its final state).
 */
final class Model {
    /** Rates are differences over this much wall time: steadier than per-redraw deltas. */
    static final long RATE_WINDOW_NANOS = 1_000_000_000L;

    private final PathView paths;
    private final LiveState live;
    private final CaptureStats stats;
    private final long startWall;

    private Map<String, Long> baseCounts = new HashMap<>();
    private Map<String, Double> rates = new HashMap<>();
    private long baseWall;
    private long baseMetrics;
    private double linesPerSecond = Double.NaN;
    private long rateEpoch;

    private Screen.Frame last;
    private String lastSignature;

    Model(PathView paths, LiveState live, CaptureStats stats, long startWallNanos) {
        this.paths = paths;
        this.live = live;
        this.stats = stats;
        this.startWall = startWallNanos;
        this.baseWall = startWallNanos;
    }

    Screen.Frame build(ViewState vs, long wallNanos) {
        if (vs.paused && last != null) {
            return last.withDetail(vs.detail == null ? null : paths.get(vs.detail));
        }
        boolean finished = live.finished();
        long metrics = live.metrics();
        List<PathStats.Snapshot> snaps = null;
        if (wallNanos - baseWall >= RATE_WINDOW_NANOS) {
            snaps = paths.snapshot(false);
            updateRates(snaps, wallNanos, metrics);
        }
        double captureSpan = live.firstNanos() < 0 ? 0 : (live.lastNanos() - live.firstNanos()) / 1e9;
        double lps = finished ? (captureSpan > 0 ? metrics / captureSpan : Double.NaN) : linesPerSecond;

        String signature = metrics + "|" + rateEpoch + "|" + finished + "|" + vs.filter.text() + "|"
                + vs.sort + "|" + vs.depth;
        List<Screen.Row> rows;
        if (last != null && signature.equals(lastSignature)) {
            rows = last.rows();                      // nothing new arrived: skip the snapshot
        } else {
            rows = rows(snaps != null ? snaps : paths.snapshot(false), vs, finished, captureSpan);
            lastSignature = signature;
        }
        double elapsed = stats.live() ? (wallNanos - startWall) / 1e9 : captureSpan;
        long[] perVerdict = new long[Verdict.values().length];
        for (Verdict v : Verdict.values()) perVerdict[v.ordinal()] = live.count(v);
        last = new Screen.Frame(TerminalEscaper.escape(stats.description()), stats.live(), finished, elapsed,
                stats.packets(), stats.bytes(), lps, stats.kernelDrops(), stats.flows(), live.gaps(),
                live.gapBytes(), perVerdict, metrics, live.unlisted(), paths.size(), paths.overflowRecords(),
                rows, live.latest(LiveState.RING_SIZE), vs.detail == null ? null : paths.get(vs.detail));
        return last;
    }

    private void updateRates(List<PathStats.Snapshot> snaps, long wallNanos, long metrics) {
        double dt = (wallNanos - baseWall) / 1e9;
        Map<String, Long> counts = new HashMap<>(baseCounts.size() * 2 + 16);
        Map<String, Double> r = new HashMap<>(baseCounts.size() * 2 + 16);
        for (PathStats.Snapshot s : snaps) {
            counts.put(s.path(), s.count());
            Long before = baseCounts.get(s.path());
            r.put(s.path(), (s.count() - (before == null ? 0 : before)) / dt);
        }
        baseCounts = counts;
        rates = r;
        linesPerSecond = (metrics - baseMetrics) / dt;
        baseMetrics = metrics;
        baseWall = wallNanos;
        rateEpoch++;
    }

    private List<Screen.Row> rows(List<PathStats.Snapshot> snaps, ViewState vs, boolean finished, double span) {
        ViewState.Filter glob = vs.filter;
        List<Screen.Row> out = new ArrayList<>();
        Map<String, Group> groups = vs.depth > 0 ? new HashMap<>() : null;
        for (PathStats.Snapshot s : snaps) {
            if (!glob.matches(s.path())) continue;
            double rate = finished ? (span > 0 ? s.count() / span : Double.NaN) : rates.getOrDefault(s.path(), Double.NaN);
            double interval = Double.isFinite(s.meanTimestampIntervalSeconds())
                    ? s.meanTimestampIntervalSeconds() : s.meanIntervalSeconds();
            long problems = s.count() - s.count(Verdict.OK);
            int senders = s.senders().size() + s.sendersOverflow();
            if (groups == null) {
                out.add(new Screen.Row(s.path(), TerminalEscaper.escape(s.path()), false, 1, s.count(), problems,
                        rate, s.lastValue(), s.lastLagSeconds(), interval, senders, s.worst()));
                continue;
            }
            String key = prefix(s.path(), vs.depth);
            groups.computeIfAbsent(key, Group::new).add(s, rate, problems);
        }
        if (groups != null) for (Group g : groups.values()) out.add(g.row());
        out.sort(comparator(vs.sort));
        return out;
    }

    static String prefix(String path, int depth) {
        int i = -1;
        for (int n = 0; n < depth; n++) {
            i = path.indexOf('.', i + 1);
            if (i < 0) return path;
        }
        return path.substring(0, i);
    }

    private static Comparator<Screen.Row> comparator(ViewState.Sort sort) {
        Comparator<Screen.Row> byName = Comparator.comparing(Screen.Row::key);
        switch (sort) {
            case PROBLEMS:
                return Comparator.comparingLong(Screen.Row::problems).reversed()
                        .thenComparing(Comparator.comparingInt((Screen.Row r) -> PathTable.severity(r.worst())).reversed())
                        .thenComparing(byName);
            case LAG:
                return Comparator.comparingDouble((Screen.Row r) -> Double.isNaN(r.lag()) ? -1 : Math.abs(r.lag()))
                        .reversed().thenComparing(byName);
            case NAME:
                return byName;
            default:
                return Comparator.comparingDouble((Screen.Row r) -> Double.isNaN(r.rate()) ? -1 : r.rate())
                        .reversed().thenComparing(byName);
        }
    }

    /** Rows under one prefix added up: worst verdict, largest lag, distinct senders. */
    private static final class Group {
        final String key;
        String onlyPath;
        int paths;
        long count, problems;
        double rate, lastValue = Double.NaN, lag = Double.NaN, interval = Double.NaN;
        final Set<Endpoint> senders = new HashSet<>();
        int sendersOverflow;
        Verdict worst = Verdict.OK;

        Group(String key) { this.key = key; }

        void add(PathStats.Snapshot s, double r, long p) {
            paths++;
            onlyPath = paths == 1 ? s.path() : null;
            count += s.count();
            problems += p;
            if (!Double.isNaN(r)) rate += r;
            lastValue = paths == 1 ? s.lastValue() : Double.NaN;
            if (!Double.isNaN(s.lastLagSeconds()) && (Double.isNaN(lag) || Math.abs(s.lastLagSeconds()) > Math.abs(lag))) {
                lag = s.lastLagSeconds();
            }
            double iv = Double.isFinite(s.meanTimestampIntervalSeconds()) ? s.meanTimestampIntervalSeconds() : s.meanIntervalSeconds();
            interval = paths == 1 ? iv : Double.isNaN(interval) ? iv : Double.isNaN(iv) ? interval : Math.min(interval, iv);
            if (senders.size() < PathStats.MAX_SENDERS * 4) senders.addAll(s.senders());
            sendersOverflow = Math.max(sendersOverflow, s.sendersOverflow());
            if (PathTable.severity(s.worst()) > PathTable.severity(worst)) worst = s.worst();
        }

        Screen.Row row() {
            boolean group = !(paths == 1 && key.equals(onlyPath)); // a path shorter than the depth is itself
            return new Screen.Row(key, TerminalEscaper.escape(key), group, paths, count, problems, rate, lastValue,
                    lag, interval, senders.size() + sendersOverflow, worst);
        }
    }
}
