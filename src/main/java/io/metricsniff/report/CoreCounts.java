package io.metricsniff.report;

import io.metricsniff.anomaly.Anomalies;
import io.metricsniff.anomaly.Anomaly;
import io.metricsniff.output.Tally;
import io.metricsniff.pipeline.Counters;
import io.metricsniff.record.Verdict;

import java.util.Locale;
import java.util.function.LongSupplier;

/** What every run counts: packets, kernel drops, every anomaly, metrics per verdict and per problem code. */
public final class CoreCounts implements ReportSource {
    private final Counters counters;
    private final Anomalies anomalies;
    private final Tally tally;
    private final LongSupplier kernelDrops, flows;

    public CoreCounts(Counters counters, Anomalies anomalies, Tally tally, LongSupplier kernelDrops, LongSupplier flows) {
        this.counters = counters;
        this.anomalies = anomalies;
        this.tally = tally;
        this.kernelDrops = kernelDrops;
        this.flows = flows;
    }

    @Override public void report(Sample s) {
        s.count("packets", counters.packets()).count("bytes", counters.bytes()).count("flows", flows.getAsLong())
                .count("kernel_drops", kernelDrops.getAsLong()).count("gaps", tally.gaps()).count("metrics", tally.metrics());
        for (Anomaly a : Anomaly.values()) s.count("anomalies." + a.code(), anomalies.get(a));
        for (Verdict v : Verdict.values()) s.count("verdict." + v.name().toLowerCase(Locale.ROOT), tally.count(v));
        tally.problemCodes().forEach((code, n) -> s.count("problems." + Sample.node(code), n));
    }
}
