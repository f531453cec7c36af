package io.metricsniff.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PacketRingTest {
    @Test void replayLosesNothingAndKeepsOrderAcrossThreads() throws Exception {
        PacketRing ring = new PacketRing(64, 10_000, false);
        int n = 200_000;
        Thread producer = new Thread(() -> {
            for (int i = 0; i < n; i++) ring.packet(i, new byte[] {(byte) i}, 1, 1);
            ring.close();
        });
        producer.start();
        long[] next = {0};
        List<String> errors = new ArrayList<>();
        while (ring.drainTo((t, d, c, o) -> {
            if (t != next[0] || d[0] != (byte) t) errors.add("out of order at " + t);
            next[0]++;
        })) { }
        producer.join();
        assertEquals(List.of(), errors);
        assertEquals(n, next[0]);
        assertEquals(0, ring.dropped());
    }

    @Test void liveDropsAndCountsWhenFullInsteadOfBlocking() {
        PacketRing ring = new PacketRing(4, 1 << 20, true);
        for (int i = 0; i < 10; i++) ring.packet(i, new byte[10], 10, 10);
        assertEquals(6, ring.dropped());
        int[] seen = {0};
        ring.drainTo((t, d, c, o) -> seen[0]++);
        assertEquals(4, seen[0]);
    }

    @Test void byteBoundHoldsButAnOversizedPacketStillPassesAlone() {
        PacketRing ring = new PacketRing(16, 100, true);
        ring.packet(0, new byte[60], 60, 60);
        ring.packet(1, new byte[60], 60, 60); // would exceed 100 bytes held: dropped
        assertEquals(1, ring.dropped());
        ring.drainTo((t, d, c, o) -> { });
        ring.packet(2, new byte[500], 500, 500); // ring empty: accepted despite the bound
        assertEquals(1, ring.dropped());
        ring.close();
        int[] seen = {0};
        ring.drainTo((t, d, c, o) -> seen[0]++);
        assertEquals(1, seen[0]);
        assertFalse(ring.drainTo((t, d, c, o) -> { }));
    }
}
