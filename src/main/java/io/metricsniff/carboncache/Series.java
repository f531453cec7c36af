package io.metricsniff.carboncache;

import java.util.ArrayList;
import java.util.List;

/** What carbon-cache would do with one series so far: created or held back, its last slot and writer. */
final class Series {
    /** Overwritten values kept per named series: enough to recognise them, bounded whatever the traffic. */
    static final int MAX_LOST_VALUES = 8;
    /** Writers named per series written by several hosts (all are counted by the caller). */
    static final int MAX_WRITERS = 8;

    final String path;
    long pendingPoints;   // points while the series waits for the writer's create decision
    int order;            // arrival order among the series that arrived together
    boolean created;
    long heldPoints;      // points dropped while the create limit held the series back
    long lastSlot = Long.MIN_VALUE;
    String lastHost;
    double lastValue;
    long overwritten;     // points a later point in the same slot replaced
    long foreignOverwrites; // of those, replaced by another host's point
    boolean multiWriter;
    List<Double> lostValues;  // the first overwritten values, once the series has one
    List<String> writers;     // the hosts writing it, once it has two

    Series(String path) { this.path = path; }

    void lost(double value) {
        if (lostValues == null) lostValues = new ArrayList<>(2);
        if (lostValues.size() < MAX_LOST_VALUES) lostValues.add(value);
    }

    void writer(String host) {
        if (writers == null) writers = new ArrayList<>(2);
        if (writers.size() < MAX_WRITERS && !writers.contains(host)) writers.add(host);
    }
}
