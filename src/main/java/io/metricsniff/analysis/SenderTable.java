package io.metricsniff.analysis;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.RecordSink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who sends: statistics per sender host (address, not address:port, since statsd and many
 * clients open a connection per flush). Fed by the processing thread; a record from the same
 * connection as the one before costs no lookup. Bounded: past {@link #MAX_HOSTS} hosts new
 * ones are only counted. Methods are synchronized, like {@link PathTable}.
 */
public final class SenderTable implements RecordSink {
    /** Far more hosts than one Graphite receiver has; beyond it the table would only leak. */
    public static final int MAX_HOSTS = 10_000;

    private final Map<Endpoint, HostStats> hosts = new HashMap<>();
    private long overflowRecords;
    private Endpoint lastSrc;           // the connection of the previous record, by identity
    private HostStats lastHost;

    @Override public synchronized void metric(MetricRecord r) {
        Endpoint src = r.src();
        if (src == null) return;
        HostStats h;
        if (src == lastSrc) {
            h = lastHost;
        } else {
            Endpoint key = src.withoutPort();
            h = hosts.get(key);
            if (h == null) {
                if (hosts.size() >= MAX_HOSTS) { overflowRecords++; return; }
                h = new HostStats(key);
                hosts.put(key, h);
            }
            lastSrc = src;
            lastHost = h;
        }
        h.add(r);
    }

    /** Records from hosts not tracked because the table was full. */
    public synchronized long overflowRecords() { return overflowRecords; }

    public synchronized int size() { return hosts.size(); }

    /** A copy of every host's statistics. */
    public synchronized List<HostStats.Snapshot> snapshot() {
        List<HostStats.Snapshot> out = new ArrayList<>(hosts.size());
        for (HostStats h : hosts.values()) out.add(h.snapshot());
        return out;
    }
}
