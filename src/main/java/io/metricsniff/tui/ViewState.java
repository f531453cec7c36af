package io.metricsniff.tui;

import java.util.EnumMap;
import java.util.List;

/**
 * What the person has chosen to see: sort, filter, prefix depth, which list each half of the
 * screen shows and which half has the focus, scroll positions, detail and help. Owned by the UI
 * thread; {@link Keys} changes it, {@link Screen} reads it and clamps positions.
 */
final class ViewState {
    enum Sort {
        RATE("rate"), PROBLEMS("problems"), LAG("lag"), NAME("name");
        final String label;
        Sort(String label) { this.label = label; }
        Sort next() { return values()[(ordinal() + 1) % values().length]; }
    }

    /**
     * The lists: paths, senders, hops or connection health above; problems grouped or raw, the
     * latest hop drops, or carbon-cache's rules and sender clocks, below.
     */
    enum Pane { PATHS, SENDERS, GROUPS, RAW, HOPS, DROPS, HEALTH, CARBON }

    /** The opened row: its list, its key, and the row as it was when opened. */
    record Detail(Pane pane, String key, Object row) { }

    /** A list's position: the selected row by key (it follows its row when rows move) and index. */
    static final class Cursor {
        String key;
        int selected;
        int top;
        /** Rows a page moves; set by the screen to the visible height. */
        int page = 10;
    }

    /** Deepest prefix grouping offered by {@code c}; deeper than this, full paths read as well. */
    static final int MAX_DEPTH = 6;
    /** Longest filter text: a glob or a regex, not an essay. */
    static final int MAX_FILTER = 200;

    Sort sort = Sort.RATE;
    Filter filter = Filter.ALL;
    boolean editingFilter;
    final StringBuilder filterEdit = new StringBuilder();
    Filter filterBeforeEdit;
    /** 0 shows full paths; n groups rows by their first n nodes. */
    int depth;
    /** Until the person picks a depth, the model picks the deepest one whose rows fit. */
    boolean autoDepth = true;
    /** Rows the upper list has at most on this screen (set by the screen): what "fits" means. */
    int upperRoom = 20;
    Pane upper = Pane.PATHS;
    Pane lower = Pane.GROUPS;
    boolean upperFocused = true;
    boolean paused;
    boolean help;
    Detail detail;
    int detailTop;
    /** Bumped by every change of what is listed or how: the model re-sorts at once then. */
    long epoch;
    private final EnumMap<Pane, Cursor> cursors = new EnumMap<>(Pane.class);

    ViewState() { for (Pane p : Pane.values()) cursors.put(p, new Cursor()); }

    Cursor cursor(Pane p) { return cursors.get(p); }

    Pane focused() { return upperFocused ? upper : lower; }

    /** Sets the depth by hand: from now on the model leaves it alone. */
    void depth(int d) {
        depth = d;
        autoDepth = false;
        relisted();
    }

    void changed() { epoch++; }

    /** A new filter or grouping: every list starts again at its first row. */
    void relisted() {
        changed();
        for (Cursor c : cursors.values()) { c.selected = 0; c.key = null; c.top = 0; }
    }

    /** The selected row of a list (clamped), or null when it is empty. */
    static <T> T selected(List<T> rows, Cursor c) {
        if (rows.isEmpty()) return null;
        return rows.get(Math.max(0, Math.min(c.selected, rows.size() - 1)));
    }
}
