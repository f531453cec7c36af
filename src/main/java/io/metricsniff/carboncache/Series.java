package io.metricsniff.carboncache;

/** What carbon-cache would do with one series so far: created or held back, its last slot and writer. */
final class Series {
    final String path;
    long pendingPoints;   // points while the series waits for the writer's create decision
    int order;            // arrival order among the series that arrived together
    boolean created;
    long heldPoints;      // points dropped while the create limit held the series back
    long lastSlot = Long.MIN_VALUE;
    String lastHost;
    long overwritten;     // points a later point in the same slot replaced
    long foreignOverwrites; // of those, replaced by another host's point
    boolean multiWriter;

    Series(String path) { this.path = path; }
}
