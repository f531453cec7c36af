/**
 * The one anomaly channel: {@link io.metricsniff.anomaly.Anomaly} names every limit trip, drop and
 * skip under a stable code with its reason; {@link io.metricsniff.anomaly.Anomalies} counts them
 * for the summary. Every stage (capture, pipeline, reassembly, protocol) may import it; it imports
 * nothing of the project, so it can never close a cycle. It must not know who reports, nor how the
 * summary is printed.
 */
package io.metricsniff.anomaly;
