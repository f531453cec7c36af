package io.metricsniff.cli;

import io.metricsniff.analysis.Advice;
import io.metricsniff.analysis.ExpectResult;
import io.metricsniff.analysis.Expectations;
import io.metricsniff.analysis.PathTable;
import io.metricsniff.analysis.RetentionAdvisor;
import io.metricsniff.output.Json;
import io.metricsniff.output.Summary;
import io.metricsniff.paths.PathIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The summary's analysis sections: the delivery check (--expect) and the retention advice (--schemas). */
final class Report {
    private Report() { }

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
}
