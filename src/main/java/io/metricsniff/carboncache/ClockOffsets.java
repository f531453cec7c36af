package io.metricsniff.carboncache;

import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Problems;
import io.metricsniff.record.RecordSink;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per sender host: the clock offset (median of metric timestamp minus capture time, over the host's
 * latest points) and how many timestamps were in milliseconds. Bounded: a window of offsets per host,
 * a cap on hosts (least recently seen forgotten).
 */
public final class ClockOffsets implements RecordSink {
    /** Offsets kept per host: the median of the latest 1,024 follows a clock that is being corrected. */
    static final int WINDOW = 1_024;
    /** Hosts tracked at once. */
    static final int MAX_HOSTS = 4_096;
    /** Second-resolution timestamps: beyond this (year 5138) a timestamp is in ms, µs or ns, not an offset. */
    private static final double MAX_SECONDS = 1e11;

    private static final class Host {
        final double[] offsets = new double[WINDOW];
        int next, filled;
        long points, msTimestamps;
    }

    private final HostNames names = new HostNames();
    private final Map<String, Host> hosts = new LinkedHashMap<>(64, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Host> eldest) { return size() > MAX_HOSTS; }
    };

    @Override public void metric(MetricRecord r) {
        if (!r.hasTimestamp()) return;
        String name = names.of(r.src());
        Host h = hosts.get(name);
        if (h == null) {
            h = new Host();
            hosts.put(name, h);
        }
        List<Problem> ps = r.problems();
        for (int i = 0; i < ps.size(); i++) if (Problems.MS_TIMESTAMP.equals(ps.get(i).code())) h.msTimestamps++;
        double ts = r.timestamp();
        if (!(Math.abs(ts) < MAX_SECONDS)) return; // NaN, infinite or not seconds: no clock to read
        h.points++;
        h.offsets[h.next] = ts - r.timeNanos() / 1e9;
        h.next = (h.next + 1) % WINDOW;
        if (h.filled < WINDOW) h.filled++;
    }

    /** One host's clock: {@code offsetSeconds} is the median, rounded to ms (NaN without a seconds timestamp). */
    public record HostClock(String host, double offsetSeconds, long points, long msTimestamps) { }

    /** Every host's clock, sorted by host; a copy (processing thread only). */
    public List<HostClock> hosts() {
        Map<String, HostClock> sorted = new TreeMap<>();
        hosts.forEach((name, h) -> sorted.put(name, new HostClock(name,
                h.filled == 0 ? Double.NaN : Math.round(median(h) * 1000) / 1000.0, h.points, h.msTimestamps)));
        return List.copyOf(sorted.values());
    }

    /** Per host: {@code offset_s} (median, 3 decimals), {@code points}, {@code ms_timestamps}; sorted by host. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (HostClock c : hosts()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("offset_s", Double.isNaN(c.offsetSeconds()) ? null : c.offsetSeconds());
            row.put("points", c.points());
            row.put("ms_timestamps", c.msTimestamps());
            m.put(c.host(), row);
        }
        return m;
    }

    public String text() {
        StringBuilder sb = new StringBuilder("sender clocks (median of timestamp - capture time):");
        json().forEach((name, row) -> {
            @SuppressWarnings("unchecked") Map<String, Object> r = (Map<String, Object>) row;
            sb.append("\n  ").append(name).append(": ").append(r.get("offset_s") == null ? "-" : String.format("%+.3f s", (Double) r.get("offset_s")))
                    .append(" over ").append(r.get("points")).append(" points");
            if (!Long.valueOf(0).equals(r.get("ms_timestamps"))) sb.append(", ").append(r.get("ms_timestamps")).append(" millisecond timestamps");
        });
        return sb.toString();
    }

    private static double median(Host h) {
        double[] a = Arrays.copyOf(h.offsets, h.filled);
        Arrays.sort(a);
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }
}
