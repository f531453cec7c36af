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
    final List<Series> heldBack = new ArrayList<>();
    final List<Series> overwritten = new ArrayList<>();
    final List<Series> multiWriter = new ArrayList<>();

    void heldBack(Series s) {
        heldBackSeries++;
        if (heldBack.size() < MAX_NAMED) heldBack.add(s);
    }

    void overwritten(Series s, boolean first) {
        overwrittenPoints++;
        if (!first) return;
        overwrittenSeries++;
        if (overwritten.size() < MAX_NAMED) overwritten.add(s);
    }

    void multiWriter(Series s) {
        multiWriterSeries++;
        if (multiWriter.size() < MAX_NAMED) multiWriter.add(s);
    }

    /** The named series with what each lost, held back first; a copy (processing thread only). */
    public List<CacheFinding> findings() {
        List<CacheFinding> out = new ArrayList<>(heldBack.size() + overwritten.size() + multiWriter.size());
        for (Series s : heldBack) out.add(new CacheFinding(CacheFinding.Kind.HELD_BACK, s.path, s.heldPoints, s.created, List.of(), List.of()));
        for (Series s : overwritten) {
            out.add(new CacheFinding(CacheFinding.Kind.SLOT_OVERWRITE, s.path, s.overwritten, false, copy(s.lostValues), copy(s.writers)));
        }
        for (Series s : multiWriter) {
            out.add(new CacheFinding(CacheFinding.Kind.SEVERAL_WRITERS, s.path, s.foreignOverwrites, false, copy(s.lostValues), copy(s.writers)));
        }
        return out;
    }

    private static <T> List<T> copy(List<T> l) { return l == null ? List.of() : List.copyOf(l); }

    /** One line for a title: what the rules cost, in counts. */
    public String headline(double maxCreatesPerMinute) {
        return (Double.isInfinite(maxCreatesPerMinute) ? "no create limit"
                : heldBackSeries + " held back (" + heldPoints + " points lost)") + ", " + overwrittenSeries + " overwritten in a slot ("
                + overwrittenPoints + " points), " + multiWriterSeries + " with several writers";
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
        m.put("held_back", paths(heldBack));
        m.put("overwritten", paths(overwritten));
        m.put("multi_writer", paths(multiWriter));
        List<Map<String, Object>> series = new ArrayList<>();
        for (CacheFinding f : findings()) series.add(f.json());
        m.put("series", series);
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
        List<CacheFinding> findings = findings();
        names(sb, "held back", CacheFinding.Kind.HELD_BACK, heldBackSeries, findings);
        names(sb, "slot overwritten", CacheFinding.Kind.SLOT_OVERWRITE, overwrittenSeries, findings);
        names(sb, "several writers", CacheFinding.Kind.SEVERAL_WRITERS, multiWriterSeries, findings);
        return sb.toString();
    }

    private static List<String> paths(List<Series> l) {
        List<String> out = new ArrayList<>(l.size());
        for (Series s : l) out.add(s.path);
        return out;
    }

    /** The first named series of one kind, each with the points it lost (and its writers). */
    private static void names(StringBuilder sb, String what, CacheFinding.Kind kind, long total, List<CacheFinding> all) {
        int shown = 0;
        for (CacheFinding f : all) {
            if (f.kind() != kind) continue;
            if (shown == 10) break;
            sb.append(shown++ == 0 ? "\n  " + what + ": " : ", ").append(TerminalEscaper.escape(f.series()))
                    .append(" (").append(f.lostPoints()).append(f.lostPoints() == 1 ? " point lost" : " points lost");
            if (kind == CacheFinding.Kind.SEVERAL_WRITERS) sb.append("; ").append(TerminalEscaper.escape(String.join(", ", f.writers())));
            sb.append(')');
        }
        if (total > shown && shown > 0) sb.append(", ... (").append(total).append(" series)");
    }
}
