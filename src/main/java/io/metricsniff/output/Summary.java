package io.metricsniff.output;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last record of every run: the contract's keys first, in the contract's order, then further
 * keys. JSON prints them as one object; text prints a short readable block, with sections that
 * analysis stages add (delivery check, retention advice).
 */
public final class Summary {
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final List<String> textSections = new ArrayList<>();

    public Summary() { values.put("type", "summary"); }

    public Summary put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    public Object get(String key) { return values.get(key); }

    /** Lines shown only in the text form (the JSON form carries the same facts as keys). */
    public Summary addText(String section) {
        textSections.add(section);
        return this;
    }

    public void print(PrintStream out, boolean json) {
        StringBuilder sb = new StringBuilder(512);
        if (json) {
            Json.value(sb, values).append('\n');
        } else {
            text(sb);
        }
        out.append(sb);
    }

    private void text(StringBuilder sb) {
        sb.append("summary: ").append(values.get("packets")).append(" packets, ").append(values.get("bytes"))
                .append(" bytes, ").append(values.get("flows")).append(" flows; ")
                .append(values.get("metrics")).append(" metrics: ").append(values.get("ok")).append(" ok, ")
                .append(values.get("malformed")).append(" malformed, ").append(values.get("late")).append(" late, ")
                .append(values.get("future")).append(" future; ").append(values.get("gaps")).append(" gaps");
        if (values.containsKey("gap_bytes") && !Long.valueOf(0).equals(values.get("gap_bytes"))) {
            sb.append(" (").append(values.get("gap_bytes")).append(" bytes missing)");
        }
        if (values.containsKey("kernel_drops")) sb.append("; ").append(values.get("kernel_drops")).append(" kernel drops");
        sb.append('\n');
        Object problems = values.get("problems");
        if (problems instanceof Map<?, ?> m && !m.isEmpty()) {
            sb.append("problems:");
            m.forEach((code, n) -> sb.append(' ').append(code).append('=').append(n));
            sb.append('\n');
        }
        StringBuilder skipped = new StringBuilder();
        for (String k : new String[] {"skipped_bytes", "truncated_packets", "corrupt_packets", "queue_drops", "overlap_conflicts",
                "evicted_flows", "after_fin_bytes"}) {
            Object v = values.get(k);
            if (v instanceof Number n && n.longValue() != 0) {
                skipped.append(skipped.length() == 0 ? "" : ", ").append(n).append(' ').append(k.replace('_', ' '));
            }
        }
        if (skipped.length() > 0) sb.append("attention: ").append(skipped).append('\n');
        for (String section : textSections) sb.append(section).append(section.endsWith("\n") ? "" : "\n");
    }
}
