package io.metricsniff.tui;

import io.metricsniff.record.Verdict;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

import java.util.List;
import java.util.function.Function;

/**
 * Draws one list pane: a title bar with the column heads, then rows, the selected one marked
 * {@code >} (inverse when the pane has the focus; the focused pane's title starts with {@code *}),
 * then a line of column heads.
 * One column is flexible and takes the width left; narrow screens drop columns in their
 * {@code drop} order (1 first; 0 never) while the flexible column is under {@link #WANT_FLEX}.
 */
final class ListView {
    /** Width worth dropping other columns for. */
    static final int WANT_FLEX = 28;
    /** Narrowest flexible column. */
    static final int MIN_FLEX = 12;

    record Column(String head, int width, boolean right, int drop) {
        static Column flex(String head) { return new Column(head, -1, false, 0); }
        boolean isFlex() { return width < 0; }
    }

    /** How a list's rows become cells; {@code styled} is the cell drawn in the row's verdict style. */
    record Spec<T>(Column[] columns, Function<T, String[]> cells, Function<T, Verdict> verdict, int styled) { }

    private ListView() { }

    static <T extends Listed> void render(String title, Spec<T> spec, List<T> rows, ViewState.Cursor cur, boolean focused,
                                          String empty, Palette pal, int width, int height, List<AttributedString> out) {
        if (height <= 0) return;
        Column[] cols = spec.columns();
        boolean[] shown = visibleColumns(cols, width);
        int flexW = flexWidth(cols, shown, width);
        int visible = height - 1;

        boolean heads = visible >= 2;                        // a line of column heads when there is room
        if (heads) visible--;
        cur.page = Math.max(1, visible);
        follow(rows, cur, visible);
        AttributedStringBuilder h = new AttributedStringBuilder().style(focused ? Palette.BAR : Palette.BOLD);
        h.append(focused ? "* " : "  ").append(title);
        if (rows.size() > visible && visible > 0) {
            h.append("  ").append(String.valueOf(cur.top + 1)).append("-").append(String.valueOf(Math.min(rows.size(), cur.top + visible)));
        }
        out.add(Screen.bar(h, width));
        if (heads) {
            AttributedStringBuilder c = new AttributedStringBuilder().style(Palette.DIM).append("  ");
            for (int i = 0; i < cols.length; i++) {
                if (shown[i]) c.append(i > 0 ? " " : "").append(cell(cols[i].head(), cols[i], flexW));
            }
            out.add(c.toAttributedString());
        }
        for (int i = 0; i < visible; i++) {
            int idx = cur.top + i;
            if (idx >= rows.size() || idx < 0) {
                out.add(i == 0 ? new AttributedString("  " + empty, Palette.DIM) : AttributedString.EMPTY);
                continue;
            }
            T row = rows.get(idx);
            boolean sel = idx == cur.selected;
            AttributedStringBuilder b = new AttributedStringBuilder();
            if (sel && focused) b.style(Palette.BAR);
            b.append(sel ? "> " : "  ");
            String[] cells = spec.cells().apply(row);
            for (int c = 0; c < cols.length; c++) {
                if (!shown[c]) continue;
                if (c > 0) b.append(' ');
                boolean styled = c == spec.styled() && !(sel && focused);
                if (styled) b.style(pal.verdict(spec.verdict().apply(row)));
                b.append(cell(cells[c], cols[c], flexW));
                if (styled) b.style(Palette.PLAIN);
            }
            out.add(sel && focused ? Screen.bar(b, width) : b.toAttributedString());
        }
    }

    // keep the selection on its key when rows move, then keep it in view
    private static <T extends Listed> void follow(List<T> rows, ViewState.Cursor cur, int visible) {
        if (cur.key != null) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).key().equals(cur.key)) { cur.selected = i; break; }
            }
        }
        cur.selected = Math.max(0, Math.min(cur.selected, rows.size() - 1));
        if (cur.selected < cur.top) cur.top = cur.selected;
        if (cur.selected >= cur.top + visible) cur.top = cur.selected - visible + 1;
        cur.top = Math.max(0, Math.min(cur.top, Math.max(0, rows.size() - visible)));
    }

    private static boolean[] visibleColumns(Column[] cols, int width) {
        boolean[] shown = new boolean[cols.length];
        java.util.Arrays.fill(shown, true);
        for (int round = 1; round <= cols.length && flexWidth(cols, shown, width) < WANT_FLEX; round++) {
            for (int c = 0; c < cols.length; c++) if (cols[c].drop() == round) shown[c] = false;
        }
        return shown;
    }

    private static int flexWidth(Column[] cols, boolean[] shown, int width) {
        int fixed = 2;
        for (int c = 0; c < cols.length; c++) if (shown[c] && !cols[c].isFlex()) fixed += cols[c].width() + (c > 0 ? 1 : 0);
        for (int c = 1; c < cols.length; c++) if (shown[c] && cols[c].isFlex()) fixed += 1;
        return Math.max(MIN_FLEX, width - fixed);
    }

    private static int widthOf(Column c, int flexW) { return c.isFlex() ? flexW : c.width(); }

    private static String cell(String s, Column c, int flexW) {
        int w = widthOf(c, flexW);
        return c.right() ? Screen.right(s, w) : Screen.pad(s, w);
    }
}
