package io.metricsniff.tui;

import io.metricsniff.analysis.HostStats;
import io.metricsniff.health.HealthCount;
import io.metricsniff.output.TerminalEscaper;
import io.metricsniff.record.Verdict;

import static io.metricsniff.tui.ListView.Column;

/** The columns of the lists and how their rows fill them. */
final class Panes {
    private Panes() { }

    static final ListView.Spec<PathRow> PATHS = new ListView.Spec<>(new Column[] {
            Column.flex("path"), new Column("count", 8, true, 0), new Column("rate/s", 8, true, 5),
            new Column("last", 11, true, 3), new Column("lag", 12, true, 4), new Column("interval", 8, true, 1),
            new Column("snd", 4, true, 2), new Column("worst", 9, false, 0)},
            r -> new String[] {r.group() ? r.shown() + ".* [" + r.paths() + "]" : r.shown(), Fmt.count(r.count()),
                    Fmt.count(r.rate()), Fmt.value(r.lastValue()), lag(r.lag(), r.msTimestamp()),
                    Fmt.seconds(r.interval()), String.valueOf(r.senders()), r.worst().json()},
            PathRow::worst, 7);

    static final ListView.Spec<SenderRow> SENDERS = new ListView.Spec<>(new Column[] {
            new Column("host", 15, false, 0), new Column("conns", 6, true, 3), new Column("lines", 8, true, 0),
            new Column("problems", 8, true, 0), new Column("protocols", 16, false, 2), new Column("clock", 12, true, 1),
            Column.flex("problems by kind")},
            r -> new String[] {r.key(), (r.stats().connectionsCapped() ? ">" : "") + r.stats().connections(),
                    Fmt.count(r.stats().lines()), Fmt.count(r.stats().problemLines()), r.protocols(), clock(r.stats()), r.kinds()},
            SenderRow::worst, 3);

    static final ListView.Spec<ProblemGroups.Group> GROUPS = new ListView.Spec<>(new Column[] {
            new Column("kind", 20, false, 0), new Column("count", 7, true, 0), new Column("host", 15, false, 2),
            new Column("path prefix", 24, false, 3), new Column("last seen", 12, false, 1), Column.flex("example")},
            g -> new String[] {g.code(), Fmt.count(g.count()), g.host(), g.prefix(), Fmt.clock(g.lastNanos()), g.example()},
            ProblemGroups.Group::verdict, 0);

    static final ListView.Spec<FlaggedLine> RAW = new ListView.Spec<>(new Column[] {
            new Column("time", 12, false, 2), new Column("sender", 21, false, 3), new Column("verdict", 9, false, 0),
            new Column("kind", 18, false, 1), Column.flex("line")},
            l -> new String[] {Fmt.clock(l.timeNanos()), String.valueOf(l.src()), l.verdict().json(), l.code(), l.line()},
            FlaggedLine::verdict, 2);

    static final ListView.Spec<HopRow> HOPS = new ListView.Spec<>(new Column[] {
            Column.flex("hop / destination"), new Column("in", 9, true, 0), new Column("out", 9, true, 0),
            new Column("delivered", 9, true, 0), new Column("dropped", 9, true, 0), new Column("dup", 7, true, 1),
            new Column("misrouted", 9, true, 1), new Column("unresolved", 10, true, 2), new Column("lag p50", 8, true, 3),
            new Column("p99", 8, true, 3), new Column("max", 8, true, 4)},
            r -> new String[] {r.isDestination() ? "  > " + r.destination() : "hop " + r.hop(), n(r.in()), n(r.out()),
                    n(r.delivered()), n(r.dropped()), n(r.duplicated()), n(r.misrouted()), n(r.unresolved()),
                    lagOf(r.p50()), lagOf(r.p99()), lagOf(r.max())},
            r -> r.problems() > 0 ? Verdict.MALFORMED : Verdict.OK, 4);

    static final ListView.Spec<DropRow> DROPS = new ListView.Spec<>(new Column[] {
            new Column("time", 12, false, 2), new Column("verdict", 10, false, 0), Column.flex("path"),
            new Column("timestamp", 11, true, 3), new Column("value", 11, true, 4), new Column("reason", 40, false, 1)},
            d -> new String[] {Fmt.clock(d.outcome().in().timeNanos()), d.outcome().verdict().json(),
                    TerminalEscaper.escape(d.outcome().path()), String.valueOf(d.outcome().timestamp()),
                    Fmt.value(d.outcome().value()), TerminalEscaper.escape(String.valueOf(d.outcome().reason()))},
            d -> Verdict.MALFORMED, 1);

    static final ListView.Spec<HealthRow> HEALTH = new ListView.Spec<>(new Column[] {
            Column.flex("sender host"), new Column("connects", 8, true, 3), new Column("refused", 8, true, 0),
            new Column("resets", 7, true, 0), new Column("lost lines", 10, true, 0), new Column("zero win", 8, true, 0),
            new Column("zero ms", 9, true, 2), new Column("retrans", 8, true, 1), new Column("storms", 6, true, 0),
            new Column("open", 5, true, 4), new Column("quiet", 5, true, 4), new Column("storming", 8, false, 2)},
            r -> new String[] {r.key(), n(r.get(HealthCount.CONNECTS)), n(r.get(HealthCount.REFUSED)),
                    n(r.get(HealthCount.RESETS)), n(r.get(HealthCount.LOST_LINES)), n(r.get(HealthCount.ZERO_WINDOWS)),
                    n(r.get(HealthCount.ZERO_WINDOW_MS)), percent(r.retransmitRate()), n(r.get(HealthCount.STORMS)),
                    String.valueOf(r.host().open()), String.valueOf(r.host().quiet()), r.host().storming() ? "now" : ""},
            r -> r.problems() > 0 ? Verdict.MALFORMED : Verdict.OK, 0);

    static final ListView.Spec<CarbonRow> CARBON = new ListView.Spec<>(new Column[] {
            new Column("finding", 15, false, 0), Column.flex("series / sender host"), new Column("lost", 8, true, 0),
            new Column("detail", 48, false, 1)},
            r -> new String[] {r.finding(), r.subject(), n(r.lost()), r.detail()},
            r -> r.problem() ? Verdict.MALFORMED : Verdict.OK, 0);

    /** A count, or blank where the row has none (-1). */
    static String n(long v) { return v < 0 ? "" : Fmt.count(v); }

    static String lagOf(double s) { return Double.isNaN(s) ? "" : Fmt.seconds(s); }

    static String percent(double share) { return String.format("%.2f%%", share * 100); }

    /** The lag column: "ms timestamp" instead of a lag of thousands of years. */
    static String lag(double lag, boolean ms) { return ms ? "ms timestamp" : Fmt.seconds(lag); }

    static String clock(HostStats.Snapshot s) {
        if (!Double.isNaN(s.clockOffsetSeconds())) return Fmt.seconds(s.clockOffsetSeconds());
        return s.msTimestamps() > 0 ? "ms timestamp" : "-";
    }
}
