package io.metricsniff.output;

import io.metricsniff.record.RiemannFields;

import java.util.List;

/**
 * The keys a {@code metric} record of protocol {@code riemann} adds (README, "Riemann"):
 * {@code riemann_host}, {@code service}, {@code state}, {@code description} (strings, when set),
 * {@code metric_type} ({@code sint64|d|f}, absent without a metric), {@code event_time} (seconds,
 * with the micros), {@code ttl}, {@code riemann_tags} (array) and {@code attributes} (object; a
 * value left out is null). Graphite's {@code tags} object keeps its meaning, hence the prefix.
 */
final class RiemannJson {
    private RiemannJson() { }

    static void fields(StringBuilder sb, RiemannFields f) {
        str(sb, "riemann_host", f.host());
        str(sb, "service", f.service());
        str(sb, "state", f.state());
        str(sb, "description", f.description());
        str(sb, "metric_type", f.metricType());
        if (!Double.isNaN(f.eventTime())) Json.number(sb.append(",\"event_time\":"), f.eventTime(), true);
        // a float ttl as Riemann prints it (60.0, 0.1), not widened (0.10000000149011612)
        if (f.ttl() != null) Json.number(sb.append(",\"ttl\":"), Double.parseDouble(Float.toString(f.ttl())), false);
        List<String> tags = f.tags();
        if (!tags.isEmpty()) {
            sb.append(",\"riemann_tags\":[");
            for (int i = 0; i < tags.size(); i++) Json.string(i > 0 ? sb.append(',') : sb, tags.get(i));
            sb.append(']');
        }
        List<String[]> attrs = f.attributes();
        if (!attrs.isEmpty()) Json.pairs(sb.append(",\"attributes\":"), attrs);
    }

    private static void str(StringBuilder sb, String key, String v) {
        if (v != null) Json.string(sb.append(",\"").append(key).append("\":"), v);
    }
}
