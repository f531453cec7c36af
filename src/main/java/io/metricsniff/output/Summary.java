package io.metricsniff.output;

import io.metricsniff.anomaly.Anomalies;
import io.metricsniff.anomaly.Anomaly;
import io.metricsniff.record.Verdict;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The last record of every run: the contract's keys first, in the contract's order, then the
 * anomalies under their stable codes, the problems per code and the analysis sections. JSON prints
 * one object; text prints a short readable block.
 *
 * @param traffic     what the capture path saw
 * @param kernelDrops libpcap's drop count, live capture only
 * @param anomalies   every contract anomaly code, zero included, then the others that happened
 * @param problems    problem code to number of records carrying it, sorted by code
 * @param sections    what analysis stages add (delivery check, retention advice), in order
 */
public record Summary(Traffic traffic, Verdicts verdicts, OptionalLong kernelDrops, Map<Anomaly, Long> anomalies,
                      Map<String, Long> problems, List<Section> sections) {

    /** Packets and bytes seen, TCP connections plus UDP flows. */
    public record Traffic(long packets, long bytes, long flows) { }

    /** Records per verdict, and TCP gaps reported. */
    public record Verdicts(long metrics, long ok, long malformed, long late, long future, long gaps) {
        public static Verdicts of(Tally t) {
            return new Verdicts(t.metrics(), t.count(Verdict.OK), t.count(Verdict.MALFORMED), t.count(Verdict.LATE),
                    t.count(Verdict.FUTURE), t.gaps());
        }
    }

    /**
     * An analysis stage's part: its JSON keys (in order) and its text block.
     *
     * @param json values {@link Json#value} can write
     */
    public record Section(Map<String, Object> json, String text) { }

    /** The order of the text form's "attention" line (kept as it was before the anomaly channel). */
    private static final List<Anomaly> ATTENTION = List.of(Anomaly.SKIPPED_BYTES, Anomaly.TRUNCATED_PACKETS,
            Anomaly.CORRUPT_PACKETS, Anomaly.QUEUE_DROPS, Anomaly.OVERLAP_CONFLICTS, Anomaly.EVICTED_FLOWS);

    public Summary {
        anomalies = Collections.unmodifiableMap(new EnumMap<>(anomalies));
        problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
        sections = List.copyOf(sections);
    }

    /** The contract codes always, the others only when they happened. */
    public static Map<Anomaly, Long> shown(Anomalies a) {
        Map<Anomaly, Long> m = new EnumMap<>(Anomaly.class);
        for (Anomaly code : Anomaly.values()) {
            long n = a.get(code);
            if (code.alwaysShown() || n != 0) m.put(code, n);
        }
        return m;
    }

    public long anomaly(Anomaly a) { return anomalies.getOrDefault(a, 0L); }

    public void print(PrintStream out, boolean json) {
        StringBuilder sb = new StringBuilder(512);
        if (json) Json.value(sb, jsonObject()).append('\n');
        else text(sb);
        out.append(sb);
    }

    private Map<String, Object> jsonObject() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "summary");
        m.put("packets", traffic.packets());
        m.put("bytes", traffic.bytes());
        m.put("flows", traffic.flows());
        m.put("metrics", verdicts.metrics());
        m.put("ok", verdicts.ok());
        m.put("malformed", verdicts.malformed());
        m.put("late", verdicts.late());
        m.put("future", verdicts.future());
        m.put("gaps", verdicts.gaps());
        kernelDrops.ifPresent(n -> m.put("kernel_drops", n));
        anomalies.forEach((a, n) -> m.put(a.code(), n));
        m.put("problems", problems);
        for (Section s : sections) m.putAll(s.json());
        return m;
    }

    private void text(StringBuilder sb) {
        sb.append("summary: ").append(traffic.packets()).append(" packets, ").append(traffic.bytes())
                .append(" bytes, ").append(traffic.flows()).append(" flows; ")
                .append(verdicts.metrics()).append(" metrics: ").append(verdicts.ok()).append(" ok, ")
                .append(verdicts.malformed()).append(" malformed, ").append(verdicts.late()).append(" late, ")
                .append(verdicts.future()).append(" future; ").append(verdicts.gaps()).append(" gaps");
        if (anomaly(Anomaly.GAP_BYTES) != 0) sb.append(" (").append(anomaly(Anomaly.GAP_BYTES)).append(" bytes missing)");
        kernelDrops.ifPresent(n -> sb.append("; ").append(n).append(" kernel drops"));
        sb.append('\n');
        if (!problems.isEmpty()) {
            sb.append("problems:");
            problems.forEach((code, n) -> sb.append(' ').append(code).append('=').append(n));
            sb.append('\n');
        }
        List<Anomaly> order = new ArrayList<>(ATTENTION);
        for (Anomaly a : anomalies.keySet()) if (!a.alwaysShown()) order.add(a);
        StringBuilder attention = new StringBuilder();
        for (Anomaly a : order) {
            long n = anomaly(a);
            if (n != 0) attention.append(attention.length() == 0 ? "" : ", ").append(n).append(' ').append(a.code().replace('_', ' '));
        }
        if (attention.length() > 0) sb.append("attention: ").append(attention).append('\n');
        for (Section s : sections) sb.append(s.text()).append(s.text().endsWith("\n") ? "" : "\n");
    }
}
