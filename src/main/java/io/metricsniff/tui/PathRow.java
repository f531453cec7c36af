package io.metricsniff.tui;

import io.metricsniff.record.Verdict;

/**
 * One row of the path table: a path, or a prefix group of paths. {@code shown} is the escaped
 * key; {@code msTimestamp} says the (last) timestamp is in milliseconds, so the lag is meaningless.
 */
record PathRow(String key, String shown, boolean group, int paths, long count, long problems, double rate,
               double lastValue, double lag, boolean msTimestamp, double interval, int senders, Verdict worst)
        implements Listed { }
