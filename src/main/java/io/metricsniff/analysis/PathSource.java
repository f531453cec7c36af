package io.metricsniff.analysis;

import java.util.List;

/**
 * Where the live view's path table comes from: today every path ({@link PathTable}); later a
 * heavy-hitters structure that keeps the busiest paths at real cardinality. Readers call it from
 * another thread a few times a second; implementations must be thread-safe.
 */
public interface PathSource {
    /** Copies of the tracked paths' statistics; without {@code withRecent} their recent points are empty. */
    List<PathStats.Snapshot> snapshot(boolean withRecent);

    /** One path with its recent points, or null when it is not tracked. */
    PathStats.Snapshot get(String path);

    /** Paths tracked. */
    int size();

    /** Records whose path was not tracked (the structure was full). */
    long overflowRecords();
}
