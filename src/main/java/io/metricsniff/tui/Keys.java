package io.metricsniff.tui;

import java.util.List;

/** What each key does to the {@link ViewState} (the list in {@link HelpText} says the same). */
final class Keys {
    enum Action { NONE, REDRAW, QUIT }

    private Keys() { }

    static Action onKey(ViewState vs, Key k, Frame frame) {
        if (k.kind() == Key.Kind.CTRL_C || k.kind() == Key.Kind.EOF) return Action.QUIT;
        if (vs.editingFilter) return editFilter(vs, k);
        if (vs.help) { vs.help = false; return k.is('q') ? Action.QUIT : Action.REDRAW; }
        if (k.is('q') || k.is('Q')) return Action.QUIT;
        if (k.is('?') || k.is('h')) { vs.help = true; return Action.REDRAW; }
        if (k.is('p') || k.is(' ')) { vs.paused = !vs.paused; return Action.REDRAW; }
        if (k.is('s')) { vs.sort = vs.sort.next(); vs.changed(); return Action.REDRAW; }
        if (k.is('/')) {
            vs.editingFilter = true;
            vs.filterBeforeEdit = vs.filter;
            vs.filterEdit.setLength(0);
            vs.filterEdit.append(vs.filter.text());
            return Action.REDRAW;
        }
        if (vs.detail != null) return detailKey(vs, k);
        if (k.is('c')) { vs.depth(vs.depth >= ViewState.MAX_DEPTH ? 0 : vs.depth + 1); return Action.REDRAW; }
        if (k.is('+')) { vs.depth(vs.depth == 0 || vs.depth >= ViewState.MAX_DEPTH ? 0 : vs.depth + 1); return Action.REDRAW; }
        if (k.is('-')) { vs.depth(vs.depth == 0 ? ViewState.MAX_DEPTH : Math.max(1, vs.depth - 1)); return Action.REDRAW; }
        if (k.is('w')) {
            vs.upper = vs.upper == ViewState.Pane.PATHS ? ViewState.Pane.SENDERS : ViewState.Pane.PATHS;
            if (vs.lower == ViewState.Pane.DROPS || vs.lower == ViewState.Pane.CARBON) vs.lower = ViewState.Pane.GROUPS;
            return Action.REDRAW;
        }
        if (k.is('H')) return show(vs, ViewState.Pane.HOPS, ViewState.Pane.DROPS);
        if (k.is('C')) return show(vs, ViewState.Pane.HEALTH, ViewState.Pane.CARBON);
        if (k.is('r')) { vs.lower = vs.lower == ViewState.Pane.GROUPS ? ViewState.Pane.RAW : ViewState.Pane.GROUPS; return Action.REDRAW; }
        switch (k.kind()) {
            case TAB: case BACK_TAB:
                vs.upperFocused = !vs.upperFocused;
                return Action.REDRAW;
            case ESC:
                if (!vs.filter.matchesAll()) { vs.filter = Filter.ALL; vs.relisted(); return Action.REDRAW; }
                return Action.NONE;
            case ENTER: return enter(vs, frame);
            case LEFT: return up(vs);
            default: break;
        }
        ViewState.Cursor cur = vs.cursor(vs.focused());
        int step = step(k, cur.page);
        if (step == 0) return Action.NONE;
        List<? extends Listed> rows = frame.list(vs.focused());
        cur.selected = clamp(cur.selected + step, rows.size());
        cur.key = rows.isEmpty() ? null : rows.get(cur.selected).key();
        return Action.REDRAW;
    }

    // H and C switch to their view, and back to paths and problems when it is already shown
    private static Action show(ViewState vs, ViewState.Pane upper, ViewState.Pane lower) {
        boolean back = vs.upper == upper;
        vs.upper = back ? ViewState.Pane.PATHS : upper;
        vs.lower = back ? ViewState.Pane.GROUPS : lower;
        return Action.REDRAW;
    }

    static int step(Key k, int page) {
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

    // Enter opens the selected row's detail; on a prefix group of paths it drills in one level
    private static Action enter(ViewState vs, Frame frame) {
        ViewState.Pane pane = vs.focused();
        List<? extends Listed> rows = frame.list(pane);
        Listed row = ViewState.selected(rows, vs.cursor(pane));
        if (row == null) return Action.NONE;
        if (row instanceof PathRow p && p.group()) {
            vs.filter = Filter.of(p.key() + ".*");          // a glob: exactly the paths under it
            vs.depth(Math.min(ViewState.MAX_DEPTH, vs.depth + 1));
            return Action.REDRAW;
        }
        vs.detail = new ViewState.Detail(pane, row.key(), row);
        vs.detailTop = 0;
        return Action.REDRAW;
    }

    // Left leaves a drilled-in prefix: drop the filter's last node
    private static Action up(ViewState vs) {
        String f = vs.filter.text();
        if (f.isEmpty()) return Action.NONE;
        if (f.endsWith(".*")) f = f.substring(0, f.length() - 2);
        int dot = f.lastIndexOf('.');
        vs.filter = Filter.of(dot < 0 ? "" : f.substring(0, dot) + ".*");
        vs.depth(vs.depth > 1 ? vs.depth - 1 : vs.depth);
        return Action.REDRAW;
    }

    private static Action detailKey(ViewState vs, Key k) {
        switch (k.kind()) {
            case ESC: case ENTER: case BACKSPACE: case LEFT:
                vs.detail = null;
                return Action.REDRAW;
            default:
                int step = step(k, 10);
                if (step == 0) return Action.NONE;
                vs.detailTop = Math.max(0, vs.detailTop + step);
                return Action.REDRAW;
        }
    }

    private static Action editFilter(ViewState vs, Key k) {
        switch (k.kind()) {
            case ENTER:
                vs.editingFilter = false;
                return Action.REDRAW;
            case ESC:
                vs.editingFilter = false;
                vs.filter = vs.filterBeforeEdit;
                vs.relisted();
                return Action.REDRAW;
            case BACKSPACE:
                if (vs.filterEdit.length() > 0) vs.filterEdit.setLength(vs.filterEdit.length() - 1);
                break;
            case CTRL_U:
                vs.filterEdit.setLength(0);
                break;
            case CHAR:
                if (vs.filterEdit.length() < ViewState.MAX_FILTER) vs.filterEdit.append(k.ch());
                break;
            default:
                return Action.NONE;
        }
        vs.filter = Filter.of(vs.filterEdit.toString()); // live: rows narrow as you type
        vs.relisted();
        return Action.REDRAW;
    }
}
