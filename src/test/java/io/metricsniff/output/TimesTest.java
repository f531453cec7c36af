package io.metricsniff.output;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimesTest {
    private static final long T = 1795504341_123456789L; // 2026-11-24T07:12:21.123456789Z

    @Test void isoWithNanosecondsAndMicroseconds() {
        assertEquals("2026-11-24T07:12:21.123456789Z", new Times(9).iso(new StringBuilder(), T).toString());
        assertEquals("2026-11-24T07:12:21.123456Z", new Times(6).iso(new StringBuilder(), T).toString());
    }

    @Test void leadingZerosOfTheFractionAreKeptAcrossTheCachedSecond() {
        Times t = new Times(9);
        assertEquals("07:12:21.123456789", t.clock(new StringBuilder(), T).toString());
        assertEquals("07:12:21.000000042", t.clock(new StringBuilder(), 1795504341_000000042L).toString());
        assertEquals("07:12:22.000000000", t.clock(new StringBuilder(), 1795504342_000000000L).toString());
    }
}
