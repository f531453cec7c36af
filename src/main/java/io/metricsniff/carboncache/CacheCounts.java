package io.metricsniff.carboncache;

import io.metricsniff.output.TerminalEscaper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The counts behind the summary's {@code carbon} object, with a bounded list of series named per finding. */
public final class CacheCounts {
    /** Series named per finding; all are counted. */
    static final int MAX_NAMED = 50;

    long newSeries, heldBackSeries, delayedSeries, heldPoints;
    long overwrittenPoints, overwrittenSeries, foreignOverwrites, multiWriterSeries, evictedSeries;
    final List<String> heldBack = new ArrayList<>();
    final List<String> overwritten = new ArrayList<>();
    final List<String> multiWriter = new ArrayList<>();

    void heldBack(String path) {
        heldBackSeries++;
        if (heldBack.size() < MAX_NAMED) heldBack.add(path);
    }

    void overwritten(String path, boolean first) {
        overwrittenPoints++;
        if (!first) return;
        overwrittenSeries++;
        if (overwritten.size() < MAX_NAMED) overwritten.add(path);
    }

    void multiWriter(String path) {
        multiWriterSeries++;
        if (multiWriter.size() < MAX_NAMED) multiWriter.add(path);
    }

    /** JSON: the counts, then the named series. */
    public Map<String, Object> json(double maxCreatesPerMinute) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_creates_per_minute", Double.isInfinite(maxCreatesPerMinute) ? "inf" : maxCreatesPerMinute);
        m.put("new_series", newSeries);
        m.put("held_back_series", heldBackSeries);
        m.put("delayed_series", delayedSeries);
        m.put("create_lost_points", heldPoints);
        m.put("slot_overwritten_points", overwrittenPoints);
        m.put("slot_overwritten_series", overwrittenSeries);
        m.put("multi_writer_series", multiWriterSeries);
        m.put("multi_writer_overwrites", foreignOverwrites);
        m.put("evicted_series", evictedSeries);
        m.put("held_back", List.copyOf(heldBack));
        m.put("overwritten", List.copyOf(overwritten));
        m.put("multi_writer", List.copyOf(multiWriter));
        return m;
    }

    public String text(double maxCreatesPerMinute) {
        StringBuilder sb = new StringBuilder("carbon-cache rules: ").append(newSeries).append(" new series");
        if (!Double.isInfinite(maxCreatesPerMinute)) {
            sb.append(", MAX_CREATES_PER_MINUTE ").append(maxCreatesPerMinute).append(" held back ").append(heldBackSeries)
                    .append(" (").append(delayedSeries).append(" created later), losing ").append(heldPoints).append(" points");
        }
        sb.append("; ").append(overwrittenPoints).append(" points overwritten by a later one in the same slot (")
                .append(overwrittenSeries).append(" series); ").append(multiWriterSeries)
                .append(" series written by several hosts (").append(foreignOverwrites).append(" points replaced by another host's)");
        names(sb, "held back", heldBack);
        names(sb, "slot overwritten", overwritten);
        names(sb, "several writers", multiWriter);
        return sb.toString();
    }

    private static void names(StringBuilder sb, String what, List<String> l) {
        if (l.isEmpty()) return;
        sb.append("\n  ").append(what).append(": ");
        int shown = Math.min(l.size(), 10);
        for (int i = 0; i < shown; i++) sb.append(i > 0 ? ", " : "").append(TerminalEscaper.escape(l.get(i)));
        if (l.size() > shown) sb.append(", ...");
    }
}
