package io.metricsniff.hop;

import java.util.HashMap;

/**
 * Turns the drop counters relays report about themselves into rises per report. carbon-relay's
 * {@code fullQueueDrops} counts per interval (carbon's instrumentation resets its stats after each
 * report), so every report is a rise. carbon-c-relay's {@code dropped} and {@code metricsDropped}
 * are cumulative by default, so a rise is the difference from its previous report (the first
 * report is the baseline); once a report is lower than the one before, the relay was restarted or
 * runs with {@code reset counters after interval}, and that counter is read per interval from then on.
 */
final class DropCounters {
    /** Counter series followed; a relay reports one per destination plus one in all. */
    static final int MAX_COUNTERS = 1024;

    private final HashMap<String, long[]> last = new HashMap<>(); // name -> {previous value, 1 if per interval}

    /** The rise the report {@code value} of counter {@code name} shows. */
    long rise(String name, long value) {
        if (name.endsWith(".fullQueueDrops")) return value;
        long[] prev = last.get(name);
        if (prev == null) {
            if (last.size() < MAX_COUNTERS) last.put(name, new long[] {value, 0});
            return 0;
        }
        if (value < prev[0]) prev[1] = 1;
        long rise = prev[1] == 1 ? value : value - prev[0];
        prev[0] = value;
        return rise;
    }
}
