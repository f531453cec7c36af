package io.metricsniff.hop;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Relays' drop counters as rises per report: cumulative (carbon-c-relay) or per interval (carbon-relay). */
class DropCountersTest {
    @Test
    void carbonCRelaysCumulativeCounterRisesByItsDifferences() {
        DropCounters c = new DropCounters();
        String n = "carbon.relays.lab.destinations.127_0_0_38:2003.dropped";
        long[] reports = {0, 0, 1, 16, 16, 16};
        long sum = 0;
        for (long r : reports) sum += c.rise(n, r);
        assertEquals(16, sum);
    }

    @Test
    void aFallingReportMeansPerIntervalFromThenOn() {
        DropCounters c = new DropCounters();
        String n = "carbon.relays.lab.metricsDropped";
        assertEquals(0, c.rise(n, 5), "the first report is the baseline");
        assertEquals(3, c.rise(n, 8));
        assertEquals(2, c.rise(n, 2), "lower: reset counters after interval (or a restart)");
        assertEquals(7, c.rise(n, 7));
    }

    @Test
    void carbonRelaysFullQueueDropsCountPerInterval() {
        DropCounters c = new DropCounters();
        String n = "carbon.relays.lab-a.destinations.127_0_0_22:2104:None.fullQueueDrops";
        assertEquals(2475, c.rise(n, 2475));
        assertEquals(100, c.rise(n, 100));
    }
}
