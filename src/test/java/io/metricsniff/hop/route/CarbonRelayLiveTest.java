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
 * The real carbon-relay (Debian graphite-carbon 1.1.x) on loopback with consistent-hashing to
 * pickle sinks: every name must reach exactly the destinations {@link Routers#fromConfig} predicts
 * from the same carbon.conf.
 */
class CarbonRelayLiveTest {
    static final String BINARY = "/usr/bin/carbon-relay";
    static final int NAMES = 320;

    @Test
    void replicationOneOverTwoDestinations() throws Exception {
        run("RF1", 1, null, false);
    }

    @Test
    void replicationTwoOverThreeDestinationsWithAnInstance() throws Exception {
        run("RF2", 2, "a", false);
    }

    @Test
    void fnv1aRingWithInstancesReplicationTwo() throws Exception {
        run("FNV", 2, "b", true);
    }

    private void run(String tag, int rf, String instance, boolean fnv1a) throws Exception {
        RelayLab.assumeInstalled(BINARY);
        try (RelayLab lab = new RelayLab("metricsniff-crelay-" + tag + ".")) {
            int pa = RelayLab.freePort(RelayLab.SINK_A), pb = RelayLab.freePort(RelayLab.SINK_B);
            int pc = RelayLab.freePort(RelayLab.SINK_C);
            List<String> dests = new ArrayList<>(List.of(RelayLab.SINK_A + ":" + pa + (fnv1a ? ":x1" : ""),
                    RelayLab.SINK_B + ":" + pb + (instance != null ? ":" + instance : "")));
            List<String> sinks = new ArrayList<>(List.of(RelayLab.SINK_A + ":" + pa + ":pickle", RelayLab.SINK_B + ":" + pb + ":pickle"));
            if (rf > 1) {
                dests.add(RelayLab.SINK_C + ":" + pc + (fnv1a ? ":x3" : ""));
                sinks.add(RelayLab.SINK_C + ":" + pc + ":pickle");
            }
            lab.startSinks(sinks.toArray(String[]::new));
            int port = RelayLab.freePort(RelayLab.CARBON_RELAY_HOST);
            Path conf = writeConf(lab.dir, port, rf, String.join(", ", dests), fnv1a);
            Router router = Routers.fromConfig(conf);
            lab.startDaemon(List.of(BINARY, "--config=" + conf, "--pidfile=" + lab.dir.resolve("relay.pid"), "--debug", "start"),
                    lab.dir.resolve("relay.out"), RelayLab.CARBON_RELAY_HOST, port);
            List<String> names = RouteSample.names("lab.route." + tag.toLowerCase(), NAMES);
            RelayLab.send(RelayLab.CARBON_RELAY_HOST, port, RouteSample.lines(names, Lab.now()));
            List<Received> got = lab.awaitReceived(RouteOracle.copies(router, names));
            RouteOracle.assertRoutes(router, names, got);
            // the names arrive unchanged: carbon-relay forwards the name it hashed
            for (Received r : got) assertEquals(names.get((int) r.value()), r.name());
            assertEquals(RouteOracle.copies(router, names), got.size());
        }
    }

    static Path writeConf(Path dir, int port, int rf, String destinations, boolean fnv1a) throws Exception {
        Files.createDirectories(dir.resolve("storage"));
        // carbon-relay insists on a storage-schemas.conf beside carbon.conf, though it stores nothing
        Files.writeString(dir.resolve("storage-schemas.conf"), "[all]\npattern = .*\nretentions = 1s:1h\n");
        Path conf = dir.resolve("carbon.conf");
        Files.writeString(conf, String.join("\n",
                "[relay]",
                "STORAGE_DIR = " + dir + "/storage/",
                "LOG_DIR = " + dir + "/",
                "PID_DIR = " + dir + "/",
                "USER =",
                "LINE_RECEIVER_INTERFACE = " + RelayLab.CARBON_RELAY_HOST,
                "LINE_RECEIVER_PORT = " + port,
                "PICKLE_RECEIVER_INTERFACE = " + RelayLab.CARBON_RELAY_HOST,
                "PICKLE_RECEIVER_PORT = 0",
                "ENABLE_UDP_LISTENER = False",
                "RELAY_METHOD = consistent-hashing",
                fnv1a ? "ROUTER_HASH_TYPE = fnv1a_ch" : "",
                "REPLICATION_FACTOR = " + rf,
                "DESTINATIONS = " + destinations,
                "DESTINATION_PROTOCOL = pickle",
                "MAX_QUEUE_SIZE = 100000",
                "CARBON_METRIC_INTERVAL = 0",
                ""));
        return conf;
    }
}
