package io.metricsniff.report;

import io.metricsniff.health.ConnectionHealth;
import io.metricsniff.health.HealthCount;
import io.metricsniff.health.HealthSnapshot;

/** Connection health for the report: totals under {@code health.}, per sender host under {@code health.senders.<address>.}. */
public final class HealthSource implements ReportSource {
    private final ConnectionHealth health;

    public HealthSource(ConnectionHealth health) { this.health = health; }

    @Override public void report(Sample s) {
        HealthSnapshot snap = health.snapshot();
        for (HealthCount c : HealthCount.values()) s.count("health." + c.key(), snap.get(c));
        s.gauge("health.open", snap.open()).gauge("health.quiet", snap.quiet())
                .gauge("health.zero_windows_open", snap.zeroWindowsOpen());
        for (HealthSnapshot.Host h : snap.hosts()) {
            String p = "health.senders." + Sample.node(h.host()) + ".";
            for (HealthCount c : HealthCount.values()) s.count(p + c.key(), h.get(c));
            s.gauge(p + "storming", h.storming() ? 1 : 0);
        }
    }
}
