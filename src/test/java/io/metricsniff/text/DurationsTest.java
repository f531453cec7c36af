package io.metricsniff.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {
    @Test void parsesTheContractsUnits() {
        assertEquals(500_000_000L, Durations.parse("500ms"));
        assertEquals(90_000_000_000L, Durations.parse("90s"));
        assertEquals(300_000_000_000L, Durations.parse("5m"));
        assertEquals(7_200_000_000_000L, Durations.parse("2h"));
        assertEquals(604_800_000_000_000L, Durations.parse("7d"));
        assertEquals(1_500_000_000L, Durations.parse("1.5s"));
    }

    @Test void aBareNumberIsSecondsAndUnitsCompound() {
        assertEquals(90_000_000_000L, Durations.parse("90"));
        assertEquals(2_500_000_000L, Durations.parse("2.5"));
        assertEquals(90_000_000_000L, Durations.parse("1m30s"));
        assertEquals(3_723_500_000_000L, Durations.parse("1h2m3s500ms"));
    }

    @Test void rejectsWhatIsNotADuration() {
        for (String bad : new String[] {"", "s", "5x", "-5s", "1.2.3s", "1m30", "m30s", "1m 30s"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad));
            assertEquals(true, e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test void formatsForPeople() {
        assertEquals("750ms", Durations.format(0.75));
        assertEquals("42s", Durations.format(42));
        assertEquals("3m20s", Durations.format(200));
        assertEquals("2h5m", Durations.format(7500));
        assertEquals("3d4h", Durations.format(3 * 86400 + 4 * 3600));
    }
}
