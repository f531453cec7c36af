package io.metricsniff.carboncache;

import java.util.List;

/**
 * One named series and what carbon-cache's rules cost it, copied out for a reader on another thread.
 * {@code lostPoints}: points carbon dropped (held back) or a later point replaced (slot overwrite, several
 * writers); {@code lostValues}: the first values replaced; {@code writers}: the hosts writing the series.
 */
public record CacheFinding(Kind kind, String series, long lostPoints, boolean createdLater, List<Double> lostValues,
                           List<String> writers) {
    public enum Kind {
        HELD_BACK("held back"), SLOT_OVERWRITE("slot overwrite"), SEVERAL_WRITERS("several writers");

        private final String label;
        Kind(String label) { this.label = label; }
        public String label() { return label; }
    }
}
