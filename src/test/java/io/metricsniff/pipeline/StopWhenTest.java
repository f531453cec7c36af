package io.metricsniff.pipeline;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Transport;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** -n and --within/--expect: exactly N records pass, the capture is asked to stop once. */
class StopWhenTest {
    static final Endpoint SRC = new Endpoint(new byte[] {127, 0, 0, 1}, 40000);
    static final Endpoint DST = new Endpoint(new byte[] {127, 0, 0, 1}, 2003);

    static MetricRecord rec(int n) {
        return new MetricRecord(n, SRC, DST, Transport.TCP, Protocol.GRAPHITE, "a.b " + n + " 1795508376");
    }

    @Test void passesExactlyNRecordsThenNothingButFinish() {
        Records out = new Records();
        AtomicInteger stops = new AtomicInteger();
        StopWhen s = new StopWhen(out, 3, null, stops::incrementAndGet);
        for (int i = 0; i < 5; i++) s.metric(rec(i));
        s.gap(0, SRC, DST, 10);
        s.skipped(0, SRC, DST, 4, "binary");
        s.finish();
        assertEquals(3, out.metrics.size());
        assertEquals("a.b 2 1795508376", out.metrics.get(2).raw());
        assertEquals(1, stops.get(), "the capture is asked to stop once");
        assertEquals(0, out.gaps.size(), "nothing after the stop");
        assertEquals(0, out.skipped.size());
        assertEquals(1, out.finished, "finish still reaches the sinks (summary, UI)");
    }

    @Test void stopsAfterTheRecordThatMeetsTheCondition() {
        Records out = new Records();
        AtomicBoolean met = new AtomicBoolean();
        AtomicInteger stops = new AtomicInteger();
        StopWhen s = new StopWhen(out, Long.MAX_VALUE, met::get, stops::incrementAndGet);
        s.metric(rec(1));
        s.gap(0, SRC, DST, 7);
        assertEquals(0, stops.get());
        met.set(true);
        s.metric(rec(2));
        s.metric(rec(3));
        assertEquals(2, out.metrics.size(), "the record that met the condition passes, later ones do not");
        assertEquals(1, out.gaps.size());
        assertEquals(1, stops.get());
    }

    @Test void withoutALimitEverythingPasses() {
        Records out = new Records();
        AtomicInteger stops = new AtomicInteger();
        StopWhen s = new StopWhen(out, Long.MAX_VALUE, () -> false, stops::incrementAndGet);
        for (int i = 0; i < 1000; i++) s.metric(rec(i));
        s.skipped(0, SRC, DST, 4, "binary");
        assertEquals(1000, out.metrics.size());
        assertEquals(1, out.skipped.size());
        assertEquals(0, stops.get());
    }
}
