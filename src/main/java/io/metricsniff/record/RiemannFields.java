package io.metricsniff.record;

import java.util.List;

/**
 * What a Riemann event carries beyond path, value and timestamp, for outputs and the UI. Strings
 * are as decoded from the wire (outputs escape them); absent fields are null.
 *
 * @param metricType which metric field the event set: {@code sint64}, {@code d}, {@code f}; null when none
 * @param eventTime  the event's own time in seconds ({@code time_micros} / 1e6, else {@code time});
 *                   NaN when it had neither (Riemann then takes its clock)
 * @param ttl        the event's ttl, or null
 * @param attributes key/value pairs in wire order (a value may be null)
 */
public record RiemannFields(String host, String service, String state, String description,
                            String metricType, double eventTime, Float ttl, List<String> tags,
                            List<String[]> attributes) {
}
