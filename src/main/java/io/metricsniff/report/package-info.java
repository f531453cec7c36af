/**
 * {@code --report-to}: metricsniff's own counts in Graphite plaintext under {@code metricsniff.<host>.},
 * like carbon's {@code carbon.agents.*}. Sources ({@code ReportSource}) are sampled on the processing
 * thread once per interval; {@code ReportSender} delivers on its own thread with a bounded buffer and
 * backoff, so capture never waits; {@code OwnTraffic} keeps the reporter's connection out of the
 * judged traffic. Adding a source is one {@code Reporter.add} line.
 */
package io.metricsniff.report;
