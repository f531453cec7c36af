package io.metricsniff.hop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metricsniff.decode.Endpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The multiset matcher alone: keys, copies, timeout, the pending bound, its hash table. */
class MatcherTest {
    private static final long S = 1_000_000_000L;
    private static final Endpoint CLIENT = ep(1, 40000), HOP = ep(21, 2013), RELAY = ep(1, 50000),
            A = ep(22, 2104), B = ep(23, 2204);

    private record Settled(Pending p, Matcher.Ending how) { }

    private final List<Settled> settled = new ArrayList<>();

    private static Endpoint ep(int last, int port) { return new Endpoint(new byte[] {127, 0, 0, (byte) last}, port); }

    private Matcher matcher(long timeout, int max) { return new Matcher(timeout, max, (p, how) -> settled.add(new Settled(p, how))); }

    private static void in(Matcher m, String name, long t, int expected) { m.in(name, 100, 1, t, CLIENT, HOP, expected, null); }

    private static boolean out(Matcher m, String name, long t, Endpoint dst) { return m.out(name, 100, 1, t, RELAY, dst); }

    @Test
    void theKeyIsTheStoredSecondAndTheValueAsADouble() {
        Matcher m = matcher(10 * S, 100);
        m.in("a.b", 100.9, 1, 0, CLIENT, HOP, 1, null);
        assertTrue(m.out("a.b", 100, 1.0, 1, RELAY, A), "100.9 is stored in second 100; 1 is 1.0");
        m.in("a.b", 100, -0.0, 0, CLIENT, HOP, 1, null);
        assertTrue(m.out("a.b", 100, 0.0, 1, RELAY, A));
        assertFalse(m.out("a.b", 101, 1, 1, RELAY, A));
        assertFalse(m.out("a.c", 100, 1, 1, RELAY, A));
    }

    @Test
    void identicalPointsAreAMultisetEachTakingOneCopy() {
        Matcher m = matcher(10 * S, 100);
        in(m, "a.b", 0, 1);
        in(m, "a.b", 1, 1);
        assertTrue(out(m, "a.b", 2, A));
        assertTrue(out(m, "a.b", 3, A));
        m.finish(20 * S);
        assertEquals(2, settled.size());
        assertEquals(1, settled.get(0).p().copies());
        assertEquals(1, settled.get(1).p().copies());
        assertEquals(Matcher.Ending.TIMEOUT, settled.get(0).how());
    }

    @Test
    void aCopyTooManyGoesToTheOldestAndAnUnknownKeyIsUnmatched() {
        Matcher m = matcher(10 * S, 100);
        in(m, "a.b", 0, 1);
        assertTrue(out(m, "a.b", 1, A));
        assertTrue(out(m, "a.b", 2, A));
        assertFalse(m.out("a.b", 100, 2, 3, RELAY, A));
        m.finish(20 * S);
        assertEquals(2, settled.get(0).p().copies());
    }

    @Test
    void replicasGoToTheDatapointStillMissingThatDestination() {
        Matcher m = matcher(10 * S, 100);
        in(m, "a.b", 0, 2);
        in(m, "a.b", 1, 2);
        out(m, "a.b", 2, A);
        out(m, "a.b", 3, A);
        out(m, "a.b", 4, B);
        out(m, "a.b", 5, B);
        m.finish(20 * S);
        for (Settled s : settled) {
            assertEquals(2, s.p().copies());
            assertTrue(s.p().sentTo(A) && s.p().sentTo(B));
        }
    }

    @Test
    void settledByCaptureTimeAfterTheTimeoutAndUnresolvedAtTheEnd() {
        Matcher m = matcher(10 * S, 100);
        in(m, "x", 0, 1);
        in(m, "y", 5 * S, 1);
        m.expire(10 * S);
        assertTrue(settled.isEmpty(), "exactly the timeout is still within it");
        m.expire(10 * S + 1);
        assertEquals(1, settled.size());
        assertEquals("x", settled.get(0).p().name());
        assertFalse(out(m, "x", 11 * S, A), "a copy after its datapoint settled is unmatched");
        m.finish(12 * S);
        assertEquals(Matcher.Ending.END, settled.get(1).how());
        assertEquals(0, m.pending());
    }

    @Test
    void theBoundEvictsTheOldest() {
        Matcher m = matcher(10 * S, 3);
        for (int i = 0; i < 5; i++) in(m, "p" + i, i, 1);
        assertEquals(3, m.pending());
        assertEquals(2, settled.size());
        assertEquals("p0", settled.get(0).p().name());
        assertEquals(Matcher.Ending.EVICTED, settled.get(1).how());
        assertFalse(out(m, "p0", 6, A));
        assertTrue(out(m, "p4", 6, A));
    }

    /** The hash table (growth, backward-shift deletes, chains) against a plain map, over many keys. */
    @Test
    void agreesWithAPlainMultisetOverManyKeys() {
        Random rnd = new Random(15);
        Map<String, Integer> pending = new HashMap<>();
        long[] settledCopies = {0};
        int[] total = {0};
        Matcher m = new Matcher(1000, 5000, (p, how) -> {
            pending.merge(p.name(), -1, Integer::sum);
            pending.remove(p.name(), 0);
            settledCopies[0] += p.copies();
            total[0]--;
        });
        long copies = 0;
        for (int t = 0; t < 200_000; t++) {
            String name = "k" + rnd.nextInt(3000);
            if (rnd.nextBoolean()) {
                in(m, name, t, 1);
                pending.merge(name, 1, Integer::sum);
                total[0]++;
            } else {
                boolean matched = out(m, name, t, A);
                assertEquals(pending.containsKey(name), matched, name);
                if (matched) copies++;
            }
            m.expire(t);
            assertEquals(total[0], m.pending());
        }
        m.finish(Long.MAX_VALUE / 2);
        assertTrue(pending.isEmpty());
        assertEquals(copies, settledCopies[0]);
    }
}
