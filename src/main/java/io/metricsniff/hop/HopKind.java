package io.metricsniff.hop;

import io.metricsniff.verdict.RelayNameCleaning;

/** What sits at a hop: it decides how the hop rewrites a name before sending it on. */
public enum HopKind {
    /** carbon-relay, carbon-aggregator pass-through, carbon-relay-ng: names go out as they came in. */
    CARBON("carbon"),
    /** carbon-c-relay: its dispatcher cleanses every name before routing (see {@link RelayNameCleaning}). */
    CARBON_C_RELAY("carbon-c-relay"),
    /** Riemann: the in-records already carry the Graphite path Riemann writes. */
    RIEMANN("riemann");

    private final String label;

    HopKind(String label) { this.label = label; }

    public String label() { return label; }

    /** The name as this hop sends it on. */
    public String rewrite(String name) {
        return this == CARBON_C_RELAY ? RelayNameCleaning.clean(name) : name;
    }

    /** The kind for a label, or null. */
    public static HopKind byLabel(String s) {
        for (HopKind k : values()) if (k.label.equals(s)) return k;
        return null;
    }
}
