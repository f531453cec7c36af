package io.metricsniff.tui;

import io.metricsniff.analysis.GraphiteGlob;

/**
 * What the person has chosen to see: sort, filter, prefix depth, focus, scroll positions, detail
 * and help. Owned by the UI thread; keys change it, {@link Screen} reads it and clamps positions.
 */
final class ViewState {
    enum Sort {
        RATE("rate"), PROBLEMS("problems"), LAG("lag"), NAME("name");
        final String label;
        Sort(String label) { this.label = label; }
        Sort next() { return values()[(ordinal() + 1) % values().length]; }
    }

    enum Pane { TABLE, PROBLEMS }

    /**
     * The table filter: the text as typed and its Graphite glob, matched against a path's leading
     * nodes ({@link GraphiteGlob#matchesPrefixOf}), so {@code lab.*} shows everything under
     * {@code lab}. Blank text shows everything; whatever a person types is a valid filter, and a
     * glob GraphiteGlob refuses (too long, too many brace alternatives) simply matches nothing.
     */
    record Filter(String text, GraphiteGlob glob) {
        static final Filter ALL = new Filter("", null);

        static Filter of(String text) {
            String t = text == null ? "" : text.strip();
            if (t.isEmpty()) return ALL;
            try {
                return new Filter(t, GraphiteGlob.compile(t));
            } catch (IllegalArgumentException tooBig) {
                return new Filter(t, null);
            }
        }

        boolean matchesAll() { return text.isEmpty(); }

        boolean matches(String path) { return glob != null ? glob.matchesPrefixOf(path) : matchesAll(); }
    }

    enum Action { NONE, REDRAW, QUIT }

    /** Deepest prefix grouping offered by {@code c}; deeper than this, full paths read as well. */
    static final int MAX_DEPTH = 6;
    /** Longest filter text: a glob, not an essay. */
    static final int MAX_FILTER = 200;

    Sort sort = Sort.RATE;
    Filter filter = Filter.ALL;
    boolean editingFilter;
    StringBuilder filterEdit = new StringBuilder();
    private Filter filterBeforeEdit;
    /** 0 shows full paths; n groups rows by their first n nodes. */
    int depth;
    Pane focus = Pane.TABLE;
    boolean paused;
    boolean help;
    /** Path whose detail is shown, or null. */
    String detail;
    int detailTop;

    // table position: the selected row by key (so it follows its path when rows re-sort) and index
    String selectedKey;
    int selected;
    int tableTop;
    int problemsTop;

    /** Rows a page moves; set by the screen to the visible table height. */
    int tablePage = 10;
    int problemsPage = 5;

    Action onKey(Key k, Screen.Frame frame) {
        if (k.kind() == Key.Kind.CTRL_C || k.kind() == Key.Kind.EOF) return Action.QUIT;
        if (editingFilter) return editFilter(k);
        if (help) { help = false; return k.is('q') ? Action.QUIT : Action.REDRAW; }
        if (k.is('q') || k.is('Q')) return Action.QUIT;
        if (k.is('?') || k.is('h')) { help = true; return Action.REDRAW; }
        if (k.is('p') || k.is(' ')) { paused = !paused; return Action.REDRAW; }
        if (k.is('s')) { sort = sort.next(); return Action.REDRAW; }
        if (k.is('/')) {
            editingFilter = true;
            filterBeforeEdit = filter;
            filterEdit.setLength(0);
            filterEdit.append(filter.text());
            return Action.REDRAW;
        }
        if (detail != null) return detailKey(k);
        if (k.is('c')) { depth = depth >= MAX_DEPTH ? 0 : depth + 1; return Action.REDRAW; }
        if (k.is('+')) { depth = depth == 0 ? 0 : depth >= MAX_DEPTH ? 0 : depth + 1; return Action.REDRAW; }
        if (k.is('-')) { depth = depth == 0 ? MAX_DEPTH : Math.max(1, depth - 1); return Action.REDRAW; }
        switch (k.kind()) {
            case TAB: case BACK_TAB:
                focus = focus == Pane.TABLE ? Pane.PROBLEMS : Pane.TABLE;
                return Action.REDRAW;
            case ESC:
                if (!filter.matchesAll()) { filter = Filter.ALL; return Action.REDRAW; }
                return Action.NONE;
            case ENTER: return enter(frame);
            case LEFT: return up();
            default: break;
        }
        int step = step(k, focus == Pane.TABLE ? tablePage : problemsPage);
        if (step == 0) return Action.NONE;
        if (focus == Pane.TABLE) {
            selected = clamp(selected + step, frame.rows().size());
            selectedKey = frame.rows().isEmpty() ? null : frame.rows().get(selected).key();
        } else {
            problemsTop = Math.max(0, problemsTop + step);
        }
        return Action.REDRAW;
    }

    private static int step(Key k, int page) {
        switch (k.kind()) {
            case UP: return -1;
            case DOWN: return 1;
            case PAGE_UP: return -Math.max(1, page);
            case PAGE_DOWN: return Math.max(1, page);
            case HOME: return -Integer.MAX_VALUE / 2;
            case END: return Integer.MAX_VALUE / 2;
            case CHAR:
                if (k.ch() == 'k') return -1;
                if (k.ch() == 'j') return 1;
                if (k.ch() == 'g') return -Integer.MAX_VALUE / 2;
                if (k.ch() == 'G') return Integer.MAX_VALUE / 2;
                return 0;
            default: return 0;
        }
    }

    private static int clamp(int i, int size) { return Math.max(0, Math.min(i, size - 1)); }

    // Enter on a path opens its detail; on a prefix group it drills in one level
    private Action enter(Screen.Frame frame) {
        if (focus != Pane.TABLE || frame.rows().isEmpty()) return Action.NONE;
        Screen.Row row = frame.rows().get(clamp(selected, frame.rows().size()));
        if (row.group()) {
            filter = Filter.of(row.key());
            depth = Math.min(MAX_DEPTH, depth + 1);
            selected = 0;
            selectedKey = null;
        } else {
            detail = row.key();
            detailTop = 0;
        }
        return Action.REDRAW;
    }

    // Left leaves a drilled-in prefix: drop the filter's last node
    private Action up() {
        String f = filter.text();
        if (f.isEmpty()) return Action.NONE;
        int dot = f.lastIndexOf('.');
        filter = Filter.of(dot < 0 ? "" : f.substring(0, dot));
        if (depth > 1) depth--;
        return Action.REDRAW;
    }

    private Action detailKey(Key k) {
        switch (k.kind()) {
            case ESC: case ENTER: case BACKSPACE: case LEFT:
                detail = null;
                return Action.REDRAW;
            default:
                int step = step(k, 10);
                if (step == 0) return Action.NONE;
                detailTop = Math.max(0, detailTop + step);
                return Action.REDRAW;
        }
    }

    private Action editFilter(Key k) {
        switch (k.kind()) {
            case ENTER:
                editingFilter = false;
                return Action.REDRAW;
            case ESC:
                editingFilter = false;
                filter = filterBeforeEdit;
                return Action.REDRAW;
            case BACKSPACE:
                if (filterEdit.length() > 0) filterEdit.setLength(filterEdit.length() - 1);
                break;
            case CTRL_U:
                filterEdit.setLength(0);
                break;
            case CHAR:
                if (filterEdit.length() < MAX_FILTER) filterEdit.append(k.ch());
                break;
            default:
                return Action.NONE;
        }
        filter = Filter.of(filterEdit.toString()); // live: rows narrow as you type
        selected = 0;
        selectedKey = null;
        return Action.REDRAW;
    }
}
