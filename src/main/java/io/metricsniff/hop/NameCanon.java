package io.metricsniff.hop;

import java.util.HashMap;

/**
 * One String per series name for the pending datapoints: a relay sees the same series every
 * interval, and 200,000 pending datapoints each holding its own copy of the name kept the old
 * generation full (the garbage collector, not the matching, made hops slow). Bounded; past the
 * limit names are kept as they came.
 */
final class NameCanon {
    /** Distinct series remembered: about 100 bytes each, 10 MB. */
    static final int MAX_NAMES = 100_000;

    private final HashMap<String, String> names = new HashMap<>();

    String of(String name) {
        String known = names.get(name);
        if (known != null) return known;
        if (names.size() < MAX_NAMES) names.put(name, name);
        return name;
    }
}
