package io.metricsniff.tui;

import io.metricsniff.analysis.PathSource;
import io.metricsniff.analysis.PathStats;
import io.metricsniff.analysis.PathTable;
import io.metricsniff.analysis.HostStats;
import io.metricsniff.health.HealthSnapshot;
import io.metricsniff.output.TerminalEscaper;
import io.metricsniff.record.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Frame} from the aggregated state on the UI thread: the path table filtered,
 * grouped and kept in a stable order, senders by host, problems grouped, the latest flagged
 * lines, the header counters. Rates are one-minute moving averages of wall time while capturing
 * ({@link Rates}), and averages over the capture once it has finished (a replay's final state).
 */
final class Model {
    private final ViewSources src;
    private final PathSource paths;
    private final LiveState live;
    private final CaptureStats stats;
    private final long startWall;
    private final Rates rates;
    private final StableOrder<PathRow> pathOrder = new StableOrder<>();
    private final StableOrder<SenderRow> senderOrder = new StableOrder<>();
    private final StableOrder<ProblemGroups.Group> groupOrder = new StableOrder<>();
    private final Progress progress = new Progress();

    private Frame last;
    private String lastSignature;
    private long depthChosenAt = Long.MIN_VALUE;
    private long depthEpoch = -1;

    Model(ViewSources sources, CaptureStats stats, long startWallNanos) {
        this.src = sources;
        this.paths = sources.paths();
        this.live = sources.live();
        this.stats = stats;
        this.startWall = startWallNanos;
        this.rates = new Rates(startWallNanos);
    }

    Frame build(ViewState vs, long wallNanos) {
        if (vs.paused && last != null) return last.withDetail(detailPath(vs));
        boolean finished = live.finished();
        long[] perVerdict = live.counts();
        long metrics = 0;
        for (long n : perVerdict) metrics += n;
        List<PathStats.Snapshot> snaps = null;
        if (rates.due(wallNanos)) {
            snaps = paths.snapshot(false);
            rates.sample(snaps, metrics, wallNanos);
        }
        double span = live.firstNanos() < 0 ? 0 : (live.lastNanos() - live.firstNanos()) / 1e9;
        if (vs.autoDepth && (vs.epoch != depthEpoch || wallNanos - depthChosenAt >= StableOrder.RESORT_NANOS || finished)) {
            if (snaps == null) snaps = paths.snapshot(false);
            vs.depth = PathRows.fitDepth(snaps, vs.filter, vs.upperRoom);
            depthChosenAt = wallNanos;
            depthEpoch = vs.epoch;
        }
        List<PathRow> rows = pathRows(vs, wallNanos, finished, span, metrics, snaps);
        List<ProblemGroups.Group> all = src.problems().snapshot();
        double elapsed = stats.live() ? (wallNanos - startWall) / 1e9 : span;
        double lps = finished ? (span > 0 ? metrics / span : Double.NaN) : rates.linesPerSecond();
        long read = stats.live() ? -1 : stats.inputPosition();
        long size = stats.live() ? -1 : stats.inputSize();
        Frame.Header h = new Frame.Header(TerminalEscaper.escape(stats.description()), stats.live(), finished, elapsed,
                stats.packets(), stats.bytes(), lps, stats.kernelDrops(), stats.flows(), live.gaps(), live.gapBytes(),
                perVerdict, metrics, live.unlisted(), paths.size(), paths.overflowRecords(), vs.depth,
                read, size, finished ? Double.NaN : progress.eta(read, size, wallNanos));
        last = new Frame(h, rows, senders(vs, finished, wallNanos), groups(all, vs, finished, wallNanos),
                raw(vs), kinds(all), detailPath(vs), extra(vs));
        return last;
    }

    private List<PathRow> pathRows(ViewState vs, long wall, boolean finished, double span, long metrics,
                                   List<PathStats.Snapshot> snaps) {
        String signature = metrics + "|" + rates.epoch() + "|" + finished + "|" + vs.epoch + "|" + vs.filter.text()
                + "|" + vs.sort + "|" + vs.depth;
        if (last != null && signature.equals(lastSignature)) return last.paths();   // nothing new: no snapshot
        lastSignature = signature;
        List<PathStats.Snapshot> s = snaps != null ? snaps : paths.snapshot(false);
        List<PathRow> rows = PathRows.build(s, vs.filter, vs.depth,
                p -> finished ? (span > 0 ? p.count() / span : Double.NaN) : rates.rate(p.path()));
        return pathOrder.order(rows, PathRows.comparator(vs.sort), vs.epoch, finished, wall);
    }

    private List<SenderRow> senders(ViewState vs, boolean finished, long wall) {
        List<SenderRow> out = new ArrayList<>();
        for (HostStats.Snapshot s : src.senders().snapshot()) {
            SenderRow r = SenderRow.of(s);
            if (vs.filter.matchesAny(r.key(), r.kinds(), r.protocols())) out.add(r);
        }
        Comparator<SenderRow> cmp = Comparator.comparingLong((SenderRow r) -> r.stats().problemLines()).reversed()
                .thenComparing(Comparator.comparingLong((SenderRow r) -> r.stats().lines()).reversed())
                .thenComparing(SenderRow::key);
        return senderOrder.order(out, cmp, vs.epoch, finished, wall);
    }

    private List<ProblemGroups.Group> groups(List<ProblemGroups.Group> all, ViewState vs, boolean finished, long wall) {
        List<ProblemGroups.Group> out = new ArrayList<>();
        for (ProblemGroups.Group g : all) {
            if (vs.filter.matchesAny(g.code(), g.host(), g.prefix(), g.example())) out.add(g);
        }
        Comparator<ProblemGroups.Group> cmp = Comparator.comparingLong(ProblemGroups.Group::count).reversed()
                .thenComparing(ProblemGroups.Group::key);
        return groupOrder.order(out, cmp, vs.epoch, finished, wall);
    }

    private List<FlaggedLine> raw(ViewState vs) {
        List<FlaggedLine> all = live.latest(LiveState.RING_SIZE);
        if (vs.filter.matchesAll()) return all;
        List<FlaggedLine> out = new ArrayList<>();
        for (FlaggedLine l : all) if (vs.filter.matchesAny(l.line(), l.code(), String.valueOf(l.src()))) out.add(l);
        return out;
    }

    /** The hops, health and carbon-cache lists, filtered like the rest (a hop's destinations stay with it). */
    private Frame.Extra extra(ViewState vs) {
        HopBoard board = src.hops();
        List<HopRow> hops = new ArrayList<>();
        List<DropRow> drops = new ArrayList<>();
        if (board != null) {
            for (HopRow r : board.rows()) if (vs.filter.matchesAny(r.hop(), r.destination())) hops.add(r);
            for (DropRow d : board.drops()) {
                if (vs.filter.matchesAny(d.outcome().path(), d.outcome().reason())) drops.add(d);
            }
        }
        List<HealthRow> health = new ArrayList<>();
        HealthSnapshot h = src.health() == null ? null : src.health().get();
        if (h != null) {
            for (HealthSnapshot.Host host : h.hosts()) if (vs.filter.matchesAny(host.host())) health.add(new HealthRow(host));
        }
        List<CarbonRow> carbon = new ArrayList<>();
        CarbonBoard.View cv = src.carbon() == null ? null : src.carbon().view();
        if (cv != null) {
            for (CarbonRow r : cv.rows()) if (vs.filter.matchesAny(r.finding(), r.subject(), r.detail())) carbon.add(r);
        }
        return new Frame.Extra(board != null, hops, drops, src.health() != null, health, cv != null,
                cv == null ? "" : cv.title(), carbon);
    }

    /** Every problem code present (not filtered: the header always shows all kinds). */
    private static List<Frame.Kind> kinds(List<ProblemGroups.Group> all) {
        Map<String, long[]> n = new HashMap<>();
        Map<String, Verdict> worst = new HashMap<>();
        for (ProblemGroups.Group g : all) {
            n.computeIfAbsent(g.code(), c -> new long[1])[0] += g.count();
            worst.merge(g.code(), g.verdict(), (a, b) -> PathTable.severity(a) >= PathTable.severity(b) ? a : b);
        }
        List<Frame.Kind> out = new ArrayList<>();
        n.forEach((code, c) -> out.add(new Frame.Kind(code, c[0], worst.get(code))));
        out.sort(Comparator.comparingLong(Frame.Kind::count).reversed().thenComparing(Frame.Kind::code));
        return out;
    }

    private PathStats.Snapshot detailPath(ViewState vs) {
        return vs.detail != null && vs.detail.pane() == ViewState.Pane.PATHS ? paths.get(vs.detail.key()) : null;
    }

    /** Time left reading a file, from the read rate since the first look. */
    private static final class Progress {
        private long wall0 = -1, read0;

        double eta(long read, long size, long wall) {
            if (read < 0 || size <= 0) return Double.NaN;
            if (wall0 < 0) { wall0 = wall; read0 = read; return Double.NaN; }
            double rate = (read - read0) / ((wall - wall0) / 1e9);
            return rate > 0 ? Math.max(0, size - read) / rate : Double.NaN;
        }
    }
}
