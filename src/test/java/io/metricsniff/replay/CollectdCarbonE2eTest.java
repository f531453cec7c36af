package io.metricsniff.replay;

import io.metricsniff.testutil.CliRunner;
import io.metricsniff.testutil.Oracle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.metricsniff.testutil.Python.pyRepr;
import static io.metricsniff.testutil.Python.pyStrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays real collectd -> carbon-cache traffic and checks that metricsniff agrees with carbon
 * point for point: every line is ok except collectd's {@code nan} (the first interval of a rate)
 * and whatever carbon logged as invalid, and the ok lines are exactly the points in whisper.
 */
class CollectdCarbonE2eTest {

    @ParameterizedTest
    @ValueSource(strings = {"captures/collectd-carbon.pcap", "captures/collectd-3s.pcap"})
    void agreesWithCarbonPointForPoint(String capture) throws Exception {
        CliRunner run = CliRunner.json(capture);
        assertEquals(0, run.exit(), "stderr: " + run.err());
        run.assertNoStackTrace();
        Map<String, Object> summary = run.summaryOfMetrics();
        assertEquals(0, CliRunner.num(summary, "gaps"));
        Oracle.Carbon carbon = Oracle.carbon(Path.of(capture));

        Set<String> invalid = new HashSet<>();
        for (Oracle.Invalid i : carbon.invalid()) invalid.add(i.client() + " " + i.repr());

        List<Map<String, Object>> metrics = run.metrics();
        Set<String> okPoints = new HashSet<>();
        int ok = 0, nan = 0, rejected = 0;
        for (Map<String, Object> m : metrics) {
            String raw = String.valueOf(m.get("raw"));
            assertTrue(raw.endsWith("\r"), "collectd ends lines with CRLF: " + raw);
            String[] f = pyStrip(raw).split("\\s+");
            if (invalid.contains(m.get("src") + " " + pyRepr(pyStrip(raw)))) {
                assertEquals("malformed", m.get("verdict"), m.toString());
                rejected++;
            } else if (f.length == 3 && f[1].equalsIgnoreCase("nan")) {
                assertEquals("malformed", m.get("verdict"), m.toString());
                assertTrue(CliRunner.codes(m).contains("nan-value"), m.toString());
                nan++;
            } else {
                assertEquals("ok", m.get("verdict"), m.toString());
                assertEquals(f[0], m.get("path"));
                assertTrue(okPoints.add(f[0] + " " + f[2]), "one point per path and second: " + raw);
                ok++;
            }
        }
        assertEquals(carbon.invalid().size(), rejected, "every line carbon logged as invalid was reported");
        assertEquals(carbon.stored().size(), ok, "ok lines vs points carbon stored");
        for (Oracle.Stored s : carbon.stored()) {
            assertTrue(okPoints.contains(s.path() + " " + s.timestamp()), "stored but not ok: " + s);
        }
        assertEquals(metrics.size(), ok + nan + rejected);
        if (capture.contains("collectd-carbon")) assertTrue(nan > 0, "StoreRates: the first rate is nan");
    }
}
