package io.metricsniff.hop.route;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.hop.Router;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fixed names and positions, worked out from the relays' source and printed by the relays
 * themselves on this machine: carbon 1.1.7's hashing.py (ConsistentHashRing(...).ring,
 * carbonHash, get_nodes) and {@code carbon-c-relay -t -d} 3.7.3 (ring dump and hash_pos).
 */
class RingPositionsTest {
    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static Endpoint ep(String host, int port) throws Exception {
        return new Endpoint(java.net.InetAddress.getByName(host).getAddress(), port);
    }

    @Test
    void carbonChPositionsAreMd5sFirstTwoBytes() {
        CarbonHashRing ring = new CarbonHashRing(CarbonHashRing.HashType.CARBON_CH);
        assertEquals(62568, ring.position(b("lab.hop.a")));
        assertEquals(1081, ring.position(b("lab.hop.b")));
        assertEquals(21005, ring.position(b("servers.web01.cpu.load")));
        assertEquals(40404, ring.position(b("x")));
    }

    @Test
    void carbonRingNodesAsPythonAndCRelayPlaceThem() {
        // python: ConsistentHashRing([('127.0.0.31', None), ('127.0.0.32', 'a')]).ring[:5];
        // carbon-c-relay -d prints the same ring for 127.0.0.31:2003 127.0.0.32:2004=a
        CarbonHashRing ring = new CarbonHashRing(CarbonHashRing.HashType.CARBON_CH);
        ring.add(new CarbonHashRing.Node("127.0.0.31", null));
        ring.add(new CarbonHashRing.Node("127.0.0.32", "a"));
        assertEquals(List.of(190, 1507, 1974, 2750, 2883), Arrays.stream(ring.positions()).limit(5).boxed().toList());
        assertEquals(200, ring.positions().length);
        assertEquals("('127.0.0.32', 'a')", CarbonHashRing.tupleRepr(new CarbonHashRing.Node("127.0.0.32", "a")));
        assertEquals(List.of(new CarbonHashRing.Node("127.0.0.32", "a"), new CarbonHashRing.Node("127.0.0.31", null)),
                ring.walk("lab.hop.a"));
        assertEquals(List.of(new CarbonHashRing.Node("127.0.0.31", null), new CarbonHashRing.Node("127.0.0.32", "a")),
                ring.walk("lab.hop.b"));
    }

    @Test
    void carbonFnv1aHashesTheInstanceOnlyAndBumpsCollisions() {
        CarbonHashRing ring = new CarbonHashRing(CarbonHashRing.HashType.FNV1A_CH);
        assertEquals(46182, ring.position(b("lab.hop.a")));
        assertEquals(43140, ring.position(b("café.x"))); // UTF-8 bytes, unsigned
        ring.add(new CarbonHashRing.Node("127.0.0.31", "a"));
        ring.add(new CarbonHashRing.Node("127.0.0.32", "b"));
        ring.add(new CarbonHashRing.Node("127.0.0.33", null));
        assertEquals(List.of(218, 536, 611, 737, 991), Arrays.stream(ring.positions()).limit(5).boxed().toList());
        assertEquals(List.of("127.0.0.32", "127.0.0.33", "127.0.0.31"),
                ring.walk("lab.hop.b").stream().map(CarbonHashRing.Node::server).toList());
        // without instances every node hashes "i-None": the second node's positions are bumped by one
        CarbonHashRing same = new CarbonHashRing(CarbonHashRing.HashType.FNV1A_CH);
        same.add(new CarbonHashRing.Node("h1", null));
        same.add(new CarbonHashRing.Node("h2", null));
        assertEquals(List.of(737, 738, 1102, 1103), Arrays.stream(same.positions()).limit(4).boxed().toList());
        assertEquals(65406, same.positions()[199]);
    }

    @Test
    void carbonRelayRouterReplicatesAndDedups() throws Exception {
        List<CarbonRelayRouter.Destination> d = List.of(
                new CarbonRelayRouter.Destination("127.0.0.31", 2004, null, ep("127.0.0.31", 2004)),
                new CarbonRelayRouter.Destination("127.0.0.32", 2104, "a", ep("127.0.0.32", 2104)));
        Router rf1 = new CarbonRelayRouter(d, 1, true, false);
        Router rf2 = new CarbonRelayRouter(d, 2, true, false);
        assertEquals(List.of(ep("127.0.0.32", 2104)), rf1.destinations("lab.hop.a"));
        assertEquals(List.of(ep("127.0.0.32", 2104), ep("127.0.0.31", 2004)), rf2.destinations("lab.hop.a"));
        // one destination, RF 2: get_nodes yields it twice, client.py's set sends one copy
        Router one = new CarbonRelayRouter(d.subList(0, 1), 2, false, false);
        assertEquals(List.of(ep("127.0.0.31", 2004)), one.destinations("lab.hop.a"));
    }

    @Test
    void cRelayRingsAsItsTestModePrintsThem() throws Exception {
        CRelayRouter r = CRelayConfig.parse("t.conf", String.join("\n",
                "cluster c1 carbon_ch 127.0.0.31:2003 127.0.0.32:2004=a ;",
                "cluster f1 fnv1a_ch replication 2 127.0.0.31:2013=a 127.0.0.32:2014=b 127.0.0.33:2015 ;",
                "cluster j1 jump_fnv1a_ch replication 2 127.0.0.31:2023 127.0.0.32:2024 127.0.0.33:2025=1 ;",
                "match * send to c1 f1 j1 ;"));
        assertEquals(List.of(ep("127.0.0.32", 2004), ep("127.0.0.33", 2015), ep("127.0.0.31", 2013),
                ep("127.0.0.33", 2025), ep("127.0.0.31", 2023)), r.destinations("lab.hop.a"));
        assertEquals(List.of(ep("127.0.0.31", 2003), ep("127.0.0.32", 2014), ep("127.0.0.33", 2015),
                ep("127.0.0.31", 2023), ep("127.0.0.33", 2025)), r.destinations("lab.hop.b"));
        assertEquals(List.of(ep("127.0.0.32", 2004), ep("127.0.0.31", 2013), ep("127.0.0.33", 2015),
                ep("127.0.0.33", 2025), ep("127.0.0.31", 2023)), r.destinations("servers.web01.cpu.load"));
        assertEquals(List.of(ep("127.0.0.32", 2004), ep("127.0.0.33", 2015), ep("127.0.0.31", 2013),
                ep("127.0.0.31", 2023), ep("127.0.0.33", 2025)), r.destinations("x"));
    }

    @Test
    void cRelayFnv1aSignExtendsHighBytes() {
        byte[] k = b("é"); // 0xc3 0xa9: as signed chars they xor in as 0xffffffc3, 0xffffffa9
        int expect = ((RingHash.FNV32_OFFSET ^ 0xffffffc3) * RingHash.FNV32_PRIME ^ 0xffffffa9) * RingHash.FNV32_PRIME;
        assertEquals(expect, RingHash.fnv1a32Signed(k, k.length));
        assertEquals(((RingHash.FNV32_OFFSET ^ 0xc3) * RingHash.FNV32_PRIME ^ 0xa9) * RingHash.FNV32_PRIME,
                RingHash.fnv1a32Unsigned(k, k.length));
    }
}
