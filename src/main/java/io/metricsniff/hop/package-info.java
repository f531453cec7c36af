/**
 * Following every datapoint across a hop (a relay, Riemann): records sent to the hop's endpoints go
 * in, the host's other metric records come out; the {@link io.metricsniff.hop.Matcher} pairs them
 * as a multiset by name, stored second and value, and {@link io.metricsniff.hop.Hop} settles each
 * as delivered, dropped, duplicated or misrouted, with the causes the wire shows
 * ({@link io.metricsniff.hop.Evidence}: refused connects, resets, zero windows, the relay's own
 * drop counters). Reads records whatever their verdict; knows nothing of outputs or the command
 * line (it reports through a {@link io.metricsniff.hop.HopListener}).
 */
package io.metricsniff.hop;
