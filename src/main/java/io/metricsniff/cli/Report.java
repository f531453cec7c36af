package io.metricsniff.cli;

import io.metricsniff.analysis.Advice;
import io.metricsniff.analysis.ExpectResult;
import io.metricsniff.analysis.PathTable;
import io.metricsniff.carboncache.CacheRules;
import io.metricsniff.carboncache.ClockOffsets;
import io.metricsniff.health.HealthFormat;
import io.metricsniff.health.HealthSnapshot;
import io.metricsniff.output.Json;
import io.metricsniff.output.Summary;

import java.util.ArrayList;
import java.util.List;

/** Adds the delivery check (--expect), the retention advice (--schemas) and connection health to the summary. */
final class Report {
    /** Episodes the text summary names (JSON has every one kept). */
    private static final int TEXT_EVENTS = 20;

    private Report() { }

    static void addCarbon(Summary summary, CacheRules rules, ClockOffsets clocks) {
        if (rules != null) {
            summary.put("carbon", rules.counts().json(rules.maxCreatesPerMinute()));
            summary.addText(rules.counts().text(rules.maxCreatesPerMinute()));
        }
        if (clocks != null) {
            summary.put("clocks", clocks.json());
            summary.addText(clocks.text());
        }
    }

    static void addHealth(Summary summary, HealthSnapshot health) {
        summary.put("health", HealthFormat.json(health));
        summary.addText(HealthFormat.text(health, TEXT_EVENTS));
    }

    static void addAnalysis(Summary summary, Settings s, PathTable paths) {
        if (s.expectations != null) {
            List<ExpectResult> results = s.expectations.results();
            List<Object> json = new ArrayList<>();
            StringBuilder text = new StringBuilder("expect:");
            for (ExpectResult r : results) {
                json.add(new Json.Raw(r.toJson()));
                text.append("\n  ").append(r.toText());
            }
            summary.put("expect_met", s.expectations.allMet());
            summary.put("expect", json);
            summary.addText(text.toString());
        }
        if (s.advisor != null) {
            List<Advice> advice = s.advisor.advise(paths);
            List<Object> json = new ArrayList<>();
            StringBuilder text = new StringBuilder("retention advice");
            text.append(advice.isEmpty() ? ": nothing to say, every path's rollups will have data" : ":");
            for (Advice a : advice) {
                json.add(new Json.Raw(a.toJson()));
                text.append("\n").append(a.toText().indent(2).stripTrailing());
            }
            summary.put("advice", json);
            summary.addText(text.toString());
        }
    }
}
