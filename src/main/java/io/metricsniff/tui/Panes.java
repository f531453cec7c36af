package io.metricsniff.tui;

import io.metricsniff.analysis.HostStats;
import io.metricsniff.record.Verdict;

import static io.metricsniff.tui.ListView.Column;

/** The columns of the four lists and how their rows fill them. */
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

    /** The lag column: "ms timestamp" instead of a lag of thousands of years. */
    static String lag(double lag, boolean ms) { return ms ? "ms timestamp" : Fmt.seconds(lag); }

    static String clock(HostStats.Snapshot s) {
        if (!Double.isNaN(s.clockOffsetSeconds())) return Fmt.seconds(s.clockOffsetSeconds());
        return s.msTimestamps() > 0 ? "ms timestamp" : "-";
    }
}
