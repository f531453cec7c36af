package io.metricsniff.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One interval's values, by name below the report prefix. Counts are given as running totals and
 * sent as the change since the last report (as carbon's own metricsReceived); gauges as they are.
 */
public final class Sample {
    final Map<String, Long> counts = new LinkedHashMap<>();
    final Map<String, Double> gauges = new LinkedHashMap<>();

    /** A running total, e.g. packets so far. {@code name} is dot-separated; nodes are made path-safe. */
    public Sample count(String name, long total) {
        counts.merge(name, total, Long::sum);
        return this;
    }

    public Sample gauge(String name, double value) {
        gauges.put(name, value);
        return this;
    }

    /** One path node from network text or an address: anything but letters, digits, - and _ becomes _. */
    public static String node(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            sb.append(ok ? c : '_');
        }
        return sb.length() == 0 ? "_" : sb.toString();
    }
}
