package io.metricsniff.tui;

import io.metricsniff.carboncache.CacheFinding;
import io.metricsniff.carboncache.CacheRules;
import io.metricsniff.carboncache.ClockOffsets;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.RecordSink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The carbon-cache rules pane's state (--carbon-conf, and sender clocks with --health or --carbon-conf).
 * Sits after the rules and the clocks in the record chain; on the processing thread it copies their
 * named series and host clocks into immutable rows at most every {@link #PUBLISH_NANOS}; the UI thread
 * reads only those copies.
 */
public final class CarbonBoard implements RecordSink {
    /** Once a second: a copy sorts up to 4,096 hosts' windows of offsets for their medians. */
    static final long PUBLISH_NANOS = 1_000_000_000L;

    /** What the pane shows: a title with the counts, and rows (series first, then clocks, worst first). */
    record View(String title, List<CarbonRow> rows) { }

    private final CacheRules cache;
    private final ClockOffsets clocks;
    private volatile View view = new View("", List.of());
    private final Throttle throttle = new Throttle(PUBLISH_NANOS);

    /** @param cache null without --carbon-conf; @param clocks null when clocks are off */
    CarbonBoard(CacheRules cache, ClockOffsets clocks) {
        this.cache = cache;
        this.clocks = clocks;
    }

    @Override public void metric(MetricRecord r) { if (throttle.due()) publish(); }

    @Override public void finish() { publish(); }

    void publish() {
        List<CarbonRow> rows = new ArrayList<>();
        StringBuilder title = new StringBuilder();
        if (cache != null) {
            for (CacheFinding f : cache.counts().findings()) rows.add(CarbonRow.of(f));
            title.append("carbon-cache rules: ").append(cache.counts().headline(cache.maxCreatesPerMinute()));
        }
        if (clocks != null) {
            List<CarbonRow> hosts = new ArrayList<>();
            long off = 0;
            for (ClockOffsets.HostClock c : clocks.hosts()) {
                CarbonRow row = CarbonRow.of(c);
                hosts.add(row);
                if (row.problem()) off++;
            }
            hosts.sort(Comparator.comparing((CarbonRow r) -> !r.problem()).thenComparing(CarbonRow::subject));
            rows.addAll(hosts);
            title.append(title.length() > 0 ? "; " : "").append("clocks: ").append(hosts.size()).append(" hosts, ")
                    .append(off).append(" off");
        }
        view = new View(title.toString(), List.copyOf(rows));
    }

    /** The rows and title as last published; any thread. */
    View view() { return view; }
}
