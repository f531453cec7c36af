package io.metricsniff.hop.route;

import io.metricsniff.hop.Router;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routers.fromConfig: which relay a file is for, what it reads, and one line for what it cannot. */
class RoutersTest {
    @TempDir Path dir;

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private String error(String name, String text) throws Exception {
        Path p = file(name, text);
        String msg = assertThrows(IllegalArgumentException.class, () -> Routers.fromConfig(p)).getMessage();
        assertFalse(msg.contains("\n"), "one line: " + msg);
        return msg;
    }

    @Test
    void carbonConfIsReadFromItsRelaySection() throws Exception {
        Router r = Routers.fromConfig(file("carbon.conf", String.join("\n", "# carbon", "[cache]", "LINE_RECEIVER_PORT = 2003",
                "[relay]", "RELAY_METHOD = consistent-hashing", "REPLICATION_FACTOR = 2",
                "DESTINATIONS = 127.0.0.31:2004, 127.0.0.32:2004:a, [::1]:2104", "")));
        assertEquals("carbon-relay consistent-hashing carbon_ch RF=2 diverse over 3 destinations", r.describe());
        assertEquals(2, r.destinations("any.name").size());
    }

    @Test
    void diverseReplicasSkipsASecondInstanceOnTheSameServer() throws Exception {
        String common = "[relay]\nRELAY_METHOD = consistent-hashing\nREPLICATION_FACTOR = 2\n"
                + "DESTINATIONS = 127.0.0.31:2004:a, 127.0.0.31:2005:b\n";
        Router diverse = Routers.fromConfig(file("d.conf", common));
        Router plain = Routers.fromConfig(file("p.conf", common + "DIVERSE_REPLICAS = False\n"));
        assertEquals(1, diverse.destinations("x.y").size()); // both instances live on 127.0.0.31
        assertEquals(2, plain.destinations("x.y").size());
    }

    @Test
    void cRelayConfigWithStopsBlackholeAndForward() throws Exception {
        Router r = Routers.fromConfig(file("relay.conf", String.join("\n",
                "listen type linemode 127.0.0.35:2003 proto tcp ;  # input",
                "cluster all forward 127.0.0.31:2003 127.0.0.32:2003 ;",
                "cluster one failover 127.0.0.33:2003 127.0.0.31:2003 ;",
                "statistics submit every 60 seconds ;",
                "match ^drop\\. send to blackhole ;",
                "match \"^both\\.\" send to all one stop ;",
                "match * send to one ;", "")));
        assertEquals(List.of(), r.destinations("drop.me"));
        assertEquals(List.of("127.0.0.31:2003", "127.0.0.32:2003", "127.0.0.33:2003"), RouteOracle.strings(r.destinations("both.x")));
        assertEquals(List.of("127.0.0.33:2003"), RouteOracle.strings(r.destinations("..other..name")));
        assertTrue(r.describe().startsWith("carbon-c-relay all forward"), r.describe());
    }

    @Test
    void whatCannotBePredictedIsOneClearLine() throws Exception {
        assertEquals(dir.resolve("a.conf") + " line 2: carbon-c-relay config: 'rewrite' is not supported (metricsniff cannot predict the routes after it)",
                error("a.conf", "cluster c forward 127.0.0.31:2003 ;\nrewrite ^a into b ;\nmatch * send to c ;"));
        assertTrue(error("b.conf", "cluster c carbon_ch replication 3 127.0.0.31 127.0.0.32 ;\nmatch * send to c ;")
                .endsWith("line 1: carbon-c-relay config: cluster 'c': replication 3 needs 1..2"));
        assertTrue(error("c.conf", "cluster c forward 127.0.0.31 ;\nmatch * send to d ;").contains("unknown cluster 'd'"));
        assertTrue(error("d.conf", "cluster c forward 127.0.0.31 transport gzip ;").contains("transport 'gzip' is not supported"));
        assertTrue(error("e.conf", "cluster c forward 127.0.0.31").contains("missing ';'"));
        assertTrue(error("f.conf", "[relay]\nRELAY_METHOD = rules\n").contains("RELAY_METHOD = rules is not supported"));
        assertTrue(error("g.conf", "[relay]\nRELAY_METHOD = consistent-hashing\nROUTER_HASH_TYPE = mmh3_ch\nDESTINATIONS = a:1\n")
                .contains("ROUTER_HASH_TYPE = mmh3_ch is not supported"));
        assertTrue(error("h.conf", "[cache]\nLINE_RECEIVER_PORT = 2003\n").contains("no [relay] section"));
        assertTrue(error("i.conf", "[relay]\nRELAY_METHOD = consistent-hashing\nDESTINATIONS = 127.0.0.31\n").contains("has no port"));
        assertTrue(error("j.conf", "cluster c forward 127.0.0.31 ;\nmatch * validate ^[0-9] else drop send to c ;").contains("'validate'"));
    }
}
