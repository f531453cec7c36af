package io.metricsniff.health;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.metricsniff.health.Wire.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionHealthTest {
    private final ConnectionHealth health = new ConnectionHealth(HealthLimits.defaults());
    private final Wire w = new Wire(health, 1);

    @Test void refusedConnectsInALoopAreAStorm() {
        long t = 1000 * SECOND;
        for (int i = 0; i < HealthLimits.STORM_MIN_CONNECTS; i++, t += SECOND) {
            w.connect(t);
            w.serverRst(t + 1000);
        }
        HealthSnapshot s = health.snapshot();
        assertEquals(HealthLimits.STORM_MIN_CONNECTS, s.get(HealthCount.REFUSED));
        assertEquals(HealthLimits.STORM_MIN_CONNECTS, s.get(HealthCount.SHORT_CONNECTIONS));
        assertEquals(1, s.get(HealthCount.STORMS));
        assertEquals(0, s.get(HealthCount.RESETS));
        assertTrue(s.hosts().get(0).storming());
        assertEquals(0, s.open());
        HealthEvent storm = s.events().stream().filter(e -> e.kind() == HealthEvent.Kind.STORM).findFirst().orElseThrow();
        assertEquals(1000 * SECOND + 1000, storm.timeNanos());
    }

    @Test void anRstLosesTheLinesInUnacknowledgedBytes() {
        w.connect(SECOND);
        w.synAck(SECOND);
        w.send("a.b 1 1\nc.d 2 2\n", 2 * SECOND);          // crosses 2^32: offsets must unwrap
        w.ack(0, 64, 2 * SECOND);
        w.send("e.f 3 3\ng.h 4 4\ni.j", 3 * SECOND);
        w.send(" 5 5\nk", 3 * SECOND);
        w.serverRst(4 * SECOND);
        HealthSnapshot s = health.snapshot();
        assertEquals(1, s.get(HealthCount.RESETS));
        assertEquals("e.f 3 3\ng.h 4 4\ni.j 5 5\nk".length(), s.get(HealthCount.LOST_BYTES));
        assertEquals(3, s.get(HealthCount.LOST_LINES));
        HealthEvent e = s.events().get(0);
        assertEquals(HealthEvent.Kind.RESET_LOSS, e.kind());
        assertTrue(e.exact());
        assertEquals(0, s.open());
    }

    @Test void lineEndsBeyondTheLimitMakeTheCountAnUpperBound() {
        ConnectionHealth small = new ConnectionHealth(HealthLimits.defaults().withNewlines(4));
        Wire v = new Wire(small, 2);
        v.connect(SECOND);
        v.synAck(SECOND);
        v.send("x 1 1\n".repeat(10), SECOND);
        v.serverRst(SECOND);
        HealthSnapshot s = small.snapshot();
        assertEquals(10, s.get(HealthCount.LOST_LINES));
        assertFalse(s.events().get(0).exact());
    }

    @Test void aZeroWindowIsTimedWithTheLinesWaiting() {
        w.connect(SECOND);
        w.synAck(SECOND);
        w.send("a 1 1\n", SECOND);
        w.ack(0, 64, SECOND);                 // read: the window stayed
        w.send("b 2 2\nc 3 3\n", 2 * SECOND);
        w.ack(0, 10, 2 * SECOND);             // shrank: not read
        w.send("d 4 4\n", 2 * SECOND);
        w.ack(0, 0, 3 * SECOND);              // shut
        w.ack(0, 0, 5 * SECOND);              // still shut (probe answered)
        w.ack(0, 64, 7 * SECOND);             // read again
        HealthSnapshot s = health.snapshot();
        assertEquals(1, s.get(HealthCount.ZERO_WINDOWS));
        assertEquals(4000, s.get(HealthCount.ZERO_WINDOW_MS));
        HealthEvent e = s.events().get(0);
        assertEquals(HealthEvent.Kind.ZERO_WINDOW, e.kind());
        assertEquals("b 2 2\nc 3 3\nd 4 4\n".length(), e.bytes());
        assertEquals(3, e.lines());
        assertEquals(0, s.zeroWindowsOpen());
    }

    @Test void retransmittedSegmentsAreCountedNotDoubleScanned() {
        w.connect(SECOND);
        w.synAck(SECOND);
        w.send("a 1 1\nb 2 2\n", SECOND);
        w.resend("b 2 2\n", 6, 2 * SECOND);
        w.send("c 3 3\n", 2 * SECOND);
        w.serverRst(3 * SECOND);              // nothing acknowledged: 3 lines, not 4
        HealthSnapshot s = health.snapshot();
        assertEquals(3, s.get(HealthCount.DATA_SEGMENTS));
        assertEquals(1, s.get(HealthCount.RETRANSMITS));
        assertEquals(3, s.get(HealthCount.LOST_LINES));
        assertEquals(1.0 / 3, s.retransmitRate(), 1e-9);
    }

    @Test void anOpenConnectionWithNothingFlowingIsQuiet() {
        w.connect(SECOND);
        w.synAck(SECOND);
        w.send("a 1 1\n", SECOND);
        w.ack(0, 64, SECOND + HealthLimits.QUIET_NANOS);
        HealthSnapshot s = health.snapshot();
        assertEquals(1, s.open());
        assertEquals(1, s.quiet());
        w.close(SECOND + HealthLimits.QUIET_NANOS);
        assertEquals(0, health.snapshot().open());
        assertEquals(0, health.snapshot().get(HealthCount.SHORT_CONNECTIONS)); // it lived a minute
    }

    /** Days of churn in compressed capture time: flows and hosts expire, memory stays flat. */
    @Test void stateStaysBoundedOverDays() {
        ConnectionHealth h = new ConnectionHealth(HealthLimits.defaults());
        long t = 0;
        int peakFlows = 0, peakHosts = 0;
        for (int i = 0; i < 3 * 24 * 360; i++, t += 10 * SECOND) { // a new host every 10 s for 3 days
            Wire v = new Wire(h, i % 60_000);
            v.connect(t);
            v.synAck(t);
            v.send("a.b 1 1\n", t);            // then silence: never closed
            peakFlows = Math.max(peakFlows, h.flowsTracked());
            peakHosts = Math.max(peakHosts, h.hostsTracked());
        }
        h.expire(t + HealthLimits.HOST_IDLE_NANOS);
        assertTrue(peakFlows <= HealthLimits.FLOW_IDLE_NANOS / (10 * SECOND) + 1, "flows " + peakFlows);
        assertTrue(peakHosts <= HealthLimits.HOST_IDLE_NANOS / (10 * SECOND) + 1, "hosts " + peakHosts);
        assertEquals(0, h.flowsTracked());
        assertEquals(0, h.hostsTracked());
        assertEquals(3 * 24 * 360, h.snapshot().get(HealthCount.CONNECTS)); // totals keep everything
    }

    @Test void tablesAreCappedByTheirLimits() {
        ConnectionHealth h = new ConnectionHealth(HealthLimits.defaults().withTables(5, 3));
        for (int i = 0; i < 20; i++) {
            Wire v = new Wire(h, i);
            v.connect(SECOND);
            v.synAck(SECOND);
        }
        HealthSnapshot s = h.snapshot();
        assertEquals(5, s.open());
        assertEquals(3, s.hosts().size());
        assertEquals(15, s.evictedFlows());
        assertEquals(17, s.evictedHosts());
        List<HealthEvent> none = s.events();
        assertTrue(none.isEmpty());
    }
}
