package io.metricsniff.report;

import io.metricsniff.output.Tally;
import io.metricsniff.pipeline.Counters;
import io.metricsniff.record.Verdict;

import java.util.Locale;
import java.util.function.LongSupplier;

/** What every run counts: packets, drops, metrics per verdict and per problem code. */
public final class CoreCounts implements ReportSource {
    private final Counters counters;
    private final Tally tally;
    private final LongSupplier queueDrops, kernelDrops, flows;

    public CoreCounts(Counters counters, Tally tally, LongSupplier queueDrops, LongSupplier kernelDrops, LongSupplier flows) {
        this.counters = counters;
        this.tally = tally;
        this.queueDrops = queueDrops;
        this.kernelDrops = kernelDrops;
        this.flows = flows;
    }

    @Override public void report(Sample s) {
        s.count("packets", counters.packets()).count("bytes", counters.bytes()).count("flows", flows.getAsLong())
                .count("drops.kernel", kernelDrops.getAsLong()).count("drops.queue", queueDrops.getAsLong())
                .count("drops.truncated", counters.truncated()).count("drops.corrupt", counters.corrupt())
                .count("gaps", tally.gaps()).count("gap_bytes", tally.gapBytes()).count("metrics", tally.metrics());
        for (Verdict v : Verdict.values()) s.count("verdict." + v.name().toLowerCase(Locale.ROOT), tally.count(v));
        tally.problemCodes().forEach((code, n) -> s.count("problems." + Sample.node(code), n));
    }
}
