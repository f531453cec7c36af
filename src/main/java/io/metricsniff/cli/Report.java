package io.metricsniff.cli;

import io.metricsniff.analysis.Advice;
import io.metricsniff.analysis.ExpectResult;
import io.metricsniff.analysis.Expectations;
import io.metricsniff.analysis.PathTable;
import io.metricsniff.analysis.RetentionAdvisor;
import io.metricsniff.hop.HopEngine;
import io.metricsniff.hop.HopExpect;
import io.metricsniff.output.HopReport;
import io.metricsniff.carboncache.CacheRules;
import io.metricsniff.carboncache.ClockOffsets;
import io.metricsniff.health.HealthFormat;
import io.metricsniff.health.HealthSnapshot;
import io.metricsniff.output.Json;
import io.metricsniff.output.TerminalEscaper;
import io.metricsniff.output.Summary;
import io.metricsniff.paths.PathIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary's analysis sections: the delivery check (--expect), the retention advice (--schemas),
 * connection health (--health), carbon-cache's rules (--carbon-conf) and sender clocks.
 */
final class Report {
    /** Health episodes the text summary names (JSON has every one kept). */
    private static final int TEXT_EVENTS = 20;

    private Report() { }

    /** What only the wire shows: sections for the parts that are on (null: off). */
    /** Every section a run's summary has, in order: per path, per hop, from the wire. */
    static List<Summary.Section> allSections(Expectations expectations, RetentionAdvisor advisor, PathTable paths, PathIndex index,
                                             HopEngine hops, HopExpect hopExpect, HealthSnapshot health, CacheRules cache,
                                             ClockOffsets clocks) {
        List<Summary.Section> all = new ArrayList<>(sections(expectations, advisor, paths, index));
        all.addAll(hopSections(hops, hopExpect));
        all.addAll(wireSections(health, cache, clocks));
        return all;
    }

    static List<Summary.Section> wireSections(HealthSnapshot health, CacheRules cache, ClockOffsets clocks) {
        List<Summary.Section> sections = new ArrayList<>(3);
        if (health != null) {
            sections.add(new Summary.Section(Map.of("health", HealthFormat.json(health)), HealthFormat.text(health, TEXT_EVENTS)));
        }
        if (cache != null) {
            double limit = cache.maxCreatesPerMinute();
            sections.add(new Summary.Section(Map.of("carbon", cache.counts().json(limit)), cache.counts().text(limit)));
        }
        if (clocks != null) sections.add(new Summary.Section(Map.of("clocks", clocks.json()), clocks.text()));
        return sections;
    }

    static List<Summary.Section> sections(Expectations expectations, RetentionAdvisor advisor, PathTable paths,
                                          PathIndex index) {
        List<Summary.Section> sections = new ArrayList<>(3);
        if (index.sampledFraction() < 1) sections.add(sampling(index));
        if (expectations != null) sections.add(expect(expectations));
        if (advisor != null) sections.add(advice(advisor.advise(paths)));
        return sections;
    }

    /** Never silent: past the index's limit, per-path features see a hash sample of the paths. */
    private static Summary.Section sampling(PathIndex index) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("path_sample_fraction", index.sampledFraction());
        keys.put("paths_tracked", index.size());
        keys.put("sampled_out_records", index.sampledOutRecords());
        String text = String.format("paths: more than %,d distinct; per-path checks (order, statistics, advice) cover a"
                + " hash sample of %s of them (%,d tracked; %,d records of other paths not checked for order)",
                index.maxPaths(), percent(index.sampledFraction()), index.size(), index.sampledOutRecords());
        return new Summary.Section(keys, text);
    }

    private static String percent(double f) {
        double p = f * 100;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.format("%.4g", p)) + "%";
    }

    private static Summary.Section expect(Expectations expectations) {
        List<Object> json = new ArrayList<>();
        StringBuilder text = new StringBuilder("expect:");
        for (ExpectResult r : expectations.results()) {
            json.add(new Json.Raw(r.toJson()));
            text.append("\n  ").append(r.toText());
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("expect_met", expectations.allMet());
        keys.put("expect", json);
        return new Summary.Section(keys, text.toString());
    }

    private static Summary.Section advice(List<Advice> advice) {
        List<Object> json = new ArrayList<>();
        StringBuilder text = new StringBuilder("retention advice");
        text.append(advice.isEmpty() ? ": nothing to say, every path's rollups will have data" : ":");
        for (Advice a : advice) {
            json.add(new Json.Raw(a.toJson()));
            text.append("\n").append(a.toText().indent(2).stripTrailing());
        }
        return new Summary.Section(Map.of("advice", json), text.toString());
    }

    /** The hops' counts, and --expect across them: globs whose datapoints were dropped at a hop. */
    static List<Summary.Section> hopSections(HopEngine hops, HopExpect hopExpect) {
        List<Summary.Section> sections = new ArrayList<>(2);
        if (hops == null) return sections;
        sections.add(HopReport.section(hops.stats()));
        if (hopExpect == null) return sections;
        List<String> failures = hopExpect.failures();
        StringBuilder text = new StringBuilder("expect across hops:");
        if (failures.isEmpty()) text.append(" no expected datapoint was dropped at a hop");
        for (String f : failures) text.append("\n  FAIL ").append(TerminalEscaper.escape(f));
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("expect_hops_met", failures.isEmpty());
        keys.put("expect_hops", new ArrayList<Object>(failures));
        sections.add(new Summary.Section(keys, text.toString()));
        return sections;
    }
}
