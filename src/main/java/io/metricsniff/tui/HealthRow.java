package io.metricsniff.tui;

import io.metricsniff.health.HealthCount;
import io.metricsniff.health.HealthSnapshot;

/** One sender host's connection health, from {@code ConnectionHealth.latest()}. */
record HealthRow(HealthSnapshot.Host host) implements Listed {
    @Override public String key() { return host.host(); }

    long get(HealthCount c) { return host.get(c); }

    /** Retransmitted share of the host's data segments. */
    double retransmitRate() {
        long data = get(HealthCount.DATA_SEGMENTS);
        return data == 0 ? 0 : (double) get(HealthCount.RETRANSMITS) / data;
    }

    /** Anything here that loses or delays data. */
    long problems() {
        return get(HealthCount.REFUSED) + get(HealthCount.RESETS) + get(HealthCount.LOST_LINES)
                + get(HealthCount.ZERO_WINDOWS) + get(HealthCount.STORMS);
    }
}
