package io.metricsniff.live;

import io.metricsniff.testutil.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static io.metricsniff.live.CarbonLiveTest.endRun;
import static io.metricsniff.live.CarbonLiveTest.startSniff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live capture on loopback of collectd's write_graphite feeding a real carbon-cache: every line is
 * ok except collectd's {@code nan}s, and the ok points are exactly what carbon stored in whisper.
 */
class CollectdLiveTest {
    static final String COLLECTD = "/usr/sbin/collectd";
    /** collectd runs until this many of its intervals (1 s each) were captured. */
    static final int COLLECTD_INTERVALS = 5;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void collectdWriteGraphiteIsAllOkExceptItsNansAndOkIsWhatCarbonStored() throws Exception {
        Lab.assumeRootAnd(LiveCarbon.BINARY, Lab.PYTHON, COLLECTD);
        Process collectd = null;
        Path dir = Lab.tempDir("metricsniff-collectd.");
        try (LiveCarbon carbon = LiveCarbon.start()) {
            Path conf = collectdConf(dir, carbon.port);
            CliRunner sniff = startSniff(carbon.port);
            Lab.awaitCaptureReady(sniff, carbon.port, "live.probe");

            collectd = new ProcessBuilder(COLLECTD, "-f", "-C", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("collectd.out").toFile()).start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (collectdTimestamps(sniff.metrics()).size() < COLLECTD_INTERVALS) {
                assertTrue(System.nanoTime() < end && collectd.isAlive(),
                        "collectd lines never came: " + Lab.tail(dir.resolve("collectd.log")) + Lab.tail(dir.resolve("collectd.out")));
                Thread.sleep(200);
            }
            Lab.stop(collectd);  // TERM: write_graphite flushes its buffer and closes the connection
            endRun(sniff, carbon.port);

            List<LiveCarbon.Stored> stored = carbon.storedWhenSettled();
            assertEquals(List.of(), carbon.invalid(), "carbon rejects nothing collectd sends (nan it drops silently)");

            Map<String, Double> ok = new TreeMap<>();
            int nans = 0, lines = 0;
            for (Map<String, Object> m : sniff.metrics()) {
                String raw = (String) m.get("raw");
                if (!raw.startsWith("collectd.")) continue;
                lines++;
                assertTrue(raw.endsWith("\r"), "collectd ends lines with CRLF: " + m);
                String[] f = raw.trim().split(" ");
                assertEquals(3, f.length, m.toString());
                if (f[1].equals("nan")) {
                    nans++;
                    assertEquals("malformed", m.get("verdict"), m.toString());
                    assertEquals(List.of("nan-value"), CliRunner.codes(m), m.toString());
                } else {
                    assertEquals("ok", m.get("verdict"), m.toString());
                    assertEquals(List.of(), CliRunner.codes(m), m.toString());
                    Double prev = ok.put(m.get("path") + " " + CliRunner.num(m, "timestamp"), (Double) m.get("value"));
                    assertTrue(prev == null, "one point per path and second: " + m);
                }
            }
            assertTrue(lines >= COLLECTD_INTERVALS * 10, "collectd sent " + lines + " lines");
            assertTrue(nans > 0, "collectd sends nan for the first interval of each rate");

            assertOkIsWhatCarbonStored(ok, stored);
        } finally {
            Lab.stop(collectd);
            Lab.deleteTree(dir);
        }
    }

    /** The points reported ok are exactly the points carbon wrote to whisper, with the same values. */
    private static void assertOkIsWhatCarbonStored(Map<String, Double> ok, List<LiveCarbon.Stored> stored) {
        Map<String, Double> carbonStored = new TreeMap<>();
        for (LiveCarbon.Stored s : stored) {
            if (s.path().startsWith("collectd.")) carbonStored.put(s.path() + " " + s.timestamp(), s.value());
        }
        assertEquals(ok.keySet(), carbonStored.keySet(), "the ok points are exactly what carbon stored");
        for (Map.Entry<String, Double> e : ok.entrySet()) {
            assertEquals(e.getValue(), carbonStored.get(e.getKey()), 1e-9 * Math.max(1, Math.abs(e.getValue())), e.getKey());
        }
    }

    static Set<Long> collectdTimestamps(List<Map<String, Object>> metrics) {
        Set<Long> ts = new TreeSet<>();
        for (Map<String, Object> m : metrics) {
            if (String.valueOf(m.get("raw")).startsWith("collectd.") && m.get("timestamp") instanceof Double d) ts.add(d.longValue());
        }
        return ts;
    }

    /** collectd with cpu/load/memory/interface lo, Interval 1 -> write_graphite to this carbon. */
    static Path collectdConf(Path dir, int port) throws Exception {
        Files.createDirectories(dir.resolve("collectd"));
        Path conf = dir.resolve("collectd.conf");
        Files.writeString(conf, String.join("\n",
                "Hostname \"lab\"",
                "FQDNLookup false",
                "Interval 1",
                "BaseDir \"" + dir + "/collectd\"",
                "PIDFile \"" + dir + "/collectd.pid\"",
                "TypesDB \"/usr/share/collectd/types.db\"",
                "LoadPlugin logfile",
                "<Plugin logfile>",
                "  LogLevel info",
                "  File \"" + dir + "/collectd.log\"",
                "</Plugin>",
                "LoadPlugin cpu",
                "LoadPlugin load",
                "LoadPlugin memory",
                "LoadPlugin interface",
                "<Plugin interface>",
                "  Interface \"lo\"",
                "</Plugin>",
                "LoadPlugin write_graphite",
                "<Plugin write_graphite>",
                "  <Node \"carbon\">",
                "    Host \"" + Lab.HOST + "\"",
                "    Port \"" + port + "\"",
                "    Protocol \"tcp\"",
                "    LogSendErrors true",
                "    Prefix \"collectd.\"",
                "    StoreRates true",
                "    AlwaysAppendDS false",
                "    EscapeCharacter \"_\"",
                "  </Node>",
                "</Plugin>",
                ""));
        return conf;
    }
}
