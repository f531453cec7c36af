package io.metricsniff.hop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metricsniff.decode.Endpoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The multiset matcher alone: keys, copies, timeout, the pending bound. */
class MatcherTest {
    private static final long S = 1_000_000_000L;
    private static final Endpoint CLIENT = ep(1, 40000), HOP = ep(21, 2013), RELAY = ep(1, 50000),
            A = ep(22, 2104), B = ep(23, 2204);

    private record Settled(Pending p, Matcher.Ending how) { }

    private final List<Settled> settled = new ArrayList<>();

    private static Endpoint ep(int last, int port) { return new Endpoint(new byte[] {127, 0, 0, (byte) last}, port); }

    private Matcher matcher(long timeout, int max) { return new Matcher(timeout, max, (p, how) -> settled.add(new Settled(p, how))); }

    private static Key key(String name, double ts, double v) { return new Key(name, ts, v); }

    @Test
    void keyTruncatesTheTimestampAndComparesValuesAsDoubles() {
        assertEquals(key("a.b", 100.9, 1), key("a.b", 100, 1.0));
        assertEquals(key("a.b", 100, 0.0), key("a.b", 100, -0.0));
        assertFalse(key("a.b", 100, 1).equals(key("a.b", 101, 1)));
        assertFalse(key("a.b", 100, 1).equals(key("a.c", 100, 1)));
    }

    @Test
    void identicalPointsAreAMultisetEachTakingOneCopy() {
        Matcher m = matcher(10 * S, 100);
        Key k = key("a.b", 100, 1);
        m.in(k, 0, CLIENT, HOP, 1, null);
        m.in(k, 1, CLIENT, HOP, 1, null);
        assertTrue(m.out(k, 2, RELAY, A));
        assertTrue(m.out(k, 3, RELAY, A));
        m.finish(20 * S);
        assertEquals(2, settled.size());
        assertEquals(1, settled.get(0).p().copies());
        assertEquals(1, settled.get(1).p().copies());
        assertEquals(Matcher.Ending.TIMEOUT, settled.get(0).how());
    }

    @Test
    void aCopyTooManyGoesToTheOldestAndAnUnknownKeyIsUnmatched() {
        Matcher m = matcher(10 * S, 100);
        Key k = key("a.b", 100, 1);
        m.in(k, 0, CLIENT, HOP, 1, null);
        assertTrue(m.out(k, 1, RELAY, A));
        assertTrue(m.out(k, 2, RELAY, A));
        assertFalse(m.out(key("a.b", 100, 2), 3, RELAY, A));
        m.finish(20 * S);
        assertEquals(2, settled.get(0).p().copies());
    }

    @Test
    void replicasGoToTheDatapointStillMissingThatDestination() {
        Matcher m = matcher(10 * S, 100);
        Key k = key("a.b", 100, 1);
        m.in(k, 0, CLIENT, HOP, 2, null);
        m.in(k, 1, CLIENT, HOP, 2, null);
        m.out(k, 2, RELAY, A);
        m.out(k, 3, RELAY, A);
        m.out(k, 4, RELAY, B);
        m.out(k, 5, RELAY, B);
        m.finish(20 * S);
        for (Settled s : settled) {
            assertEquals(2, s.p().copies());
            assertTrue(s.p().sentTo(A) && s.p().sentTo(B));
        }
    }

    @Test
    void settledByCaptureTimeAfterTheTimeoutAndUnresolvedAtTheEnd() {
        Matcher m = matcher(10 * S, 100);
        m.in(key("x", 1, 1), 0, CLIENT, HOP, 1, null);
        m.in(key("y", 1, 1), 5 * S, CLIENT, HOP, 1, null);
        m.expire(10 * S);
        assertTrue(settled.isEmpty(), "exactly the timeout is still within it");
        m.expire(10 * S + 1);
        assertEquals(1, settled.size());
        assertEquals("x", settled.get(0).p().key().name());
        assertFalse(m.out(key("x", 1, 1), 11 * S, RELAY, A), "a copy after its datapoint settled is unmatched");
        m.finish(12 * S);
        assertEquals(Matcher.Ending.END, settled.get(1).how());
        assertEquals(0, m.pending());
    }

    @Test
    void theBoundEvictsTheOldest() {
        Matcher m = matcher(10 * S, 3);
        for (int i = 0; i < 5; i++) m.in(key("p" + i, 1, 1), i, CLIENT, HOP, 1, null);
        assertEquals(3, m.pending());
        assertEquals(2, settled.size());
        assertEquals("p0", settled.get(0).p().key().name());
        assertEquals(Matcher.Ending.EVICTED, settled.get(1).how());
        assertFalse(m.out(key("p0", 1, 1), 6, RELAY, A));
        assertTrue(m.out(key("p4", 1, 1), 6, RELAY, A));
    }
}
