package io.metricsniff.output;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Verdict;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts records per verdict, problems per code and gaps: the numbers behind the summary. */
public final class Tally implements RecordSink {
    private final long[] perVerdict = new long[Verdict.values().length];
    private final Map<String, Long> problemCodes = new TreeMap<>();
    // Plain fields: written by the processing thread only; the status line reads them racily,
    // which is fine for progress figures and keeps a memory fence off the per-record path.
    private long metrics;
    private long gaps;
    private long gapBytes;
    private long skippedBytes;

    @Override public void metric(MetricRecord r) {
        metrics++;
        perVerdict[r.verdict().ordinal()]++;
        List<Problem> problems = r.problems();
        for (int i = 0; i < problems.size(); i++) problemCodes.merge(problems.get(i).code(), 1L, Long::sum);
    }

    @Override public void gap(long timeNanos, Endpoint src, Endpoint dst, long bytes) {
        gaps++;
        gapBytes += bytes;
    }

    @Override public void skipped(long timeNanos, Endpoint src, Endpoint dst, long bytes, String why) {
        skippedBytes += bytes;
    }

    public long metrics() { return metrics; }
    /** Captured bytes no record or gap accounts for (see RecordSink.skipped). */
    public long skippedBytes() { return skippedBytes; }
    public long count(Verdict v) { return perVerdict[v.ordinal()]; }
    public long gaps() { return gaps; }
    public long gapBytes() { return gapBytes; }
    /** Problem code to number of records carrying it, sorted by code. */
    public Map<String, Long> problemCodes() { return problemCodes; }
}
