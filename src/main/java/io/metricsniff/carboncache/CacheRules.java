package io.metricsniff.carboncache;

import io.metricsniff.analysis.CarbonConf;
import io.metricsniff.analysis.StorageSchemas;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds every stored point against carbon-cache's own rules (--carbon-conf with --schemas): the create
 * limit (writer.py drops a new series' drained points while CREATE_BUCKET is empty), more than one point
 * in a storage slot (whisper keeps the last written), and several hosts writing one series (last writer
 * wins). Lines carbon rejects (malformed) are not stored and not held against anything.
 *
 * <p>Which new series the limit holds back follows carbon's default CACHE_WRITE_STRATEGY (sorted): of the
 * series that reach the cache together (one packet), the writer drains the one with most points first
 * and, among equals, the one that arrived last (a stable ascending sort, popped from the end).
 */
public final class CacheRules implements RecordSink {
    /** Series remembered (least recently written forgotten, and counted): as PathTable's paths. */
    static final int MAX_SERIES = 200_000;
    /** A fresh carbon's bucket is assumed to have been full this long: the capacity + 1 burst applies. */
    static final long ASSUMED_UPTIME_NANOS = 60_000_000_000L;

    private final StorageSchemas schemas;
    private final CarbonConf conf;
    private final HostNames hosts = new HostNames();
    final CacheCounts counts = new CacheCounts();
    private CreateBucket bucket;
    private final List<Series> pending = new ArrayList<>(); // new series of the current packet, not yet drained
    private long pendingTime;
    private final Map<String, Series> series = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Series> eldest) {
            boolean full = size() > MAX_SERIES;
            if (full) counts.evictedSeries++;
            return full;
        }
    };

    public CacheRules(StorageSchemas schemas, CarbonConf conf) {
        this.schemas = schemas;
        this.conf = conf;
    }

    @Override public void metric(MetricRecord r) {
        if (r.verdict() == Verdict.MALFORMED || !r.hasTimestamp() || !r.hasPath()) return;
        String path = r.storedPath() != null ? r.storedPath() : r.path();
        long t = r.timeNanos();
        if (!pending.isEmpty() && t != pendingTime) drainPending();
        Series s = series.get(path);
        if (s == null) {
            s = new Series(path);
            series.put(path, s);
            counts.newSeries++;
            if (Double.isInfinite(conf.maxCreatesPerMinute())) {
                s.created = true;
            } else {
                pending.add(s);
                pendingTime = t;
            }
        }
        if (s.pendingPoints > 0 || !s.created && pending.size() > 0 && pending.get(pending.size() - 1) == s) {
            s.pendingPoints++;
            return;
        }
        if (!s.created) {
            s.created = create(t);
            if (s.created) counts.delayedSeries++;
        }
        if (!s.created) {
            s.heldPoints++;
            counts.heldPoints++;
            return;
        }
        slot(s, hosts.of(r.src()), (long) Math.floor(r.timestamp()), r.value());
    }

    /** The writer's pass over the new series that arrived together: most points first, then latest first. */
    private void drainPending() {
        for (int i = pending.size() - 1; i >= 0; i--) pending.get(i).order = i;
        pending.sort((a, b) -> a.pendingPoints != b.pendingPoints ? Long.compare(b.pendingPoints, a.pendingPoints)
                : Integer.compare(b.order, a.order));
        for (Series s : pending) {
            s.created = create(pendingTime);
            if (!s.created) {
                counts.heldBack(s);
                s.heldPoints += s.pendingPoints;
                counts.heldPoints += s.pendingPoints;
            }
            s.pendingPoints = 0;
        }
        pending.clear();
    }

    @Override public void finish() { if (!pending.isEmpty()) drainPending(); }

    private boolean create(long t) {
        if (conf.maxCreatesPerMinute() == Double.POSITIVE_INFINITY) return true;
        if (bucket == null) bucket = new CreateBucket(conf.maxCreatesPerMinute(), t - ASSUMED_UPTIME_NANOS);
        return bucket.drain(t);
    }

    private void slot(Series s, String host, long ts, double value) {
        long step = schemas.match(s.path).archives().get(0).secondsPerPoint();
        long slot = ts - Math.floorMod(ts, step);
        if (s.lastHost != null && !s.lastHost.equals(host) && !s.multiWriter) {
            s.multiWriter = true;
            s.writer(s.lastHost);
            counts.multiWriter(s);
        }
        if (s.multiWriter) s.writer(host);
        if (slot == s.lastSlot) {
            s.overwritten++;
            s.lost(s.lastValue);
            counts.overwritten(s, s.overwritten == 1);
            if (!host.equals(s.lastHost)) {
                s.foreignOverwrites++;
                counts.foreignOverwrites++;
            }
        }
        s.lastSlot = slot;
        s.lastHost = host;
        s.lastValue = value;
    }

    public CacheCounts counts() { return counts; }

    public double maxCreatesPerMinute() { return conf.maxCreatesPerMinute(); }
}
