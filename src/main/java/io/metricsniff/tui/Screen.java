package io.metricsniff.tui;

import io.metricsniff.analysis.PathStats;
import io.metricsniff.output.TerminalEscaper;
import io.metricsniff.record.Verdict;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import static io.metricsniff.tui.Cells.BAR;
import static io.metricsniff.tui.Cells.BOLD;
import static io.metricsniff.tui.Cells.DIM;
import static io.metricsniff.tui.Cells.SELECTED;
import static io.metricsniff.tui.Cells.bar;
import static io.metricsniff.tui.Cells.fitLine;
import static io.metricsniff.tui.Cells.left;
import static io.metricsniff.tui.Cells.pad;
import static io.metricsniff.tui.Cells.style;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Lays a {@link Frame} out as exactly {@code height} lines of at most {@code width} columns:
 * header, metrics table, problems pane (or a path's detail, or help), key hints. No terminal
 * here, so tests can render and read the lines. Every string from the network arrives escaped.
 */
final class Screen {
    /** Below this the table has no room for a path; we still draw, cut at the width. */
    static final int MIN_PATH_COLUMN = 12;
    /** The problems pane takes this share of the body, at least a title and a few rows. */
    static final int PROBLEMS_SHARE_DIVISOR = 3;

    /** One table row: a path, or a prefix group of paths. {@code shown} is the escaped key. */
    record Row(String key, String shown, boolean group, int paths, long count, long problems, double rate,
               double lastValue, double lag, double interval, int senders, Verdict worst) { }

    /** Everything one redraw shows, already copied out of the shared state. */
    record Frame(String description, boolean live, boolean finished, double elapsedSeconds, long packets,
                 long bytes, double linesPerSecond, OptionalLong kernelDrops, long flows, long gaps,
                 long gapBytes, long[] perVerdict, long metrics, long unlisted, int paths, long pathOverflow,
                 List<Row> rows, List<FlaggedLine> problems, PathStats.Snapshot detail) {
        Frame withDetail(PathStats.Snapshot d) {
            return new Frame(description, live, finished, elapsedSeconds, packets, bytes, linesPerSecond,
                    kernelDrops, flows, gaps, gapBytes, perVerdict, metrics, unlisted, paths, pathOverflow,
                    rows, problems, d);
        }
    }

    List<AttributedString> render(Frame f, ViewState vs, int width, int height) {
        List<AttributedString> out = new ArrayList<>(height);
        if (height <= 0 || width <= 0) return out;
        header(f, vs, width, out);
        int body = height - out.size() - 1;
        if (body > 0) {
            if (vs.help) HelpPane.render(body, out);
            else if (vs.detail != null) detail(f, vs, width, body, out);
            else {
                int problems = f.problems().isEmpty() && body < 12 ? 2 : Math.max(3, body / PROBLEMS_SHARE_DIVISOR);
                if (body - problems < 3) problems = Math.max(0, body - 3);
                table(f, vs, width, body - problems, out);
                problems(f, vs, width, problems, out);
            }
        }
        while (out.size() < height - 1) out.add(AttributedString.EMPTY);
        out.add(hints(vs, width));
        List<AttributedString> cut = new ArrayList<>(height);
        for (int i = Math.max(0, out.size() - height); i < out.size(); i++) cut.add(fitLine(out.get(i), width));
        return cut;
    }

    // ---- header ----

    private void header(Frame f, ViewState vs, int width, List<AttributedString> out) {
        String state = vs.paused ? "PAUSED" : f.finished() ? (f.live() ? "STOPPED" : "END OF FILE") : f.live() ? "LIVE" : "READING";
        AttributedStringBuilder b = new AttributedStringBuilder().style(BAR);
        b.append(" metricsniff  ").append(f.description()).append("  elapsed ").append(Fmt.elapsed(f.elapsedSeconds()))
         .append("  [").append(state).append("] ");
        out.add(bar(b, width));

        b = new AttributedStringBuilder();
        b.append("packets ").append(Fmt.count(f.packets())).append("  bytes ").append(Fmt.bytes(f.bytes()))
         .append("  lines/s ").append(Fmt.count(f.linesPerSecond()))
         .append("  drops ");
        if (f.kernelDrops().isPresent()) {
            long d = f.kernelDrops().getAsLong();
            b.style(d > 0 ? AttributedStyle.BOLD.foreground(AttributedStyle.RED) : AttributedStyle.DEFAULT)
             .append(Fmt.count(d)).style(AttributedStyle.DEFAULT);
        } else b.append("-");
        b.append("  flows ").append(Fmt.count(f.flows())).append("  gaps ");
        b.style(f.gaps() > 0 ? AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW) : AttributedStyle.DEFAULT)
         .append(Fmt.count(f.gaps()));
        if (f.gaps() > 0) b.append(" (").append(Fmt.bytes(f.gapBytes())).append(")");
        b.style(AttributedStyle.DEFAULT).append("  paths ").append(Fmt.count(f.paths()));
        if (f.pathOverflow() > 0) {
            b.style(AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW))
             .append(" (table full, ").append(Fmt.count(f.pathOverflow())).append(" untracked)");
        }
        out.add(b.toAttributedString());

        b = new AttributedStringBuilder();
        b.append("metrics ").append(Fmt.count(f.metrics()));
        for (Verdict v : Verdict.values()) {
            long n = f.perVerdict()[v.ordinal()];
            b.append("  ").style(v == Verdict.OK || n == 0 ? AttributedStyle.DEFAULT : style(v))
             .append(v.json()).append(' ').append(Fmt.count(n)).style(AttributedStyle.DEFAULT);
        }
        b.append("   sort ").style(BOLD).append(vs.sort.label).style(AttributedStyle.DEFAULT);
        if (!vs.filter.matchesAll()) b.append("  filter ").style(BOLD).append(TerminalEscaper.escape(vs.filter.text())).style(AttributedStyle.DEFAULT);
        if (vs.depth > 0) b.append("  prefixes ").append(String.valueOf(vs.depth)).append(vs.depth == 1 ? " node" : " nodes");
        out.add(b.toAttributedString());
    }

    // ---- metrics table ----

    private static final String[] COLS = {"count", "rate/s", "last", "lag", "interval", "snd", "worst"};
    private static final int[] WIDTHS = {8, 8, 11, 8, 8, 4, 9};
    /** Columns given up, in this order, when the path column would be narrower than {@link #WANT_PATH}. */
    private static final int[] DROP_ORDER = {4, 5, 2, 3, 1};
    /** Path column width worth dropping other columns for. */
    static final int WANT_PATH = 28;

    private void table(Frame f, ViewState vs, int width, int height, List<AttributedString> out) {
        if (height <= 0) return;
        boolean[] shown = {true, true, true, true, true, true, true};
        int fixed = 2;
        for (int w : WIDTHS) fixed += w + 1;
        for (int i = 0; i < DROP_ORDER.length && width - fixed < WANT_PATH; i++) {
            shown[DROP_ORDER[i]] = false;
            fixed -= WIDTHS[DROP_ORDER[i]] + 1;
        }
        int pathW = Math.max(MIN_PATH_COLUMN, width - fixed);
        List<Row> rows = f.rows();
        int visible = height - 1;
        vs.tablePage = Math.max(1, visible);

        // keep the selection on its key when rows re-sort; then keep it in view
        if (vs.selectedKey != null) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).key().equals(vs.selectedKey)) { vs.selected = i; break; }
            }
        }
        vs.selected = Math.max(0, Math.min(vs.selected, rows.size() - 1));
        if (vs.selected < vs.tableTop) vs.tableTop = vs.selected;
        if (vs.selected >= vs.tableTop + visible) vs.tableTop = vs.selected - visible + 1;
        vs.tableTop = Math.max(0, Math.min(vs.tableTop, Math.max(0, rows.size() - visible)));

        boolean focused = vs.focus == ViewState.Pane.TABLE;
        AttributedStringBuilder h = new AttributedStringBuilder().style(focused ? BAR : BOLD);
        String title = (vs.depth > 0 ? "prefix" : "path") + " (" + rows.size() + (vs.filter.matchesAll() ? "" : " matching") + ")";
        if (rows.size() > visible && visible > 0) {
            title += " " + (vs.tableTop + 1) + "-" + Math.min(rows.size(), vs.tableTop + visible);
        }
        h.append("  ").append(pad(title, pathW));
        for (int i = 0; i < COLS.length; i++) if (shown[i]) h.append(' ').append(left(COLS[i], WIDTHS[i]));
        out.add(bar(h, width));

        for (int i = 0; i < visible; i++) {
            int idx = vs.tableTop + i;
            if (idx >= rows.size()) {
                if (i == 0) out.add(new AttributedString(vs.filter.matchesAll()
                        ? "  (no metrics yet)" : "  (no path matches " + TerminalEscaper.escape(vs.filter.text()) + ")", DIM));
                else out.add(AttributedString.EMPTY);
                continue;
            }
            Row r = rows.get(idx);
            boolean sel = idx == vs.selected;
            AttributedStringBuilder b = new AttributedStringBuilder();
            if (sel && focused) b.style(SELECTED);
            b.append(sel ? "> " : "  ");
            String name = r.group() ? r.shown() + ".* [" + r.paths() + "]" : r.shown();
            b.append(pad(name, pathW));
            String[] cells = {Fmt.count(r.count()), Fmt.count(r.rate()), Fmt.value(r.lastValue()),
                    Fmt.seconds(r.lag()), Fmt.seconds(r.interval()), String.valueOf(r.senders())};
            for (int c = 0; c < cells.length; c++) if (shown[c]) b.append(' ').append(left(cells[c], WIDTHS[c]));
            b.append(' ');
            if (!(sel && focused)) b.style(style(r.worst()));
            b.append(left(r.worst().json(), WIDTHS[6]));
            out.add(sel && focused ? bar(b, width) : b.toAttributedString());
        }
    }

    // ---- problems pane ----

    private void problems(Frame f, ViewState vs, int width, int height, List<AttributedString> out) {
        if (height <= 0) return;
        List<FlaggedLine> rows = f.problems();
        int visible = height - 1;
        vs.problemsPage = Math.max(1, visible);
        vs.problemsTop = Math.max(0, Math.min(vs.problemsTop, Math.max(0, rows.size() - visible)));
        boolean focused = vs.focus == ViewState.Pane.PROBLEMS;
        AttributedStringBuilder h = new AttributedStringBuilder().style(focused ? BAR : BOLD);
        h.append("  problems, newest first (").append(String.valueOf(rows.size())).append(" kept");
        if (f.unlisted() > 0) h.append(", ").append(Fmt.count(f.unlisted())).append(" more not listed during floods");
        h.append(")");
        if (rows.size() > visible && visible > 0) {
            h.append(" ").append(String.valueOf(vs.problemsTop + 1)).append("-")
             .append(String.valueOf(Math.min(rows.size(), vs.problemsTop + visible)));
        }
        out.add(bar(h, width));
        for (int i = 0; i < visible; i++) {
            int idx = vs.problemsTop + i;
            if (idx >= rows.size()) {
                out.add(i == 0 ? new AttributedString("  (none)", DIM) : AttributedString.EMPTY);
                continue;
            }
            FlaggedLine p = rows.get(idx);
            AttributedStringBuilder b = new AttributedStringBuilder();
            b.append("  ").append(Fmt.clock(p.timeNanos())).append("  ")
             .append(String.valueOf(p.src())).append(" > ").append(String.valueOf(p.dst())).append("  ")
             .style(style(p.verdict())).append(pad(p.verdict().json(), 10)).style(AttributedStyle.DEFAULT);
            int rest = Math.max(10, width - b.columnLength());
            int lineW = Math.min(p.line().length(), Math.max(10, rest / 2));
            b.append(pad(p.line(), lineW)).append("  ").style(DIM).append(p.problem());
            out.add(b.toAttributedString());
        }
    }

    // ---- detail ----

    private void detail(Frame f, ViewState vs, int width, int height, List<AttributedString> out) {
        List<AttributedString> lines = new ArrayList<>();
        PathStats.Snapshot s = f.detail();
        AttributedStringBuilder t = new AttributedStringBuilder().style(BAR);
        t.append("  detail  ").append(TerminalEscaper.escape(vs.detail)).append("   (Esc back)");
        lines.add(bar(t, width));
        if (s == null) {
            lines.add(new AttributedString("  no data for this path", DIM));
        } else {
            AttributedStringBuilder b = new AttributedStringBuilder();
            b.append("  count ").append(Fmt.count(s.count()));
            for (Verdict v : Verdict.values()) {
                long n = s.count(v);
                b.append("  ").style(n == 0 || v == Verdict.OK ? AttributedStyle.DEFAULT : style(v))
                 .append(v.json()).append(' ').append(Fmt.count(n)).style(AttributedStyle.DEFAULT);
            }
            b.append("  worst ").style(style(s.worst())).append(s.worst().json());
            lines.add(b.toAttributedString());
            lines.add(new AttributedString("  first seen " + Fmt.clock(s.firstNanos()) + "  last seen "
                    + Fmt.clock(s.lastNanos()) + "  last value " + Fmt.value(s.lastValue()) + "  lag "
                    + Fmt.seconds(s.lastLagSeconds())));
            lines.add(new AttributedString("  mean interval: capture " + Fmt.seconds(s.meanIntervalSeconds())
                    + ", timestamps " + Fmt.seconds(s.meanTimestampIntervalSeconds()) + "  timestamps "
                    + Fmt.timestamp(s.minTimestamp()) + " .. " + Fmt.timestamp(s.maxTimestamp())));
            StringBuilder snd = new StringBuilder("  senders ");
            for (int i = 0; i < s.senders().size(); i++) snd.append(i > 0 ? ", " : "").append(s.senders().get(i));
            if (s.sendersOverflow() > 0) snd.append(" and ").append(s.sendersOverflow()).append(" more");
            lines.add(new AttributedString(snd.toString()));
            lines.add(AttributedString.EMPTY);
            lines.add(new AttributedString(String.format("  %-14s %-14s %-21s %-9s %-10s %s",
                    "capture time", "value", "timestamp", "lag", "verdict", "sender"), BOLD));
            List<PathStats.Point> pts = s.recent();
            int room = height - lines.size();
            vs.detailTop = Math.max(0, Math.min(vs.detailTop, Math.max(0, pts.size() - room)));
            for (int i = vs.detailTop; i < pts.size() && lines.size() < height; i++) {
                PathStats.Point p = pts.get(i);
                double lag = Double.isNaN(p.timestamp()) ? Double.NaN : p.timeNanos() / 1e9 - p.timestamp();
                AttributedStringBuilder r = new AttributedStringBuilder();
                r.append(String.format("  %-14s %-14s %-21s %-9s ", Fmt.clock(p.timeNanos()), Fmt.value(p.value()),
                        Fmt.timestamp(p.timestamp()), Fmt.seconds(lag)));
                r.style(style(p.verdict())).append(pad(p.verdict().json(), 10)).style(AttributedStyle.DEFAULT)
                 .append(' ').append(String.valueOf(p.src()));
                lines.add(r.toAttributedString());
            }
        }
        for (int i = 0; i < height && i < lines.size(); i++) out.add(lines.get(i));
        for (int i = lines.size(); i < height; i++) out.add(AttributedString.EMPTY);
    }

    // ---- help and hints ----

    private AttributedString hints(ViewState vs, int width) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        if (vs.editingFilter) {
            b.style(BOLD).append("filter /").style(AttributedStyle.DEFAULT)
             .append(TerminalEscaper.escape(vs.filterEdit.toString())).append("_")
             .style(DIM).append("   Enter apply  Esc cancel  Ctrl-U clear");
            return b.toAttributedString();
        }
        b.style(BAR);
        b.append(vs.detail != null ? " Esc back  Up/Down scroll  q quit  ? help "
                : " q quit  p pause  s sort  / filter  c prefixes  Enter detail  Tab pane  Up/Down PgUp/PgDn scroll  ? help ");
        return bar(b, width);
    }
}
