package io.metricsniff.carboncache;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** carbon 1.1's TokenBucket, quirk included (the refill clock only runs while below capacity). */
class CreateBucketTest {
    private static final long S = 1_000_000_000L;

    private static int burst(CreateBucket b, long t, int n) {
        int ok = 0;
        for (int i = 0; i < n; i++) if (b.drain(t)) ok++;
        return ok;
    }

    @Test void aBurstAfterAQuietSpellGetsCapacityPlusOne() {
        assertEquals(11, burst(new CreateBucket(10, 0), 60 * S, 60));
    }

    @Test void aBurstRightAfterStartGetsCapacity() {
        assertEquals(10, burst(new CreateBucket(10, 0), 0, 60));
    }

    @Test void thenOneTokenEverySixSeconds() {
        CreateBucket b = new CreateBucket(10, 0);
        burst(b, 0, 60);
        assertFalse(b.drain(5 * S));
        assertTrue(b.drain(6 * S + 1));
        assertFalse(b.drain(7 * S));
    }
}
