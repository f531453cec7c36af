package io.metricsniff.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Connection health at one moment: plain immutable values for the summary, the report and the UI.
 *
 * @param open   connections open now
 * @param quiet  open connections that carried no payload for {@link HealthLimits#quietNanos()}
 * @param zeroWindowsOpen connections whose receiver has its window shut right now
 */
public record HealthSnapshot(long timeNanos, long[] totals, int open, int quiet, int zeroWindowsOpen,
                             List<Host> hosts, List<HealthEvent> events, long evictedFlows, long evictedHosts) {

    /** One sender host's row. {@code storming}: a reconnect storm is going on now. */
    public record Host(String host, long[] counts, int open, int quiet, boolean storming, long stormConnects) {
        public long get(HealthCount c) { return counts[c.ordinal()]; }
    }

    public long get(HealthCount c) { return totals[c.ordinal()]; }

    /** Retransmitted share of the senders' data segments (0 when none). */
    public double retransmitRate() { return rate(get(HealthCount.RETRANSMITS), get(HealthCount.DATA_SEGMENTS)); }

    static double rate(long part, long whole) { return whole == 0 ? 0 : (double) part / whole; }

    static HealthSnapshot of(long now, HealthLimits limits, long[] totals, Collection<Flow> flows,
                             Collection<HostHealth> hosts, Collection<HealthEvent> events, long evictedFlows,
                             long evictedHosts) {
        Map<HostHealth, int[]> quietPerHost = new HashMap<>();
        int quiet = 0, zero = 0;
        for (Flow f : flows) {
            if (f.zeroSince != Long.MIN_VALUE) zero++;
            if (f.state == Flow.State.OPEN && now - f.lastDataNanos >= limits.quietNanos()) {
                quiet++;
                quietPerHost.computeIfAbsent(f.host, h -> new int[1])[0]++;
            }
        }
        List<Host> rows = new ArrayList<>(hosts.size());
        for (HostHealth h : hosts) {
            int[] q = quietPerHost.get(h);
            rows.add(new Host(h.host, h.counts.clone(), Math.max(0, h.openFlows), q == null ? 0 : q[0],
                    h.inStorm(now, limits.stormWindowNanos()), h.stormConnects));
        }
        rows.sort(Comparator.comparing(Host::host));
        return new HealthSnapshot(now, totals.clone(), flows.size(), quiet, zero, List.copyOf(rows),
                List.copyOf(events), evictedFlows, evictedHosts);
    }
}
