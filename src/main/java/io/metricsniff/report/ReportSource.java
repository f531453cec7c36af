package io.metricsniff.report;

/**
 * Something whose counts metricsniff reports about itself (--report-to). Called on the processing
 * thread once per report interval; adding a source is one {@link Reporter#add} call.
 */
@FunctionalInterface
public interface ReportSource {
    void report(Sample sample);
}
