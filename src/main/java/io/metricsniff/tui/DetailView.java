package io.metricsniff.tui;

import io.metricsniff.analysis.HostStats;
import io.metricsniff.analysis.PathStats;
import io.metricsniff.output.TerminalEscaper;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Verdict;
import io.metricsniff.verdict.CarbonProfile;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The detail of one row of any list: a path (its counts, the reason it was flagged and its recent
 * points), a problem group or a raw flagged line (code and whole message, wrapped), or a sender
 * host (lines, problems by kind, protocols, connections, clock offset). Scrolls with Up/Down.
 */
final class DetailView {
    private final Palette pal;
    private final int width;
    private final List<AttributedString> lines = new ArrayList<>();

    DetailView(Palette pal, int width) {
        this.pal = pal;
        this.width = width;
    }

    void render(Frame f, ViewState vs, int height, List<AttributedString> out) {
        ViewState.Detail d = vs.detail;
        AttributedStringBuilder t = new AttributedStringBuilder().style(Palette.BAR);
        t.append("  detail  ").append(title(d)).append("   (Esc back)");
        out.add(Screen.bar(t, width));
        Object row = current(f, d);
        switch (d.pane()) {
            case PATHS: path(f.detailPath()); break;
            case SENDERS: sender(((SenderRow) row).stats()); break;
            case GROUPS: group((ProblemGroups.Group) row); break;
            case HOPS: case DROPS: case HEALTH: case CARBON: ExtraDetails.render(row, this::text, this::wrapped); break;
            default: raw((FlaggedLine) row);
        }
        int room = height - 1;
        vs.detailTop = Math.max(0, Math.min(vs.detailTop, Math.max(0, lines.size() - room)));
        for (int i = 0; i < room; i++) {
            int idx = vs.detailTop + i;
            out.add(idx < lines.size() ? lines.get(idx) : AttributedString.EMPTY);
        }
    }

    private static String title(ViewState.Detail d) {
        switch (d.pane()) {
            case PATHS: return TerminalEscaper.escape(d.key());
            case SENDERS: return "sender " + d.key();
            case GROUPS: return "problem " + ((ProblemGroups.Group) d.row()).code();
            case HOPS: return "hop " + d.key();
            case DROPS: return "hop " + ((DropRow) d.row()).outcome().verdict().json() + " datapoint";
            case HEALTH: return "connection health of " + d.key();
            case CARBON: return ((CarbonRow) d.row()).finding() + " " + ((CarbonRow) d.row()).subject();
            default: return "flagged line";
        }
    }

    // the row as it is now, if it is still listed; else as it was when opened
    private static Object current(Frame f, ViewState.Detail d) {
        if (d.pane() == ViewState.Pane.PATHS) return null;
        for (Listed l : f.list(d.pane())) if (l.key().equals(d.key())) return l;
        return d.row();
    }

    private void path(PathStats.Snapshot s) {
        if (s == null) { text("  no data for this path", Palette.DIM); return; }
        AttributedStringBuilder b = new AttributedStringBuilder().append("  count ").append(Fmt.count(s.count()));
        Screen.verdicts(b, s.perVerdict(), pal);
        b.append("  worst ").style(pal.verdict(s.worst())).append(s.worst().json());
        lines.add(b.toAttributedString());
        boolean ms = PathRows.isMs(s);
        text("  first seen " + Fmt.clock(s.firstNanos()) + "  last seen " + Fmt.clock(s.lastNanos()) + "  last value "
                + Fmt.value(s.lastValue()) + "  lag " + Panes.lag(s.lastLagSeconds(), ms), Palette.PLAIN);
        text("  mean interval: capture " + Fmt.seconds(s.meanIntervalSeconds()) + ", timestamps "
                + Fmt.seconds(s.meanTimestampIntervalSeconds()) + "  timestamps " + Fmt.timestamp(s.minTimestamp())
                + " .. " + Fmt.timestamp(s.maxTimestamp()), Palette.PLAIN);
        StringBuilder snd = new StringBuilder("  senders ");
        for (int i = 0; i < s.senders().size(); i++) snd.append(i > 0 ? ", " : "").append(s.senders().get(i));
        if (s.sendersOverflow() > 0) snd.append(" and ").append(s.sendersOverflow()).append(" more");
        text(snd.toString(), Palette.PLAIN);
        Problem p = s.lastProblem();
        if (p != null) reason(TerminalEscaper.escape(p.code()), TerminalEscaper.escape(p.message()), s.worst());
        lines.add(AttributedString.EMPTY);
        text(String.format("  %-14s %-14s %-21s %-12s %-10s %s", "capture time", "value", "timestamp", "lag", "verdict", "sender"), Palette.BOLD);
        for (PathStats.Point pt : s.recent()) {
            boolean pms = Math.abs(pt.timestamp()) >= CarbonProfile.MS_TIMESTAMP_THRESHOLD;
            double lag = Double.isNaN(pt.timestamp()) ? Double.NaN : pt.timeNanos() / 1e9 - pt.timestamp();
            AttributedStringBuilder r = new AttributedStringBuilder();
            r.append(String.format("  %-14s %-14s %-21s %-12s ", Fmt.clock(pt.timeNanos()), Fmt.value(pt.value()),
                    Fmt.timestamp(pt.timestamp()), Panes.lag(lag, pms)));
            r.style(pal.verdict(pt.verdict())).append(Screen.pad(pt.verdict().json(), 10)).style(Palette.PLAIN)
             .append(' ').append(String.valueOf(pt.src()));
            lines.add(r.toAttributedString());
        }
    }

    private void group(ProblemGroups.Group g) {
        reason(g.code(), g.message(), g.verdict());
        text("  count " + Fmt.count(g.count()) + "  first seen " + Fmt.clock(g.firstNanos()) + "  last seen "
                + Fmt.clock(g.lastNanos()), Palette.PLAIN);
        text("  host " + g.host() + "  path prefix " + g.prefix(), Palette.PLAIN);
        text("  example line:", Palette.BOLD);
        wrapped(g.example());
    }

    private void raw(FlaggedLine l) {
        reason(l.code(), l.problem(), l.verdict());
        text("  at " + Fmt.clock(l.timeNanos()) + "  " + l.src() + " > " + l.dst(), Palette.PLAIN);
        text("  line:", Palette.BOLD);
        wrapped(l.line());
    }

    private void sender(HostStats.Snapshot s) {
        AttributedStringBuilder b = new AttributedStringBuilder().append("  lines ").append(Fmt.count(s.lines()));
        Screen.verdicts(b, s.perVerdict(), pal);
        lines.add(b.toAttributedString());
        text("  connections " + (s.connectionsCapped() ? "over " : "") + s.connections() + "  protocols "
                + SenderRow.of(s).protocols() + "  first seen " + Fmt.clock(s.firstNanos()) + "  last seen "
                + Fmt.clock(s.lastNanos()), Palette.PLAIN);
        text("  clock offset " + Panes.clock(s) + " (median of timestamp - capture time"
                + (s.msTimestamps() > 0 ? "; " + s.msTimestamps() + " ms timestamps left out" : "") + ")", Palette.PLAIN);
        text("  problems by kind:", Palette.BOLD);
        if (s.problems().isEmpty()) text("    none", Palette.DIM);
        for (Map.Entry<String, Long> e : s.problems().entrySet()) {
            text("    " + TerminalEscaper.escape(e.getKey()) + "  " + Fmt.count(e.getValue()), Palette.PLAIN);
        }
    }

    /** The problem code in the verdict's style, then the whole message, wrapped (both escaped already). */
    private void reason(String code, String message, Verdict v) {
        lines.add(new AttributedStringBuilder().append("  problem ").style(pal.verdict(v))
                .append(code).append(" (").append(v.json()).append(")").toAttributedString());
        text("  why:", Palette.BOLD);
        wrapped(message);
    }

    private void text(String s, AttributedStyle style) { lines.add(new AttributedString(s, style)); }

    /** Indented and wrapped at the screen width, at a blank where there is one. */
    private void wrapped(String s) {
        int w = Math.max(8, width - 5);
        int i = 0;
        while (i < s.length()) {
            int end = Math.min(s.length(), i + w);
            if (end < s.length()) {
                int blank = s.lastIndexOf(' ', end);
                if (blank > i + w / 2) end = blank + 1;
            }
            lines.add(new AttributedString("    " + s.substring(i, end).stripTrailing()));
            i = end;
        }
    }
}
