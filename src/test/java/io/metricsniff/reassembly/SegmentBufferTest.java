package io.metricsniff.reassembly;

import org.junit.jupiter.api.Test;

import static io.metricsniff.reassembly.TcpTestKit.ascii;
import static io.metricsniff.reassembly.TcpTestKit.str;
import static org.junit.jupiter.api.Assertions.*;

/** The segment buffer alone: placement, first copy wins, conflicts, budgets, drain in order. */
class SegmentBufferTest {
    static final int COST = SegmentBuffer.SEGMENT_COST;

    final ReassemblyStats stats = new ReassemblyStats();
    final ReassemblyLimits limits = ReassemblyLimits.defaults();
    final SegmentBuffer b = new SegmentBuffer(stats, limits);

    /** Stores {@code s} at stream offset {@code at}, read from an odd offset of a larger array. */
    static void put(SegmentBuffer buf, long at, String s) {
        byte[] packet = ascii("##" + s + "#");
        buf.store(at, at + s.length(), packet, 2);
    }

    static String text(SegmentBuffer.Segment s, long from) {
        return str(java.util.Arrays.copyOfRange(s.data, (int) (from - s.start), (int) (s.end - s.start)));
    }

    @Test
    void drainsInOrderOnlyWhatIsNextInLine() {
        put(b, 20, "uvw");
        put(b, 10, "klm");
        assertFalse(b.isEmpty());
        assertEquals(10, b.firstStart());
        assertNull(b.pollReady(9), "a hole before the first range: nothing to drain");
        SegmentBuffer.Segment s = b.pollReady(10);
        assertEquals("klm", text(s, 10));
        assertNull(b.pollReady(13));
        SegmentBuffer.Segment u = b.pollReady(21); // the stream already has byte 20
        assertEquals(20, u.start);
        assertEquals("vw", text(u, 21));
        assertTrue(b.isEmpty());
        assertEquals(0, b.cost());
        assertEquals(0, stats.bufferedBytes());
    }

    @Test
    void placementQueriesSeeHeldRanges() {
        put(b, 10, "klm");
        b.store(20, 25, null, 0); // marker: bytes the capture cut off
        assertEquals(13, b.coveredUntil(10));
        assertEquals(13, b.coveredUntil(12));
        assertEquals(13, b.coveredUntil(13), "the end is not held");
        assertEquals(25, b.coveredUntil(22));
        assertEquals(10, b.nextStart(0));
        assertEquals(20, b.nextStart(10));
        assertEquals(Long.MAX_VALUE, b.nextStart(20));
        assertEquals("klm", text(b.pollReady(20), 10));
        SegmentBuffer.Segment marker = b.pollReady(20);
        assertNull(marker.data);
        assertEquals(25, marker.end);
        assertTrue(b.isEmpty());
    }

    @Test
    void storeCopiesSoTheCallerMayReuseItsBuffer() {
        byte[] packet = ascii("abcdef");
        b.store(100, 103, packet, 1);
        packet[1] = 'X';
        assertEquals("bcd", text(b.pollReady(100), 100));
    }

    @Test
    void aDifferingLaterCopyIsCountedWithItsOverlapAndTheFirstCopyStays() {
        put(b, 10, "KLMNO");
        b.store(30, 40, null, 0);
        byte[] same = ascii("-klmno-");
        b.compare(10, 15, ascii("KLMNO"), 0);
        assertEquals(0, stats.overlapConflicts(), "same bytes are no conflict");
        b.compare(8, 17, ascii("##ijXXXXXpq"), 2); // [8,17) overlaps [10,15) and differs there
        assertEquals(1, stats.overlapConflicts());
        assertEquals(5, stats.overlapConflictBytes());
        b.compare(12, 14, same, 3); // "mn" against "MN": 2 bytes
        assertEquals(2, stats.overlapConflicts());
        assertEquals(7, stats.overlapConflictBytes());
        b.compare(29, 41, new byte[12], 0); // a marker has no bytes to compare
        assertEquals(2, stats.overlapConflicts());
        assertEquals("KLMNO", text(b.pollReady(10), 10));
    }

    @Test
    void budgetsChargeBytesPlusBookkeepingPerDirectionAndInTotal() {
        ReassemblyLimits tight = limits.withMaxBufferedPerDirection(2L * (COST + 10))
                .withMaxBufferedTotal(3L * (COST + 10));
        SegmentBuffer one = new SegmentBuffer(stats, tight), two = new SegmentBuffer(stats, tight);
        assertEquals(SegmentBuffer.Budget.FITS, one.budget(10));
        put(one, 0, "0123456789");
        put(one, 20, "0123456789");
        assertEquals(2L * (COST + 10), one.cost());
        assertEquals(SegmentBuffer.Budget.DIRECTION_FULL, one.budget(1));
        assertEquals(SegmentBuffer.Budget.FITS, two.budget(10));
        put(two, 0, "0123456789");
        assertEquals(SegmentBuffer.Budget.TOTAL_FULL, two.budget(0), "room for its own, not for all");
        assertEquals(3L * (COST + 10), stats.bufferedBytes());
        one.clear();
        assertTrue(one.isEmpty());
        assertEquals(COST + 10, stats.bufferedBytes());
        assertEquals(SegmentBuffer.Budget.FITS, two.budget(10));
        assertEquals(3L * (COST + 10), stats.maxBufferedBytes());
        two.clear();
        assertEquals(0, stats.bufferedBytes());
    }

    @Test
    void dropFromRemovesAndTrimsWhatLiesBeyondAFin() {
        put(b, 0, "abcde");
        put(b, 10, "klm");
        b.store(20, 24, null, 0);
        assertEquals(2 + 3 + 4, b.dropFrom(3)); // trims [3,5), drops [10,13) and the marker
        assertEquals(COST + 5, b.cost(), "a trimmed range keeps its charge until drained");
        SegmentBuffer.Segment s = b.pollReady(0);
        assertEquals(3, s.end);
        assertTrue(b.isEmpty());
        assertEquals(0, b.dropFrom(0));
        assertEquals(0, stats.bufferedBytes());
    }
}
