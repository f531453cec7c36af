package io.metricsniff.analysis;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class SenderTableTest {
    static final Endpoint DST = new Endpoint(new byte[] {127, 0, 0, 51}, 2003);
    static final long T = 1_795_504_341_000_000_000L;

    static MetricRecord rec(int host, int port, Protocol p, double ts) {
        Endpoint src = new Endpoint(new byte[] {127, 0, 0, (byte) host}, port);
        return new MetricRecord(T, src, DST, Transport.TCP, p, "a.b 1 " + (long) ts).path("a.b").value(1).timestamp(ts);
    }

    @Test void connectionsOfOneHostAreOneSender() {
        SenderTable t = new SenderTable();
        for (int port = 0; port < 42; port++) t.metric(rec(52, 40000 + port, Protocol.GRAPHITE, T / 1e9));
        t.metric(rec(52, 40000, Protocol.STATSD, T / 1e9));
        t.metric(rec(53, 1, Protocol.GRAPHITE, T / 1e9).flag(Verdict.MALFORMED, new Problem("bad-value", "x")));
        assertEquals(2, t.size());
        HostStats.Snapshot h = t.snapshot().stream().filter(s -> s.name().equals("127.0.0.52")).findFirst().orElseThrow();
        assertEquals(43, h.lines());
        assertEquals(42, h.connections());
        assertEquals(Set.of(Protocol.GRAPHITE, Protocol.STATSD), h.protocols());
        HostStats.Snapshot bad = t.snapshot().stream().filter(s -> s.name().equals("127.0.0.53")).findFirst().orElseThrow();
        assertEquals(Map.of("bad-value", 1L), bad.problems());
        assertEquals(1, bad.problemLines());
    }

    @Test void clockOffsetIsTheMedianAndIgnoresMilliseconds() {
        SenderTable t = new SenderTable();
        double now = T / 1e9;
        for (int i = 0; i < 1000; i++) t.metric(rec(9, 1, Protocol.GRAPHITE, now - 30 + (i % 2 == 0 ? -0.5 : 0.5)));
        for (int i = 0; i < 50; i++) t.metric(rec(9, 1, Protocol.GRAPHITE, now - 7200));   // a few late points
        t.metric(rec(9, 1, Protocol.GRAPHITE, now * 1000));                                // ms: left out
        HostStats.Snapshot h = t.snapshot().get(0);
        assertEquals(-30, h.clockOffsetSeconds(), 0.51, "median of a 64-sample reservoir, not the mean");
        assertEquals(1, h.msTimestamps());
    }

    @Test void boundedHosts() {
        SenderTable t = new SenderTable();
        for (int i = 0; i < SenderTable.MAX_HOSTS + 10; i++) {
            Endpoint src = new Endpoint(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}, 1);
            t.metric(new MetricRecord(T, src, DST, Transport.TCP, Protocol.GRAPHITE, "a 1 1").path("a"));
        }
        assertEquals(SenderTable.MAX_HOSTS, t.size());
        assertEquals(10, t.overflowRecords());
    }
}
