/**
 * What the records mean taken together: per-path statistics (behind
 * {@link io.metricsniff.analysis.PathSource}), per-host sender statistics, the delivery check
 * ({@code --expect}, senders grouped by host) and carbon's retention and xFilesFactor advice from
 * its own config files. It consumes judged records only; it must not know about packets, streams,
 * protocols or how results are printed.
 */
package io.metricsniff.analysis;
