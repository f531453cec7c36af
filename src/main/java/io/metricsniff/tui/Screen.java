package io.metricsniff.tui;

import io.metricsniff.output.TerminalEscaper;
import io.metricsniff.record.Verdict;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays a {@link Frame} out as exactly {@code height} lines of at most {@code width} columns:
 * header (with every problem kind present), the upper list (paths or senders), the lower list
 * (problems grouped or raw), or a detail, or help; key hints last. No terminal here, so tests
 * render and read the lines. Every string from the network arrives escaped.
 */
final class Screen {
    /** The lower pane takes this share of the body, at least a title and a few rows. */
    static final int LOWER_SHARE_DIVISOR = 3;
    /** Lines the header gives the problem kinds at most; more kinds are counted as "+N more". */
    static final int MAX_KIND_LINES = 2;

    private final Palette pal;

    Screen() { this(true); }

    Screen(boolean colour) { this.pal = new Palette(colour); }

    Palette palette() { return pal; }

    List<AttributedString> render(Frame f, ViewState vs, int width, int height) {
        List<AttributedString> out = new ArrayList<>(height);
        if (height <= 0 || width <= 0) return out;
        Header.render(f, vs, pal, width, out);
        int body = height - out.size() - 1;
        if (body > 0) {
            if (vs.help) help(body, out);
            else if (vs.detail != null) new DetailView(pal, width).render(f, vs, body, out);
            else {
                int lower = body < 12 ? Math.min(3, body / 2) : Math.max(4, body / LOWER_SHARE_DIVISOR);
                vs.upperRoom = Math.max(1, body - lower - 2);          // rows the upper list can have at most
                int upperNeeds = f.list(vs.upper).size() + 3;       // title, heads, rows, one spare
                if (body - lower > upperNeeds) lower = body - upperNeeds;   // a short list leaves room below
                if (body - lower < 3) lower = Math.max(0, body - 3);
                pane(f, vs, vs.upper, vs.upperFocused, width, body - lower, out);
                pane(f, vs, vs.lower, !vs.upperFocused, width, lower, out);
            }
        }
        while (out.size() < height - 1) out.add(AttributedString.EMPTY);
        out.add(hints(vs, width));
        List<AttributedString> cut = new ArrayList<>(height);
        for (int i = Math.max(0, out.size() - height); i < out.size(); i++) cut.add(fitLine(out.get(i), width));
        return cut;
    }

    private void pane(Frame f, ViewState vs, ViewState.Pane p, boolean focused, int width, int height,
                      List<AttributedString> out) {
        ViewState.Cursor cur = vs.cursor(p);
        String filtered = vs.filter.matchesAll() ? "" : " matching";
        switch (p) {
            case PATHS:
                String title = (f.header().depth() > 0 ? "prefix" : "path") + " (" + f.paths().size() + filtered + ")";
                String empty = vs.filter.matchesAll() ? "(no metrics yet)" : "(no path matches " + TerminalEscaper.escape(vs.filter.text()) + ")";
                ListView.render(title, Panes.PATHS, f.paths(), cur, focused, empty, pal, width, height, out);
                break;
            case SENDERS:
                ListView.render("senders by host (" + f.senders().size() + filtered + ")", Panes.SENDERS, f.senders(), cur,
                        focused, "(none)", pal, width, height, out);
                break;
            case GROUPS:
                ListView.render("problems by kind, host and path prefix (" + f.groups().size() + filtered + " groups)",
                        Panes.GROUPS, f.groups(), cur, focused, "(none)", pal, width, height, out);
                break;
            case HOPS:
                ListView.render("hops: datapoints in, and out per destination (" + f.extra().hops().size() + filtered + " rows)",
                        Panes.HOPS, f.extra().hops(), cur, focused, f.extra().hopsOn() ? "(no datapoint into a hop yet)"
                                : "(follow a relay with --hop PORTS)", pal, width, height, out);
                break;
            case DROPS:
                ListView.render("hop drops, newest first (" + f.extra().drops().size() + filtered + " kept)", Panes.DROPS,
                        f.extra().drops(), cur, focused, "(none)", pal, width, height, out);
                break;
            case HEALTH:
                ListView.render("connection health by sender host (" + f.extra().health().size() + filtered + ")", Panes.HEALTH,
                        f.extra().health(), cur, focused, f.extra().healthOn() ? "(no connection yet)"
                                : "(connection health needs --health)", pal, width, height, out);
                break;
            case CARBON:
                ListView.render((f.extra().carbonOn() ? f.extra().carbonTitle() : "carbon-cache rules and sender clocks") + " ("
                        + f.extra().carbon().size() + filtered + " rows)", Panes.CARBON, f.extra().carbon(), cur, focused,
                        f.extra().carbonOn() ? "(nothing lost to carbon-cache's rules, no clock yet)"
                                : "(carbon-cache's rules need --carbon-conf with --schemas; clocks --health)", pal, width, height, out);
                break;
            default:
                String t = "problems, newest first (" + f.raw().size() + filtered + " kept"
                        + (f.header().unlisted() > 0 ? ", " + Fmt.count(f.header().unlisted()) + " more not listed during floods" : "") + ")";
                ListView.render(t, Panes.RAW, f.raw(), cur, focused, "(none)", pal, width, height, out);
        }
    }

    private void help(int height, List<AttributedString> out) {
        for (int i = 0; i < height; i++) {
            out.add(i < HelpText.lines() ? new AttributedString(HelpText.line(i), i == 0 ? Palette.BOLD : Palette.PLAIN)
                    : AttributedString.EMPTY);
        }
    }

    private AttributedString hints(ViewState vs, int width) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        if (vs.editingFilter) {
            b.style(Palette.BOLD).append("filter /").style(Palette.PLAIN)
             .append(TerminalEscaper.escape(vs.filterEdit.toString())).append("_")
             .style(Palette.DIM).append("   Enter apply  Esc cancel  Ctrl-U clear  (text: substring, * ? [ {: glob, re:...: regex)");
            return b.toAttributedString();
        }
        b.style(Palette.BAR);
        b.append(vs.detail != null ? " Esc back  Up/Down scroll  q quit  ? help "
                : " q quit  p pause  s sort  / filter  c prefixes  w senders  r raw  H hops  C health  Tab pane  Enter detail  ? help ");
        return bar(b, width);
    }

    // ---- text helpers (columns, not chars: wide characters count twice) ----

    static AttributedString bar(AttributedStringBuilder b, int width) {
        int w = b.columnLength();
        if (w < width) b.append(" ".repeat(width - w));
        return b.toAttributedString();
    }

    static AttributedString fitLine(AttributedString s, int width) {
        return s.columnLength() <= width ? s : s.columnSubSequence(0, width);
    }

    /** Left-aligned in exactly {@code w} columns, cut with a {@code ~}. */
    static String pad(String s, int w) {
        AttributedString a = new AttributedString(s);
        int len = a.columnLength();
        if (len == w) return s;
        if (len < w) return s + " ".repeat(w - len);
        String cut = a.columnSubSequence(0, Math.max(0, w - 1)).toString();
        int cw = new AttributedString(cut).columnLength();
        return cut + (w > 0 ? "~" : "") + " ".repeat(Math.max(0, w - 1 - cw));
    }

    /** Right-aligned in exactly {@code w} columns (cut like {@link #pad} when longer). */
    static String right(String s, int w) {
        return s.length() >= w ? pad(s, w) : " ".repeat(w - s.length()) + s;
    }

    /** Verdict counts, each in its style: {@code ok 7  malformed 1 ...}. */
    static void verdicts(AttributedStringBuilder b, long[] perVerdict, Palette pal) {
        for (Verdict v : Verdict.values()) {
            long n = perVerdict[v.ordinal()];
            b.append("  ").style(v == Verdict.OK || n == 0 ? Palette.PLAIN : pal.verdict(v))
             .append(v.json()).append(' ').append(Fmt.count(n)).style(Palette.PLAIN);
        }
    }
}
