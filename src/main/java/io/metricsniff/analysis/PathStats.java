package io.metricsniff.analysis;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Statistics of one metric path. Mutated only through {@link PathTable}, which locks. */
public final class PathStats {
    /** Recent points kept for the detail view. */
    public static final int RECENT_POINTS = 32;
    /** Distinct senders remembered per path; more are only counted. */
    public static final int MAX_SENDERS = 16;

    /** One received point, as the detail view shows it. */
    public record Point(long timeNanos, double value, double timestamp, Verdict verdict, Endpoint src) { }

    /** An immutable copy for readers on other threads. */
    public record Snapshot(String path, long count, long[] perVerdict, long firstNanos, long lastNanos,
                           double lastValue, double lastLagSeconds, double meanIntervalSeconds,
                           double meanTimestampIntervalSeconds, double minTimestamp, double maxTimestamp,
                           List<Endpoint> senders, int sendersOverflow, Verdict worst, List<Point> recent,
                           Problem lastProblem, double lastTimestamp) {
        public long count(Verdict v) { return perVerdict[v.ordinal()]; }
    }

    private String path;
    private long count;
    private final long[] perVerdict = new long[Verdict.values().length];
    private long firstNanos, lastNanos;
    private double lastValue = Double.NaN;
    private double lastLag = Double.NaN;
    // metric-timestamp spacing: the interval a sender means, which is what whisper slots see
    private double firstTs = Double.NaN, lastTs = Double.NaN, minTs = Double.NaN, maxTs = Double.NaN;
    private long distinctTs;
    private final Set<Endpoint> senders = new LinkedHashSet<>();
    private int sendersOverflow;
    private Verdict worst = Verdict.OK;
    private Problem lastProblem;       // why the latest flagged point was flagged: the detail's "reason"
    private double lastTimestamp = Double.NaN;
    private final Point[] recent = new Point[RECENT_POINTS];
    private int recentNext;

    PathStats(String path) { this.path = path; }

    String path() { return path; }

    /** The entry now stands for another path (the heavy hitters reuse it): forget this one. */
    void reset(String newPath) {
        path = newPath;
        count = 0;
        java.util.Arrays.fill(perVerdict, 0);
        lastValue = Double.NaN;
        lastLag = Double.NaN;
        firstTs = Double.NaN;
        lastTs = Double.NaN;
        minTs = Double.NaN;
        maxTs = Double.NaN;
        distinctTs = 0;
        senders.clear();
        sendersOverflow = 0;
        worst = Verdict.OK;
        java.util.Arrays.fill(recent, null);
        recentNext = 0;
    }

    void add(MetricRecord r) {
        long t = r.timeNanos();
        if (count == 0) firstNanos = t;
        lastNanos = t;
        count++;
        perVerdict[r.verdict().ordinal()]++;
        if (PathTable.severity(r.verdict()) > PathTable.severity(worst)) worst = r.verdict();
        if (r.hasValue()) lastValue = r.value();
        if (r.verdict() != Verdict.OK && !r.problems().isEmpty()) lastProblem = r.problems().get(0);
        if (r.hasTimestamp()) lastTimestamp = r.timestamp();
        if (r.hasTimestamp() && Double.isFinite(r.timestamp())) {
            double ts = r.timestamp();
            lastLag = t / 1e9 - ts;
            if (Double.isNaN(firstTs)) { firstTs = ts; minTs = ts; maxTs = ts; distinctTs = 1; }
            else if (ts != lastTs) distinctTs++;
            lastTs = ts;
            minTs = Math.min(minTs, ts);
            maxTs = Math.max(maxTs, ts);
        }
        if (!senders.contains(r.src())) {
            if (senders.size() < MAX_SENDERS) senders.add(r.src()); else sendersOverflow++;
        }
        recent[recentNext] = new Point(t, r.hasValue() ? r.value() : Double.NaN,
                r.hasTimestamp() ? r.timestamp() : Double.NaN, r.verdict(), r.src());
        recentNext = (recentNext + 1) % RECENT_POINTS;
    }

    Snapshot snapshot() { return snapshot(true); }

    /** Without the recent points ({@code recent} empty): cheaper, for readers that list every path. */
    Snapshot snapshot(boolean withRecent) {
        double meanInterval = count > 1 ? (lastNanos - firstNanos) / 1e9 / (count - 1) : Double.NaN;
        double meanTsInterval = distinctTs > 1 ? (maxTs - minTs) / (distinctTs - 1) : Double.NaN;
        List<Point> pts = withRecent ? new ArrayList<>(RECENT_POINTS) : List.of();
        for (int i = 1; withRecent && i <= RECENT_POINTS; i++) {       // newest first
            Point p = recent[(recentNext - i + RECENT_POINTS) % RECENT_POINTS];
            if (p != null) pts.add(p);
        }
        return new Snapshot(path, count, perVerdict.clone(), firstNanos, lastNanos, lastValue, lastLag,
                meanInterval, meanTsInterval, minTs, maxTs, List.copyOf(senders), sendersOverflow, worst, pts,
                lastProblem, lastTimestamp);
    }
}
