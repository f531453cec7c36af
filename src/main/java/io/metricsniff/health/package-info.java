/**
 * Connection health from TCP headers alone ({@code --health}): per flow and per sender host, refused
 * connects, resets and the lines in the bytes they left unacknowledged, zero-window episodes with the
 * lines waiting, retransmissions, quiet connections, reconnect storms. Sees segments through
 * {@code pipeline.SegmentObserver} before reassembly; knows nothing of Graphite beyond counting
 * {@code \n}. State is capped and expires in capture time ({@code HealthLimits}); {@code HealthSnapshot}
 * is the plain object the summary, the report and the UI read.
 */
package io.metricsniff.health;
