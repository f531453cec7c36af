package io.metricsniff.output;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.hop.HopStats;
import io.metricsniff.hop.LagHistogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The summary's {@code hops} array and its text block: one line per hop, one per destination. */
public final class HopReport {
    private HopReport() { }

    /** The summary section: key {@code hops}, and the text block. */
    public static Summary.Section section(List<HopStats> hops) {
        List<Object> json = new ArrayList<>();
        StringBuilder text = new StringBuilder("hops:");
        for (HopStats h : hops) {
            json.add(new Json.Raw(json(h)));
            LagHistogram lag = h.lag();
            text.append("\n  ").append(h.hop()).append(": ").append(h.in()).append(" in, ").append(h.delivered())
                    .append(" delivered, ").append(h.dropped()).append(" dropped, ").append(h.duplicated())
                    .append(" duplicated, ").append(h.misrouted()).append(" misrouted, ").append(h.unresolved())
                    .append(" unresolved; unmatched ").append(h.unmatchedIn()).append(" in, ").append(h.unmatchedOut())
                    .append(" out; ").append(h.own()).append(" own metrics; lag p50 ").append(ms(lag.quantileNanos(0.5)))
                    .append(" p99 ").append(ms(lag.quantileNanos(0.99))).append(" max ").append(ms(lag.maxNanos())).append(" ms");
            for (Map.Entry<Endpoint, HopStats.Destination> e : h.destinations().entrySet()) {
                HopStats.Destination d = e.getValue();
                text.append("\n    -> ").append(e.getKey() == null ? "(others)" : e.getKey()).append(": ").append(d.out())
                        .append(" out, ").append(d.dropped()).append(" dropped, ").append(d.unmatched()).append(" unmatched");
            }
        }
        return new Summary.Section(Map.of("hops", json), text.toString());
    }

    private static String json(HopStats h) {
        StringBuilder b = new StringBuilder(256);
        Json.string(b.append("{\"hop\":"), h.hop());
        b.append(",\"in\":").append(h.in()).append(",\"delivered\":").append(h.delivered())
                .append(",\"dropped\":").append(h.dropped()).append(",\"duplicated\":").append(h.duplicated())
                .append(",\"misrouted\":").append(h.misrouted()).append(",\"unresolved\":").append(h.unresolved())
                .append(",\"unmatched_in\":").append(h.unmatchedIn()).append(",\"unmatched_out\":").append(h.unmatchedOut())
                .append(",\"own\":").append(h.own());
        LagHistogram lag = h.lag();
        b.append(",\"lag_ms\":{\"p50\":").append(ms(lag.quantileNanos(0.5))).append(",\"p99\":")
                .append(ms(lag.quantileNanos(0.99))).append(",\"max\":").append(ms(lag.maxNanos())).append("},\"destinations\":[");
        boolean first = true;
        for (Map.Entry<Endpoint, HopStats.Destination> e : h.destinations().entrySet()) {
            HopStats.Destination d = e.getValue();
            b.append(first ? "" : ",").append("{\"dst\":\"").append(e.getKey() == null ? "others" : e.getKey())
                    .append("\",\"out\":").append(d.out()).append(",\"dropped\":").append(d.dropped())
                    .append(",\"unmatched\":").append(d.unmatched()).append('}');
            first = false;
        }
        return b.append("]}").toString();
    }

    private static String ms(long nanos) { return String.format(Locale.ROOT, "%.3f", nanos / 1e6); }
}
