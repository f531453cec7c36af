package io.metricsniff.analysis;

import java.util.List;

/**
 * What the terminal UI reads of the per-path statistics ({@link PathTable}): the paths worth a row
 * (the top paths by rate and by problems in Space-Saving structures, whatever the cardinality), one
 * path's detail, and how many paths there are. Readers call it from another thread a few times a
 * second; implementations must be thread-safe.
 */
public interface PathSource {
    /** The rows' paths; without {@code withRecent} each snapshot's {@code recent} is empty (cheaper). */
    List<PathStats.Snapshot> snapshot(boolean withRecent);

    /** One path's statistics with its recent points, or null when it is not among the top paths. */
    PathStats.Snapshot get(String path);

    /** Distinct paths seen (tracked by the path index). */
    int size();

    /** Records of paths outside the path index's sample (none until its limit). */
    long overflowRecords();
}
