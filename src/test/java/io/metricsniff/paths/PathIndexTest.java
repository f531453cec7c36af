package io.metricsniff.paths;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathIndexTest {
    static int id(PathIndex ix, String path) {
        byte[] b = path.getBytes(StandardCharsets.UTF_8);
        return ix.id(b, 0, b.length);
    }

    @Test
    void samePathSameIdAcrossGrowth() {
        PathIndex ix = new PathIndex(1_000_000);
        int[] ids = new int[100_000];
        for (int i = 0; i < ids.length; i++) ids[i] = id(ix, "dc1.host" + i + ".cpu.idle");
        assertEquals(ids.length, ix.size());
        Set<Integer> distinct = new HashSet<>();
        for (int i = 0; i < ids.length; i++) {
            assertEquals(ids[i], id(ix, "dc1.host" + i + ".cpu.idle"), "id changed after the table grew");
            distinct.add(ids[i]);
        }
        assertEquals(ids.length, distinct.size());
        assertEquals(ids.length, ix.idLimit(), "ids are dense");
        assertEquals(1.0, ix.sampledFraction());
    }

    @Test
    void slotCollisionsProbeToTheRightPath() {
        PathIndex ix = new PathIndex(1000);
        // the same high 41 bits: the same home slot in any table size and the same tag in the slot;
        // only the full fingerprint (checked on a tag match) tells them apart
        long a = 0x1234_5678_9AB0_0005L, b = 0x1234_5678_9AB0_0006L, c = 0x1234_5678_9AB7_FFFFL;
        int ia = ix.idOf(a), ib = ix.idOf(b), ic = ix.idOf(c);
        assertEquals(3, Set.of(ia, ib, ic).size());
        assertEquals(ib, ix.idOf(b));
        assertEquals(ia, ix.idOf(a));
        assertEquals(ic, ix.idOf(c));
        assertEquals(3, ix.size());
        assertEquals(ix.idOf(0), ix.idOf(0), "a fingerprint of 0 is a path like any other");
    }

    @Test
    void growingKeepsEveryPathFindable() {
        // a third in the table's last quarter (probe runs wrap around its end), a third in its first,
        // through several doublings
        PathIndex ix = new PathIndex(1_000_000);
        java.util.Random r = new java.util.Random(13);
        long[] fps = new long[50_000];
        for (int i = 0; i < fps.length; i++) {
            long fp = r.nextLong();
            fps[i] = i % 3 == 0 ? fp | 0xC000_0000_0000_0000L : i % 3 == 1 ? fp >>> 2 : fp;
        }
        int[] ids = new int[fps.length];
        for (int i = 0; i < fps.length; i++) ids[i] = ix.idOf(fps[i]);
        assertEquals(fps.length, ix.size());
        for (int i = 0; i < fps.length; i++) assertEquals(ids[i], ix.idOf(fps[i]), "fingerprint " + i);
        assertEquals(fps.length, ix.size(), "no path added twice");
    }

    @Test
    void structuredNamesSpreadOverLowAndHighBits() {
        int buckets = 1024, n = 1 << 20;
        int[] low = new int[buckets], high = new int[buckets];
        for (int i = 0; i < n; i++) {
            byte[] p = ("servers.web" + (i / 1000) + ".disk.sda" + (i % 1000) + ".reads").getBytes(StandardCharsets.UTF_8);
            long h = PathHash.of(p, 0, p.length);
            low[(int) h & (buckets - 1)]++;
            high[(int) (h >>> 54)]++;
        }
        double expect = (double) n / buckets;
        for (int i = 0; i < buckets; i++) {
            assertTrue(Math.abs(low[i] - expect) < expect * 0.2, "low bits clustered: bucket " + i + " has " + low[i]);
            assertTrue(Math.abs(high[i] - expect) < expect * 0.2, "high bits clustered: bucket " + i + " has " + high[i]);
        }
    }

    @Test
    void beyondTheLimitAConsistentHashSample() {
        PathIndex ix = new PathIndex(10_000);
        DoubleColumn col = ix.doubles(-1);
        for (int i = 0; i < 10_000; i++) col.set(id(ix, "a.b" + i), i);
        assertEquals(1.0, ix.sampledFraction());
        for (int i = 10_000; i < 40_000; i++) {
            int id = id(ix, "a.b" + i);
            if (id != PathIndex.NONE) col.set(id, i);
        }
        assertTrue(ix.sampledFraction() < 1.0);
        assertTrue(ix.size() <= 10_000);
        double f = ix.sampledFraction();
        int in = 0;
        for (int i = 0; i < 40_000; i++) {
            int first = id(ix, "a.b" + i);
            assertEquals(first, id(ix, "a.b" + i), "a path is consistently in or out");
            if (first == PathIndex.NONE) continue;
            in++;
            // a kept path keeps its own state; a reused id was reset before it named this path
            assertEquals(i, col.get(first), "state of a.b" + i);
        }
        assertTrue(Math.abs(in - 40_000 * f) < 40_000 * f * 0.1, in + " paths in a sample of " + f);
        assertTrue(ix.sampledOutRecords() > 0);
    }

    @Test
    void releasedIdsAreReusedNotLeaked() {
        PathIndex ix = new PathIndex(1000);
        for (int i = 0; i < 100_000; i++) id(ix, "x.y" + i);
        assertTrue(ix.idLimit() <= 1000, "ids stay within the limit: " + ix.idLimit());
        assertNotEquals(1.0, ix.sampledFraction());
    }

    @Test
    void warmingChangesNothing() {
        PathIndex ix = new PathIndex(1_000_000);
        DoubleColumn col = ix.doubles(-1);
        java.util.Random r = new java.util.Random(3);
        long[] known = new long[5_000];
        for (int i = 0; i < known.length; i++) {
            known[i] = r.nextLong();
            col.set(ix.idOf(known[i]), i);
        }
        // known paths, new ones, and new ones with a known path's tag (only the low 23 bits differ)
        long[] batch = new long[PathIndex.WARM_BATCH];
        for (int k = 0; k < batch.length; k++) {
            batch[k] = k % 3 == 0 ? known[k] : k % 3 == 1 ? r.nextLong() : known[k] ^ (k + 1);
        }
        ix.warm(batch, batch.length, true);
        assertEquals(known.length, ix.size(), "no path added");
        for (int i = 0; i < known.length; i++) {
            int id = ix.idOf(known[i]);
            assertEquals(i, id, "path " + i + " keeps its id");
            assertEquals(i, col.get(id));
        }
        assertEquals(known.length, ix.size());
        assertEquals(known.length, ix.idOf(batch[1]), "a new path still gets the next id");
    }
}
