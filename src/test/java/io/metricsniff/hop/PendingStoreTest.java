package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What keeps 200,000 pending datapoints cheap: well-spread key hashes, a ring of arrays, a FIFO of names. */
class PendingStoreTest {
    private static final Endpoint IN = new Endpoint(new byte[] {127, 0, 0, 1}, 2003);
    private static final Endpoint A = new Endpoint(new byte[] {127, 0, 0, 2}, 2004), B = new Endpoint(new byte[] {127, 0, 0, 3}, 2004);

    @Test
    void keysOfABusyRelaySpreadOverTheTable() {
        // scripts/gen-bench-pcap.py's traffic: 1000 series, one timestamp, values n % 100000 + n % 100 / 100
        Set<Integer> slots = new HashSet<>();
        int keys = 100_000, mask = (1 << 19) - 1; // distinct keys (values repeat past 100,000); the table at 200,000 heads
        for (int n = 0; n < keys; n++) {
            double v = n % 100_000 + (n % 100) / 100.0;
            long fp = Pending.fingerprint("bench.host" + (n % 1000) + ".cpu");
            long k = Pending.key(fp, 1795504341L, Pending.valueBits(v));
            slots.add((int) (k ^ k >>> 32) & mask); // the matcher's home slot
        }
        // uniform hashing fills 1 - e^(-keys/slots) of the table: about 90,900 distinct slots
        assertTrue(slots.size() > 88_000, slots.size() + " distinct slots for " + keys + " keys");
    }

    @Test
    void namesWrapRoundTheRingAndSurviveItsGrowth() {
        NameRing ring = new NameRing();
        int[] pos = new int[3000];
        int first = 0;
        for (int i = 0; i < pos.length; i++) {
            byte[] b = ("name." + i).getBytes(StandardCharsets.UTF_8);
            assertTrue(ring.fits(b.length));
            pos[i] = ring.append(b, 0, b.length);
            if (i % 3 == 2) { // release the oldest now and then: the ring wraps before it grows
                ring.release(pos[first], ("name." + first).length());
                first++;
            }
        }
        for (int i = first; i < pos.length; i++) assertEquals("name." + i, ring.string(pos[i], ("name." + i).length()));
    }

    @Test
    void theRingGrowsWithItsSequenceNumbersAndReleasesItsCopies() {
        PendingStore st = new PendingStore();
        byte[] name = "a.b".getBytes(StandardCharsets.UTF_8);
        int firstSeq = 0;
        for (int i = 0; i < 5000; i++) {
            assertTrue(st.nameFits(name.length));
            int s = st.add(i, i, i, name, 0, name.length, i, IN, IN, 2, null);
            if (i == 0) firstSeq = s;
            st.addCopy(s, i + 1, IN, A);
            st.addCopy(s, i + 2, IN, B);
            st.addCopy(s, i + 3, IN, B); // a third copy: the side store's chain
            if (i % 2 == 1) st.removeHead();
        }
        assertEquals(2500, st.size());
        int s = st.head();
        assertEquals(firstSeq + 2500, s);
        assertEquals(2500, st.fp(s));
        assertEquals("a.b", st.name(s));
        assertEquals(3, st.copies(s));
        assertEquals(2502, st.copyTime(s, 1));
        assertEquals(B, st.copyDst(s, 2));
        assertTrue(st.sentTo(s, A) && st.sentTo(s, B));
        assertFalse(st.sentTo(s, IN));
    }

    @Test
    void copiesPastTheKeptLimitAreCountedNotKept() {
        PendingStore st = new PendingStore();
        int s = st.add(1, 1, 1, new byte[] {'x'}, 0, 1, 0, IN, IN, 1, null);
        for (int i = 0; i < PendingStore.MAX_COPIES_KEPT + 5; i++) st.addCopy(s, i, IN, A);
        assertEquals(PendingStore.MAX_COPIES_KEPT + 5, st.copies(s));
        assertEquals(PendingStore.MAX_COPIES_KEPT, st.kept(s));
    }

    @Test
    void datapointsEnterTheKeyTableOnlyWhenACopyIsLookedUp() {
        java.util.List<String> settled = new java.util.ArrayList<>();
        Matcher m = new Matcher(10_000_000_000L, 3, (p, how) -> settled.add(p.name() + " " + p.copies()));
        for (String n : new String[] {"a", "b"}) m.in(n, 100, 1, 0, IN, IN, 1, null);
        assertTrue(m.out("a", 100, 1, 1, IN, A), "the lookup indexes a and b");
        for (String n : new String[] {"c", "d", "e", "f"}) m.in(n, 100, 1, 2, IN, IN, 1, null); // evicts a, b (indexed), c (not)
        assertEquals(java.util.List.of("a 1", "b 0", "c 0"), settled);
        assertFalse(m.out("b", 100, 1, 3, IN, A));
        assertFalse(m.out("c", 100, 1, 3, IN, A), "evicted before it was ever indexed");
        assertTrue(m.out("d", 100, 1, 3, IN, A));
        assertTrue(m.out("f", 100, 1, 3, IN, B));
        m.finish(4);
        assertEquals(java.util.List.of("a 1", "b 0", "c 0", "d 1", "e 0", "f 1"), settled);
    }
}
