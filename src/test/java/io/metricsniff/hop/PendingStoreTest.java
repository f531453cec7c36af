package io.metricsniff.hop;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What keeps 200,000 pending datapoints cheap: well-spread key hashes and one String per series. */
class PendingStoreTest {
    @Test
    void keysOfABusyRelaySpreadOverTheTable() {
        // scripts/gen-bench-pcap.py's traffic: 1000 series, one timestamp, values n % 100000 + n % 100 / 100
        Set<Integer> slots = new HashSet<>();
        int keys = 100_000, mask = (1 << 19) - 1; // distinct keys (values repeat past 100,000); the table at 200,000 heads
        for (int n = 0; n < keys; n++) {
            double v = n % 100_000 + (n % 100) / 100.0;
            slots.add(Pending.hash("bench.host" + (n % 1000) + ".cpu", 1795504341L, Pending.valueBits(v)) & mask);
        }
        // uniform hashing fills 1 - e^(-keys/slots) of the table: about 90,900 distinct slots
        assertTrue(slots.size() > 88_000, slots.size() + " distinct slots for " + keys + " keys");
    }

    @Test
    void aSeriesNameIsKeptOnce() {
        NameCanon canon = new NameCanon();
        String first = new String("a.b.c");
        String again = new String("a.b.c");
        assertNotSame(first, again);
        assertSame(first, canon.of(first));
        assertSame(first, canon.of(again));
    }

    @Test
    void pastTheLimitNamesAreKeptAsTheyCame() {
        NameCanon canon = new NameCanon();
        for (int i = 0; i < NameCanon.MAX_NAMES; i++) canon.of("s" + i);
        String late = new String("late.name");
        assertSame(late, canon.of(late));
        assertSame(late, canon.of(late));
        String other = new String("late.name");
        assertEquals(late, canon.of(other));
        assertSame(other, canon.of(other), "not remembered: no growth past the limit");
    }
}
