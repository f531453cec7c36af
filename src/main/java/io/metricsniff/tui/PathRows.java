package io.metricsniff.tui;

import io.metricsniff.analysis.PathStats;
import io.metricsniff.analysis.PathTable;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.output.TerminalEscaper;
import io.metricsniff.record.Verdict;
import io.metricsniff.verdict.CarbonProfile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** The path table's rows: paths filtered, grouped by prefix when asked, with their rates. */
final class PathRows {
    /** Above this many paths the first screen just groups by the first node (finding a fit costs too much). */
    static final int AUTO_DEPTH_MAX_PATHS = 20_000;

    private PathRows() { }

    static List<PathRow> build(List<PathStats.Snapshot> snaps, Filter filter, int depth, ToDoubleFunction<PathStats.Snapshot> rate) {
        List<PathRow> out = new ArrayList<>();
        Map<String, Group> groups = depth > 0 ? new HashMap<>() : null;
        for (PathStats.Snapshot s : snaps) {
            if (!filter.matches(s.path())) continue;
            double r = rate.applyAsDouble(s);
            if (groups == null) {
                boolean ms = isMs(s);
                out.add(new PathRow(s.path(), TerminalEscaper.escape(s.path()), false, 1, s.count(), problems(s), r,
                        s.lastValue(), ms ? Double.NaN : s.lastLagSeconds(), ms, ms ? Double.NaN : interval(s), senders(s), s.worst()));
            } else {
                groups.computeIfAbsent(prefix(s.path(), depth), Group::new).add(s, r);
            }
        }
        if (groups != null) for (Group g : groups.values()) out.add(g.row());
        return out;
    }

    /**
     * The first screen's depth: full paths (0) when they fit in {@code rows}, else the deepest
     * prefix grouping whose rows fit, at least 1 (every top-level namespace on one screen).
     */
    static int fitDepth(List<PathStats.Snapshot> snaps, Filter filter, int rows) {
        if (snaps.size() > AUTO_DEPTH_MAX_PATHS) return 1;
        int shown = 0;
        for (PathStats.Snapshot s : snaps) if (filter.matches(s.path())) shown++;
        if (shown <= rows) return 0;
        int best = 1;
        for (int d = 1; d <= ViewState.MAX_DEPTH; d++) {
            Set<String> keys = new HashSet<>();
            for (PathStats.Snapshot s : snaps) {
                if (filter.matches(s.path())) keys.add(prefix(s.path(), d));
                if (keys.size() > rows) break;
            }
            if (keys.size() > rows) break;
            best = d;
        }
        return best;
    }

    static String prefix(String path, int depth) {
        int i = -1;
        for (int n = 0; n < depth; n++) {
            i = path.indexOf('.', i + 1);
            if (i < 0) return path;
        }
        return path.substring(0, i);
    }

    static boolean isMs(PathStats.Snapshot s) {
        return Math.abs(s.lastTimestamp()) >= CarbonProfile.MS_TIMESTAMP_THRESHOLD;
    }

    private static long problems(PathStats.Snapshot s) { return s.count() - s.count(Verdict.OK); }

    private static int senders(PathStats.Snapshot s) { return s.senders().size() + s.sendersOverflow(); }

    private static double interval(PathStats.Snapshot s) {
        return Double.isFinite(s.meanTimestampIntervalSeconds()) ? s.meanTimestampIntervalSeconds() : s.meanIntervalSeconds();
    }

    static Comparator<PathRow> comparator(ViewState.Sort sort) {
        Comparator<PathRow> byName = Comparator.comparing(PathRow::key);
        switch (sort) {
            case PROBLEMS:
                return Comparator.comparingLong(PathRow::problems).reversed()
                        .thenComparing(Comparator.comparingInt((PathRow r) -> PathTable.severity(r.worst())).reversed())
                        .thenComparing(byName);
            case LAG:
                return Comparator.comparingDouble((PathRow r) -> Double.isNaN(r.lag()) ? -1 : Math.abs(r.lag()))
                        .reversed().thenComparing(byName);
            case NAME:
                return byName;
            default:
                return Comparator.comparingDouble((PathRow r) -> Double.isNaN(r.rate()) ? -1 : r.rate())
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
        boolean ms;
        final Set<Endpoint> senders = new HashSet<>();
        int sendersOverflow;
        Verdict worst = Verdict.OK;

        Group(String key) { this.key = key; }

        void add(PathStats.Snapshot s, double r) {
            paths++;
            onlyPath = paths == 1 ? s.path() : null;
            count += s.count();
            problems += problems(s);
            if (!Double.isNaN(r)) rate += r;
            lastValue = paths == 1 ? s.lastValue() : Double.NaN;
            if (isMs(s)) ms = true;
            else if (!Double.isNaN(s.lastLagSeconds()) && (Double.isNaN(lag) || Math.abs(s.lastLagSeconds()) > Math.abs(lag))) {
                lag = s.lastLagSeconds();
            }
            double iv = interval(s);
            interval = paths == 1 ? iv : Double.isNaN(interval) ? iv : Double.isNaN(iv) ? interval : Math.min(interval, iv);
            if (senders.size() < PathStats.MAX_SENDERS * 4) senders.addAll(s.senders());
            sendersOverflow = Math.max(sendersOverflow, s.sendersOverflow());
            if (PathTable.severity(s.worst()) > PathTable.severity(worst)) worst = s.worst();
        }

        PathRow row() {
            boolean group = !(paths == 1 && key.equals(onlyPath)); // a path shorter than the depth is itself
            boolean msOnly = ms && Double.isNaN(lag);
            return new PathRow(key, TerminalEscaper.escape(key), group, paths, count, problems, rate, lastValue,
                    lag, msOnly, interval, senders.size() + sendersOverflow, worst);
        }
    }
}
