package io.metricsniff.tui;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class FmtTest {
    @Test void counts() {
        assertEquals("-", Fmt.count(Double.NaN));
        assertEquals("0", Fmt.count(0));
        assertEquals("0.5", Fmt.count(0.5));
        assertEquals("42", Fmt.count(42));
        assertEquals("1984", Fmt.count(1984.1));
        assertEquals("9999", Fmt.count(9999));
        assertEquals("12.3k", Fmt.count(12_345));
        assertEquals("1.00M", Fmt.count(1_000_000));
        assertEquals("6.54G", Fmt.count(6_543_210_000d));
    }

    @Test void bytes() {
        assertEquals("512B", Fmt.bytes(512));
        assertEquals("1.5KiB", Fmt.bytes(1536));
        assertEquals("94.2MiB", Fmt.bytes(98_739_922));
    }

    @Test void values() {
        assertEquals("42", Fmt.value(42));
        assertEquals("-", Fmt.value(Double.NaN));
        assertEquals("+Inf", Fmt.value(Double.POSITIVE_INFINITY));
        assertEquals("99.0206", Fmt.value(99.020609));
        assertEquals("0.5", Fmt.value(0.5));
        assertEquals("1.00000e+20", Fmt.value(1e20));
    }

    @Test void seconds() {
        assertEquals("-", Fmt.seconds(Double.NaN));
        assertEquals("0.25s", Fmt.seconds(0.25));
        assertEquals("-3.00s", Fmt.seconds(-3));
        assertEquals("42.0s", Fmt.seconds(42));
        assertEquals("5m12s", Fmt.seconds(312));
        assertEquals("-2h00m", Fmt.seconds(-7200));
        assertEquals("2d04h", Fmt.seconds(2 * 86400 + 4 * 3600));
        assertEquals("20781d", Fmt.seconds(1_795_504_341d));   // a timestamp of 0 seen today
    }

    @Test void times() {
        assertEquals("0:01:05", Fmt.elapsed(65.9));
        assertEquals("07:12:21.123", Fmt.clock(1_795_504_341_123_456_789L));
        assertEquals("2026-11-24 07:12:21", Fmt.timestamp(1_795_504_341.5));
        assertEquals("-1", Fmt.timestamp(-1));
    }
}
