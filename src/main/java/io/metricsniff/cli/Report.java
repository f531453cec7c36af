package io.metricsniff.cli;

import io.metricsniff.analysis.Advice;
import io.metricsniff.analysis.ExpectResult;
import io.metricsniff.analysis.PathTable;
import io.metricsniff.hop.HopExpect;
import io.metricsniff.output.Json;
import io.metricsniff.output.Summary;
import io.metricsniff.output.TerminalEscaper;

import java.util.ArrayList;
import java.util.List;

/** Adds the delivery check (--expect) and the retention advice (--schemas) to the summary. */
final class Report {
    private Report() { }

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

    /** Globs whose datapoints were dropped at a hop: FAIL lines, and {@code expect_hops} in JSON. */
    static void addHopExpect(Summary summary, HopExpect hopExpect) {
        List<String> failures = hopExpect.failures();
        summary.put("expect_hops", new ArrayList<Object>(failures));
        if (failures.isEmpty()) return;
        StringBuilder text = new StringBuilder("expect across hops:");
        for (String f : failures) text.append("\n  FAIL ").append(TerminalEscaper.escape(f));
        summary.addText(text.toString());
    }
}
