/**
 * The data every stage shares: {@link io.metricsniff.record.MetricRecord} (one line or datapoint
 * and its verdict), every problem code with its message ({@link io.metricsniff.record.Problems}),
 * and {@link io.metricsniff.record.RecordSink}, where judged records go. Must not know how
 * records are framed, judged or printed.
 */
package io.metricsniff.record;
