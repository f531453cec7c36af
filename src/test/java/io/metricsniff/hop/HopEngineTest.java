package io.metricsniff.hop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.decode.Packet;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Transport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's verdicts on hand-made records and segments: what the recordings cannot show
 * (misrouting needs a router; carbon-c-relay's name cleaning) next to the zero-window cause.
 */
class HopEngineTest {
    private static final long S = 1_000_000_000L;
    private static final Endpoint CLIENT = ep(1, 40000), HOP = ep(21, 2013), RELAY = ep(1, 50000),
            A = ep(22, 2104), B = ep(23, 2204);

    private final List<HopOutcome> outcomes = new ArrayList<>();

    private static Endpoint ep(int last, int port) { return new Endpoint(new byte[] {127, 0, 0, (byte) last}, port); }

    private static MetricRecord rec(long t, Endpoint src, Endpoint dst, String path) {
        return new MetricRecord(t, src, dst, Transport.TCP, Protocol.GRAPHITE, path + " 1 100").path(path).value(1).timestamp(100);
    }

    private HopEngine engine(String spec, int replicas, Router router) {
        return new HopEngine(List.of(HopSpec.parse(spec)), new HopEngine.Options(10 * S, replicas, 1000, true, router), outcomes::add);
    }

    private static Router only(Endpoint dst) {
        return new Router() {
            @Override public List<Endpoint> destinations(String name) { return List.of(dst); }
            @Override public String describe() { return "everything to " + dst; }
        };
    }

    private HopOutcome single(HopVerdict v) {
        List<HopOutcome> l = outcomes.stream().filter(o -> o.verdict() == v).toList();
        assertEquals(1, l.size(), v + " in " + outcomes);
        return l.get(0);
    }

    @Test
    void aCopyWhereTheRouterWouldNotSendItIsMisrouted() {
        HopEngine e = engine("2013", 1, only(A));
        e.metric(rec(0, CLIENT, HOP, "a.b"));
        e.metric(rec(1, RELAY, B, "a.b"));
        e.finish();
        HopOutcome o = single(HopVerdict.MISROUTED);
        assertEquals(List.of(B), o.destinations());
        assertTrue(o.reason().contains("everything to 127.0.0.22:2104"), o.reason());
        assertEquals(1, e.stats().get(0).misrouted());
    }

    @Test
    void twoCopiesToOneDestinationAreDuplicatedEvenWithTwoReplicas() {
        HopEngine e = engine("127.0.0.21:2013", 2, null);
        e.metric(rec(0, CLIENT, HOP, "a.b"));
        e.metric(rec(1, RELAY, A, "a.b"));
        e.metric(rec(2, RELAY, A, "a.b"));
        e.metric(rec(20 * S, CLIENT, HOP, "later")); // capture time moves past the timeout
        assertEquals(2, single(HopVerdict.DUPLICATED).out().size());
    }

    @Test
    void carbonCRelayCleansTheNameBeforeMatching() {
        HopEngine e = engine("carbon-c-relay:2013", 1, null);
        e.metric(rec(0, CLIENT, HOP, "host(1)..cpu%"));
        e.metric(rec(1, RELAY, A, "host_1_.cpu_"));
        e.finish();
        HopOutcome o = single(HopVerdict.DELIVERED);
        assertEquals("host_1_.cpu_", o.path());
        assertEquals(1, o.lagNanos());
    }

    @Test
    void aZeroWindowFromTheDestinationIsTheCauseOfADrop() {
        HopEngine e = engine("2013", 1, null);
        e.metric(rec(0, RELAY, A, "seen.before")); // the name's route: a (unmatched: nothing pending)
        e.tcpSegment(segment(A, RELAY, 0), 1);  // a stops reading
        e.metric(rec(S, CLIENT, HOP, "x"));
        e.metric(rec(S, CLIENT, HOP, "seen.before"));
        e.tcpSegment(segment(A, RELAY, 512), 5 * S);
        e.metric(rec(20 * S, CLIENT, HOP, "later"));
        List<HopOutcome> drops = outcomes.stream().filter(o -> o.verdict() == HopVerdict.DROPPED).toList();
        assertEquals(2, drops.size());
        for (HopOutcome o : drops) {
            assertTrue(o.reason().contains("127.0.0.22:2104 advertised a zero window for 5.0 s"), o.reason());
            assertEquals(List.of(A), o.destinations());
        }
    }

    private static Packet segment(Endpoint src, Endpoint dst, int window) {
        Packet p = new Packet();
        p.ipVersion = 4;
        p.protocol = Packet.TCP;
        System.arraycopy(src.address(), 0, p.srcAddr, 0, 4);
        System.arraycopy(dst.address(), 0, p.dstAddr, 0, 4);
        p.srcPort = src.port();
        p.dstPort = dst.port();
        p.tcpFlags = Packet.ACK;
        p.window = window;
        return p;
    }
}
