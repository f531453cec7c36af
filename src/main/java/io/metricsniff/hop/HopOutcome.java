package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;

import java.util.List;

/**
 * The verdict on one datapoint at one hop, as the {@code hop} record shows it. {@code lagNanos} is
 * -1 unless delivered; {@code destinations} are where it was missed (drops) or misrouted to.
 */
public record HopOutcome(String hop, HopVerdict verdict, String path, long timestamp, double value,
                         Copy in, List<Copy> out, long lagNanos, List<Endpoint> destinations, String reason) { }
