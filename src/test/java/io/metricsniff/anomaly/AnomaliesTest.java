package io.metricsniff.anomaly;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The anomaly channel: counted and connected sources add up under one stable code each. */
class AnomaliesTest {
    @Test void countedAndConnectedSourcesAddUp() {
        Anomalies a = new Anomalies();
        AtomicLong reassembler = new AtomicLong();
        a.source(Anomaly.OVERLAP_CONFLICTS, reassembler::get);
        a.count(Anomaly.OVERLAP_CONFLICTS);
        a.add(Anomaly.GAP_BYTES, 1448);
        reassembler.set(2);
        assertEquals(3, a.get(Anomaly.OVERLAP_CONFLICTS), "a source is read when the code is read");
        assertEquals(1448, a.get(Anomaly.GAP_BYTES));
        assertEquals(0, a.get(Anomaly.QUEUE_DROPS));
    }

    @Test void codesAreUniqueSnakeCaseWithAReason() {
        Set<String> codes = new HashSet<>();
        for (Anomaly a : Anomaly.values()) {
            assertTrue(codes.add(a.code()), "duplicate " + a.code());
            assertTrue(a.code().matches("[a-z]+(_[a-z]+)*"), a.code());
            assertFalse(a.reason().isBlank() || a.reason().contains("\n"), a.name());
        }
    }
}
