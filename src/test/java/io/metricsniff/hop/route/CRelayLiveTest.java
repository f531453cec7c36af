package io.metricsniff.hop.route;

import io.metricsniff.testutil.Oracle.Received;
import io.metricsniff.testutil.RelayLab;
import io.metricsniff.hop.Router;
import io.metricsniff.live.Lab;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The real carbon-c-relay (Debian 3.7.3) on loopback: clusters of every hashing kind, failover and forward, replication 1
 * and 2, routed by match rules, to line sinks. Names it cleans and tagged names included: every
 * copy must arrive exactly where {@link Routers#fromConfig} predicts from the same config.
 */
class CRelayLiveTest {
    static final String BINARY = "/usr/bin/carbon-c-relay";
    static final int NAMES_PER_CLUSTER = 240;
    static final String[] CLUSTERS = {"ch1", "ch2", "fnv", "jump", "any", "fo", "fw"};

    @Test
    void everyClusterKindRoutesAsPredicted() throws Exception {
        RelayLab.assumeInstalled(BINARY);
        try (RelayLab lab = new RelayLab("metricsniff-ccrelay.")) {
            int[] p = new int[17];
            String[] host = new String[17];
            List<String> sinks = new ArrayList<>();
            String[] hosts = {RelayLab.SINK_A, RelayLab.SINK_B, RelayLab.SINK_C};
            for (int i = 0; i < p.length; i++) {
                host[i] = hosts[i % 3];
                p[i] = RelayLab.freePort(host[i]);
                sinks.add(host[i] + ":" + p[i] + ":line");
            }
            lab.startSinks(sinks.toArray(String[]::new));
            int port = RelayLab.freePort(RelayLab.C_RELAY_HOST);
            Path conf = lab.dir.resolve("relay.conf");
            Files.writeString(conf, String.join("\n",
                    "# routes for CRelayLiveTest",
                    "listen type linemode " + RelayLab.C_RELAY_HOST + ":" + port + " proto tcp ;",
                    "cluster ch1 carbon_ch " + m(host, p, 0) + " " + m(host, p, 1) + " ;",
                    "cluster ch2 carbon_ch replication 2 " + m(host, p, 2) + " " + m(host, p, 3) + " " + m(host, p, 4) + "=b ;",
                    "cluster fnv fnv1a_ch replication 2 " + m(host, p, 5) + "=a " + m(host, p, 6) + " " + m(host, p, 7) + " ;",
                    "cluster jump jump_fnv1a_ch replication 2 " + m(host, p, 8) + " " + m(host, p, 9) + " " + m(host, p, 10) + "=0 ;",
                    "cluster any any_of " + m(host, p, 11) + " " + m(host, p, 12) + " ;",
                    "cluster fo failover " + m(host, p, 13) + " " + m(host, p, 14) + " ;",
                    "cluster fw forward " + m(host, p, 15) + " " + m(host, p, 16) + " ;",
                    "match ^lab\\.route\\.ch2\\. send to ch2 stop ;",
                    "match ^lab\\.route\\.fnv\\. send to fnv stop ;",
                    "match ^lab\\.route\\.jump\\. send to jump stop ;",
                    "match ^lab\\.route\\.any\\. send to any stop ;",
                    "match ^lab\\.route\\.fo\\. send to fo stop ;",
                    "match ^lab\\.route\\.fw\\. send to fw ch2 stop ;",
                    "match * send to ch1 ;",
                    ""));
            Router router = Routers.fromConfig(conf);
            lab.startDaemon(List.of(BINARY, "-f", conf.toString(), "-H", "lab", "-w", "1"),
                    lab.dir.resolve("relay.out"), RelayLab.C_RELAY_HOST, port);
            List<String> names = new ArrayList<>();
            for (String c : CLUSTERS) names.addAll(RouteSample.names("lab.route." + c, NAMES_PER_CLUSTER));
            RelayLab.send(RelayLab.C_RELAY_HOST, port, RouteSample.lines(names, Lab.now()));
            List<Received> got = lab.awaitReceived(RouteOracle.copies(router, names));
            RouteOracle.assertRoutes(router, names, got);
            assertEquals(RouteOracle.copies(router, names), got.stream().filter(r -> !r.name().startsWith("carbon.")).count());
        }
    }

    private static String m(String[] host, int[] port, int i) {
        return host[i] + ":" + port[i];
    }
}
