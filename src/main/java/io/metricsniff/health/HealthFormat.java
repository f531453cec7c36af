package io.metricsniff.health;

import io.metricsniff.output.Times;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The summary's {@code health} object and text section. Host names and endpoints are addresses, not network text. */
public final class HealthFormat {
    private HealthFormat() { }

    /** The JSON {@code health} summary value (maps and lists, in a stable order). */
    public static Map<String, Object> json(HealthSnapshot s) {
        Map<String, Object> m = counts(s.totals());
        m.put("retransmit_rate", s.retransmitRate());
        m.put("open", s.open());
        m.put("quiet", s.quiet());
        m.put("zero_windows_open", s.zeroWindowsOpen());
        m.put("evicted_flows", s.evictedFlows());
        m.put("evicted_hosts", s.evictedHosts());
        Map<String, Object> hosts = new LinkedHashMap<>();
        for (HealthSnapshot.Host h : s.hosts()) {
            Map<String, Object> row = counts(h.counts());
            row.put("retransmit_rate", HealthSnapshot.rate(h.get(HealthCount.RETRANSMITS), h.get(HealthCount.DATA_SEGMENTS)));
            row.put("open", h.open());
            row.put("quiet", h.quiet());
            row.put("storming", h.storming());
            hosts.put(h.host(), row);
        }
        m.put("hosts", hosts);
        Times times = new Times(9);
        List<Object> events = new ArrayList<>();
        for (HealthEvent e : s.events()) {
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("kind", e.kind().json());
            ev.put("time", times.iso(new StringBuilder(), e.timeNanos()).toString());
            ev.put("client", e.client().toString());
            ev.put("server", e.server().toString());
            ev.put("duration_ms", e.durationNanos() / 1_000_000);
            ev.put(e.kind() == HealthEvent.Kind.STORM ? "connects" : "lines", e.lines());
            ev.put("bytes", e.bytes());
            if (!e.exact()) ev.put("lines_upper_bound", true);
            events.add(ev);
        }
        m.put("events", events);
        return m;
    }

    private static Map<String, Object> counts(long[] c) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (HealthCount k : HealthCount.values()) m.put(k.key(), c[k.ordinal()]);
        return m;
    }

    /** The text summary's section: totals, one line per host with something to say, the latest episodes. */
    public static String text(HealthSnapshot s, int maxEvents) {
        StringBuilder sb = new StringBuilder("connection health: ");
        line(sb, s.totals(), s.open(), s.quiet());
        sb.append(String.format(", retransmit rate %.2f%%", 100 * s.retransmitRate()));
        for (HealthSnapshot.Host h : s.hosts()) {
            sb.append("\n  ").append(h.host()).append(": ");
            line(sb, h.counts(), h.open(), h.quiet());
            if (h.storming()) sb.append(", RECONNECT STORM now (").append(h.stormConnects()).append(" short connections)");
        }
        Times times = new Times(6);
        List<HealthEvent> ev = s.events();
        for (int i = Math.max(0, ev.size() - maxEvents); i < ev.size(); i++) {
            HealthEvent e = ev.get(i);
            sb.append("\n  ");
            times.clock(sb, e.timeNanos()).append(' ').append(e.kind().json()).append(' ')
                    .append(e.client()).append(" -> ").append(e.server()).append(": ");
            switch (e.kind()) {
                case ZERO_WINDOW -> sb.append("window shut ").append(e.durationNanos() / 1_000_000).append(" ms, ")
                        .append(e.bytes()).append(" bytes / ").append(e.exact() ? "" : "<=").append(e.lines())
                        .append(" lines waiting");
                case RESET_LOSS -> sb.append(e.bytes()).append(" unacknowledged bytes / ").append(e.exact() ? "" : "<=")
                        .append(e.lines()).append(" lines lost");
                case REFUSED -> sb.append("connect refused");
                case STORM -> sb.append(e.lines()).append(" short connections within ")
                        .append(e.durationNanos() / 1_000_000).append(" ms");
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, long[] c, int open, int quiet) {
        sb.append(c[HealthCount.CONNECTS.ordinal()]).append(" connects (").append(c[HealthCount.REFUSED.ordinal()])
                .append(" refused, ").append(c[HealthCount.SHORT_CONNECTIONS.ordinal()]).append(" short, ")
                .append(c[HealthCount.STORMS.ordinal()]).append(" storms), ").append(c[HealthCount.RESETS.ordinal()])
                .append(" resets losing ").append(c[HealthCount.LOST_LINES.ordinal()]).append(" lines (")
                .append(c[HealthCount.LOST_BYTES.ordinal()]).append(" bytes), ").append(c[HealthCount.ZERO_WINDOWS.ordinal()])
                .append(" zero windows (").append(c[HealthCount.ZERO_WINDOW_MS.ordinal()]).append(" ms), ")
                .append(c[HealthCount.RETRANSMITS.ordinal()]).append('/').append(c[HealthCount.DATA_SEGMENTS.ordinal()])
                .append(" segments retransmitted, ").append(open).append(" open (").append(quiet).append(" quiet)");
    }
}
