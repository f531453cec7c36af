package io.metricsniff.report;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Verdict;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics per sender host for the report ({@code senders.<address>.metrics} and {@code .not_ok}).
 * Looked up by the record's source endpoint (one lookup, no allocation, per record); the host's name
 * is made once per new endpoint.
 */
public final class SenderCounts implements RecordSink, ReportSource {
    /** Sender endpoints remembered (least recently seen forgotten): a relay's fan-in of connections. */
    static final int MAX_ENDPOINTS = 65_536;
    /** Sender hosts reported; more are summed under {@code senders.other}. */
    static final int MAX_HOSTS = 1_000;
    private static final String OTHER = "other";

    private final Map<String, long[]> hosts = new LinkedHashMap<>();
    private final Map<Endpoint, long[]> byEndpoint = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Endpoint, long[]> eldest) { return size() > MAX_ENDPOINTS; }
    };

    @Override public void metric(MetricRecord r) {
        long[] c = byEndpoint.get(r.src());
        if (c == null) {
            String host = Sample.node(r.src().host());
            if (!hosts.containsKey(host) && hosts.size() >= MAX_HOSTS) host = OTHER;
            c = hosts.computeIfAbsent(host, h -> new long[2]);
            byEndpoint.put(r.src(), c);
        }
        c[0]++;
        if (r.verdict() != Verdict.OK) c[1]++;
    }

    @Override public void report(Sample s) {
        hosts.forEach((host, c) -> s.count("senders." + host + ".metrics", c[0]).count("senders." + host + ".not_ok", c[1]));
    }
}
