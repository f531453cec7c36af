package io.metricsniff.replay;

import io.metricsniff.testutil.CliRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retention advisor on captures/collectd-3s.pcap (collectd every 3 s into 1s:30m,1m:1d,5m:2y with
 * xFilesFactor 0.5), held against what whisper really stored in that recording
 * (collectd-3s.archives.txt: the finest archive filled, every 1m and 5m archive empty).
 */
class RetentionAdviceE2eTest {
    static final String CAPTURE = "captures/collectd-3s.pcap";
    static final String SCHEMAS = "captures/collectd-3s.schemas.conf";
    static final String AGGREGATION = "captures/collectd-3s.aggregation.conf";
    static final Path ARCHIVES = Path.of("captures/collectd-3s.archives.txt");
    static final long TIMEOUT_SECONDS = 60;

    /** Non-empty slots per archive per path, as whisper stored them: path -> [1s, 60s, 300s]. */
    static final Map<String, long[]> stored = new TreeMap<>();
    static Map<String, Object> advice;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void replay() throws Exception {
        for (String l : Files.readAllLines(ARCHIVES, StandardCharsets.UTF_8)) {
            String[] f = l.trim().split(" ");
            long[] slots = new long[f.length - 1];
            for (int i = 1; i < f.length; i++) slots[i - 1] = Long.parseLong(f[i].substring(f[i].indexOf(':') + 1));
            stored.put(f[0], slots);
        }
        CliRunner r = CliRunner.run(TIMEOUT_SECONDS, "-I", CAPTURE, "-q", "--format", "json",
                "--schemas", SCHEMAS, "--aggregation", AGGREGATION);
        assertEquals(0, r.exit(), r.err());
        List<Map<String, Object>> all = (List<Map<String, Object>>) r.summary().get("advice");
        assertNotNull(all, "summary has advice[]: " + r.summary());
        List<Map<String, Object>> warnings = all.stream().filter(a -> "warning".equals(a.get("severity"))).toList();
        assertEquals(1, warnings.size(), "one warning for the one collectd group: " + all);
        advice = warnings.get(0);
    }

    @Test
    void whisperReallyLeftEveryRollupEmpty() {
        assertFalse(stored.isEmpty());
        for (Map.Entry<String, long[]> e : stored.entrySet()) {
            assertTrue(e.getValue()[0] > 0, "finest archive has points: " + e.getKey());
            assertEquals(0, e.getValue()[1], "1m archive empty: " + e.getKey());
            assertEquals(0, e.getValue()[2], "5m archive empty: " + e.getKey());
        }
    }

    @Test
    void warnsThatEveryOneMinuteAverageWillBeNull() {
        assertEquals("null_rollups", advice.get("kind"));
        assertEquals(60, CliRunner.num(advice, "rollup_precision_seconds"));
        assertEquals(1.0, (Double) advice.get("rollup_null_fraction"), 1e-9, "every 1m point null, as whisper stored");
        double known = (Double) advice.get("rollup_known_fraction");
        double xff = (Double) advice.get("xfilesfactor");
        assertEquals(0.5, xff, 1e-9);
        assertEquals(1.0 / 3, known, 0.02, "a point every 3 s fills a third of each minute");
        assertTrue(known < xff, advice.toString());
        assertEquals(1.0 / 3, (Double) advice.get("finest_filled"), 0.02);
        assertEquals(3.0, (Double) advice.get("interval_seconds"), 0.1, "collectd's Interval 3");
        assertEquals(1, CliRunner.num(advice, "finest_precision_seconds"));
        assertTrue(((String) advice.get("message")).contains("1m average will be null"), advice.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void namesThePathsWhisperLeftEmptyAndTheRules() {
        assertEquals(stored.size(), CliRunner.num(advice, "paths"), "every path whose rollups whisper left empty");
        assertEquals("collectd.lab", advice.get("path_prefix"));
        List<String> sample = (List<String>) advice.get("sample_paths");
        assertFalse(sample.isEmpty());
        for (String p : sample) assertTrue(stored.containsKey(p), "a stored path: " + p);
        assertEquals("collectd", advice.get("schema"), "the [collectd] section of storage-schemas.conf");
        assertEquals("1s:30m,1m:1d,5m:2y", advice.get("retentions"));
        assertEquals("default", advice.get("aggregation"));
        assertEquals("average", advice.get("aggregation_method"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void suggestsAFixThatWouldWorkAndTheCommandsToApplyIt() {
        String fix = (String) advice.get("fix_retentions");
        assertTrue(fix != null && fix.startsWith("3s:"), "a 3 s finest archive: " + advice);
        Object fx = advice.get("fix_xfilesfactor");
        assertTrue(fx instanceof Double, advice.toString());
        double fixXff = (Double) fx;
        assertTrue(fixXff <= 1.0 / 3 + 1e-9 && fixXff > 0, "xFilesFactor at most 0.33: " + fixXff);
        assertTrue((Double) advice.get("rollup_known_fraction") >= fixXff, "the suggested xFilesFactor lets the rollups through");

        List<String> cmds = (List<String>) advice.get("commands");
        assertTrue(cmds.stream().anyMatch(c -> c.startsWith("whisper-resize ") && c.contains("collectd/lab/")
                && c.contains(".wsp") && c.contains(fix.replace(',', ' '))), cmds.toString());
        assertTrue(cmds.stream().anyMatch(c -> c.startsWith("whisper-set-xfilesfactor ") && c.contains(".wsp")
                && c.endsWith(" " + trim(fixXff))), cmds.toString());
        assertTrue(cmds.stream().allMatch(c -> c.contains("/var/lib/graphite/whisper/collectd/lab")), "default whisper dir: " + cmds);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCommandsUseTheGivenWhisperDir() throws Exception {
        CliRunner r = CliRunner.run(TIMEOUT_SECONDS, "-I", CAPTURE, "-q", "--format", "json",
                "--schemas", SCHEMAS, "--aggregation", AGGREGATION, "--whisper-dir", "/srv/whisper");
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> a = ((List<Map<String, Object>>) r.summary().get("advice")).get(0);
        for (String c : (List<String>) a.get("commands")) assertTrue(c.contains("/srv/whisper/collectd/lab"), c);
    }

    @Test
    void theTextSummaryShowsTheWarning() throws Exception {
        CliRunner r = CliRunner.run(TIMEOUT_SECONDS, "-I", CAPTURE, "-q", "--format", "text",
                "--schemas", SCHEMAS, "--aggregation", AGGREGATION);
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.contains("\nretention advice:\n"), out);
        assertTrue(out.contains("WARNING " + stored.size() + " paths under collectd.lab."), out);
        assertTrue(out.contains("every 1m average will be null"), out);
        assertTrue(out.contains("schema [collectd] retentions 1s:30m,1m:1d,5m:2y; aggregation [default] xFilesFactor 0.5 average"), out);
        assertTrue(out.matches("(?s).*33% known < xFilesFactor 0\\.5 -> 100% of 1m points null.*"), out);
        assertTrue(out.matches("(?s).*fix: retentions = 3s:[^\n]* in \\[collectd\\], or xFilesFactor = 0\\.3\\d* in \\[default\\].*"), out);
        assertTrue(out.contains("whisper-resize /var/lib/graphite/whisper/collectd/lab/"), out);
        assertTrue(out.contains("whisper-set-xfilesfactor /var/lib/graphite/whisper/collectd/lab/"), out);
    }

    @Test
    void noAdviceWithoutTheConfigFiles() throws Exception {
        CliRunner r = CliRunner.run(TIMEOUT_SECONDS, "-I", CAPTURE, "-q", "--format", "json");
        assertEquals(0, r.exit());
        assertFalse(r.summary().containsKey("advice"), r.summary().toString());
    }

    /** 0.33 as the advice prints it (no trailing zeros). */
    static String trim(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.3f", v);
        while (s.endsWith("0")) s = s.substring(0, s.length() - 1);
        return s.endsWith(".") ? s + "0" : s;
    }
}
