package io.metricsniff.output;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats capture times. The date/second prefix is cached: consecutive packets share it, so the
 * per-record cost is appending the fraction.
 */
public final class Times {
    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final int digits; // 9 for nanosecond captures, 6 for microsecond ones
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedIso, cachedClock;

    public Times(int digits) { this.digits = digits; }

    /** {@code 2026-11-24T07:12:21.123456789Z} (UTC, as the JSON contract says). */
    public StringBuilder iso(StringBuilder sb, long nanos) {
        prefix(nanos);
        return fraction(sb.append(cachedIso), nanos).append('Z');
    }

    /** {@code 07:12:21.123456}: the short UTC form the text output leads with, like tcpdump. */
    public StringBuilder clock(StringBuilder sb, long nanos) {
        prefix(nanos);
        return fraction(sb.append(cachedClock), nanos);
    }

    private void prefix(long nanos) {
        long second = Math.floorDiv(nanos, 1_000_000_000L);
        if (second != cachedSecond) {
            Instant t = Instant.ofEpochSecond(second);
            cachedIso = ISO_SECONDS.format(t) + ".";
            cachedClock = CLOCK.format(t) + ".";
            cachedSecond = second;
        }
    }

    private StringBuilder fraction(StringBuilder sb, long nanos) {
        long frac = Math.floorMod(nanos, 1_000_000_000L);
        if (digits == 6) frac /= 1000;
        String f = Long.toString(frac);
        for (int i = f.length(); i < digits; i++) sb.append('0');
        return sb.append(f);
    }
}
