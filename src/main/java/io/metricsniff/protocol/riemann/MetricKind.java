package io.metricsniff.protocol.riemann;

/**
 * Which metric field a Riemann event set. Riemann's codec takes the first present in this order
 * (sint64, then d, then f), whatever else the event carries.
 */
public enum MetricKind {
    NONE(null), SINT64("sint64"), DOUBLE("d"), FLOAT("f");

    private final String json;

    MetricKind(String json) { this.json = json; }

    /** The field's short name in JSON records ({@code metric_type}); null for NONE. */
    public String json() { return json; }
}
