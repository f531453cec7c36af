package io.metricsniff.carboncache;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One named series and what carbon-cache's rules cost it, copied out for a reader on another thread.
 * {@code lostPoints}: points carbon dropped (held back) or a later point replaced (slot overwrite, several
 * writers); {@code lostValues}: the first values replaced; {@code writers}: the hosts writing the series.
 */
public record CacheFinding(Kind kind, String series, long lostPoints, boolean createdLater, List<Double> lostValues,
                           List<String> writers) {
    public enum Kind {
        HELD_BACK("held back", "held-back"), SLOT_OVERWRITE("slot overwrite", "slot-overwrite"),
        SEVERAL_WRITERS("several writers", "several-writers");

        private final String label, json;
        Kind(String label, String json) { this.label = label; this.json = json; }
        public String label() { return label; }
        public String json() { return json; }
    }

    /** The summary's {@code carbon.series} entry: {@code kind}, {@code series}, {@code lost_points}, and per kind the rest. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.json());
        m.put("series", series);
        m.put("lost_points", lostPoints);
        if (kind == Kind.HELD_BACK) m.put("created_later", createdLater);
        else m.put("lost_values", lostValues);
        if (kind == Kind.SEVERAL_WRITERS) m.put("writers", writers);
        return m;
    }
}
