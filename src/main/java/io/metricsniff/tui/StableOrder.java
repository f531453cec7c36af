package io.metricsniff.tui;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a list's order still between re-sorts, so rows do not jump on every redraw and a key
 * press lands on the row the person sees. A full sort happens when asked (the view changed),
 * when the capture has ended, and otherwise every {@link #RESORT_NANOS}; in between, rows keep
 * their places and new rows go below them, in sort order.
 */
final class StableOrder<T extends Listed> {
    /** How long an order stands while capturing: long enough to read and move in it. */
    static final long RESORT_NANOS = 10_000_000_000L;

    private Map<String, Integer> rank = new HashMap<>();
    private long sortedAt;
    private long sortedEpoch = -1;
    private boolean sortedFinal;

    /** Sorts {@code rows} in place. {@code epoch} is the view's: a new one re-sorts at once. */
    List<T> order(List<T> rows, Comparator<T> cmp, long epoch, boolean finished, long wallNanos) {
        boolean resort = epoch != sortedEpoch || wallNanos - sortedAt >= RESORT_NANOS || (finished && !sortedFinal)
                || rank.isEmpty();
        if (resort) {
            rows.sort(cmp);
            Map<String, Integer> r = new HashMap<>(rows.size() * 2 + 16);
            for (int i = 0; i < rows.size(); i++) r.put(rows.get(i).key(), i);
            rank = r;
            sortedAt = wallNanos;
            sortedEpoch = epoch;
            sortedFinal = finished;
            return rows;
        }
        Map<String, Integer> r = rank;
        rows.sort(Comparator.comparingInt((T t) -> r.getOrDefault(t.key(), Integer.MAX_VALUE)).thenComparing(cmp));
        return rows;
    }
}
