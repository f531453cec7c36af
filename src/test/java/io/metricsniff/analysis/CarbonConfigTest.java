package io.metricsniff.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CarbonConfigTest {
    static final String SCHEMAS = String.join("\n",
        "# comment",
        "; also a comment",
        "[carbon]",
        "pattern = ^carbon\\.",
        "retentions = 60:90d",
        "",
        "[collectd]",
        "PATTERN: ^collectd\\.",
        "retentions = 1s:30m,",
        "   1m:1d,5m:2y",
        "",
        "[braces]",
        "pattern = ^app\\.{x}\\.(?P<kind>[a-z]+)\\.(?P=kind)$",
        "retentions = 10s:6h,1m:7d",
        "",
        "[broken]",
        "pattern = ^broken\\.",
        "retentions = 180s:7d,300s:30d",
        "",
        "[nopattern]",
        "retentions = 1m:1d",
        "",
        "[pct]",
        "pattern = ^pct%%\\.",
        "retentions = 7s:1m",
        "",
        "[default]",
        "pattern = .*",
        "retentions = 60s:1d,5m:30d,1h:3y",
        "");

    @Test
    void schemasFollowCarbonFirstMatchWins() {
        StorageSchemas s = StorageSchemas.parse("s.conf", SCHEMAS);
        assertEquals(List.of("carbon", "collectd", "braces", "pct", "default", "default (carbon built-in)"),
                s.schemas().stream().map(StorageSchemas.Schema::name).toList());
        assertEquals(2, s.notes().size(), s.notes().toString());
        assertTrue(s.notes().get(0).startsWith("[broken]"));
        assertEquals("collectd", s.match("collectd.host.cpu").name());
        assertEquals("1s:30m,1m:1d,5m:2y", Retention.format(s.match("collectd.x").archives()));
        assertEquals(63_072_000L, s.match("collectd.x").maxRetentionSeconds());
        assertEquals("carbon", s.match("carbon.agents.a").name());
        assertEquals("default", s.match("xcarbon.agents").name(), "re.search, anchored by ^");
        assertEquals("braces", s.match("app.{x}.cpu.cpu").name(), "'{x}' is literal in Python");
        assertEquals("default", s.match("app.{x}.cpu.mem").name());
        assertEquals("pct", s.match("pct%.a").name());
        assertEquals(8, s.match("pct%.a").archives().get(0).points(), "int(60 / 7)");
        assertEquals("60:10080", StorageSchemas.parse("e.conf", "").match("anything").retentions());
    }

    @Test
    void carbonsFatalErrorsAreOneLine() {
        String[][] bad = {
            {"[a]\npattern = x\nretentions = 60s:1x\n", "Invalid unit 'x'"},
            {"[a]\npattern = x\nretentions = 60s\n", "not precision:duration"},
            {"[a]\npattern = x\nretentions = 60S:1d\n", "Invalid precision"},
            {"[a]\npattern = (x\nretentions = 60:1\n", "invalid regular expression"},
            {"[a]\npattern = x\n[a]\npattern = y\n", "already exists"},
            {"pattern = x\n", "before any [section]"},
            {"[a]\npattern = 5%\nretentions = 60:1\n", "'%'"},
            {"[a]\njunk line\n", "expected 'name = value'"},
        };
        for (String[] b : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StorageSchemas.parse("f.conf", b[0]), b[0]);
            assertTrue(e.getMessage().contains(b[1]) && e.getMessage().startsWith("f.conf") && !e.getMessage().contains("\n"),
                    e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StorageSchemas.parse(Path.of("/nonexistent/storage-schemas.conf")));
        assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
    }

    @Test
    void aggregationRules() {
        StorageAggregation a = StorageAggregation.parse("a.conf", String.join("\n",
            "[min]", "pattern = \\.min$", "xFilesFactor = 0.1", "aggregationMethod = min",
            "[weird]", "pattern = \\.weird$", "xFilesFactor = half",
            "[onlypattern]", "pattern = \\.bare$",
            "[count]", "pattern = \\.count$", "xFilesFactor = 0", "aggregationMethod = sum",
            "[default_average]", "pattern = .*", "xFilesFactor = 0.5", "aggregationMethod = average", ""));
        assertEquals("min", a.match("x.min").name());
        assertEquals(0.1, a.match("x.min").xFilesFactor());
        assertEquals("onlypattern", a.match("a.bare").name(), "first match wins even without values");
        assertEquals(0.5, a.match("a.bare").xFilesFactor());
        assertEquals("average", a.match("a.bare").method());
        assertEquals("default_average", a.match("a.weird").name(), "carbon skips a section whose xff float() fails");
        assertEquals(1, a.notes().size());
        assertEquals("sum", a.match("hits.count").method());
        assertThrows(IllegalArgumentException.class, () -> StorageAggregation.parse("a", "[x]\npattern = .\nxFilesFactor = 1.5\n"));
        assertThrows(IllegalArgumentException.class, () -> StorageAggregation.parse("a", "[x]\npattern = .\naggregationMethod = median\n"));
        assertEquals(0.5, StorageAggregation.none().match("x").xFilesFactor());
        assertEquals(1e-1, StorageAggregation.pythonFloat(" 1_0e-2 "), 1e-12);
        assertEquals(null, StorageAggregation.pythonFloat("0x10"));
    }

    @Test
    void pythonRegexTranslation() {
        assertTrue(PythonRegex.compile("a\\Z").matcher("xa").find());
        assertTrue(!PythonRegex.compile("a\\Z").matcher("xa\n").find());
        assertTrue(PythonRegex.compile("a$").matcher("xa\n").find(), "Python's $ matches before a final newline");
        assertTrue(PythonRegex.compile("[[]x").matcher("[x").find());
        assertTrue(PythonRegex.compile("[a&&b]").matcher("&").find());
        assertTrue(PythonRegex.compile("x{,2}y").matcher("xxy").find());
        assertTrue(PythonRegex.compile("^a{").matcher("a{").find());
        assertTrue(PythonRegex.compile("(?#c)^ab").matcher("ab").find());
        assertTrue(PythonRegex.compile("^\\w+$").matcher("héllo").find(), "Unicode \\w as in Python 3");
        assertThrows(IllegalArgumentException.class, () -> PythonRegex.compile("\\q"));
    }

    @Test
    void debianFilesParse() {
        Path schemas = Path.of("/etc/carbon/storage-schemas.conf");
        assumeTrue(Files.isReadable(schemas), "graphite-carbon not installed");
        StorageSchemas s = StorageSchemas.parse(schemas);
        assertEquals("carbon", s.match("carbon.agents.x.cpuUsage").name());
        assertEquals("1m:1d,5m:30d,1h:3y", Retention.format(s.match("collectd.a.b").archives()));
        assertEquals("60s:1d,5m:30d,1h:3y", s.match("collectd.a.b").retentions());
        Path agg = Path.of("/usr/share/doc/graphite-carbon/examples/storage-aggregation.conf.example");
        if (Files.isReadable(agg)) {
            StorageAggregation a = StorageAggregation.parse(agg);
            assertEquals("max", a.match("x.count").method());
            assertEquals(0.0, a.match("x.count").xFilesFactor());
            assertEquals("default_average", a.match("x.y").name());
        }
    }

    /** The same file through carbon's own loader (python3 + graphite-carbon), when installed. */
    @Test
    void agreesWithCarbonsLoader(@TempDir Path dir) throws Exception {
        String python = "/usr/bin/python3";
        assumeTrue(Files.isExecutable(Path.of(python)) && Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/carbon")));
        Path f = dir.resolve("storage-schemas.conf");
        Files.writeString(f, SCHEMAS);
        String[] metrics = {"carbon.x", "collectd.h.cpu", "app.{x}.cpu.cpu", "app.{x}.cpu.mem", "pct%.a", "broken.x", "other"};
        String script = String.join("\n",
            "import sys, types, whisper",
            "from carbon.conf import settings",
            "settings['CONF_DIR'] = '/etc/carbon'",
            "from carbon import storage, state",
            "def validate(a):",
            "    try: whisper.validateArchiveList(a)",
            "    except whisper.InvalidConfiguration as e: raise ValueError(e)",
            "state.database = types.SimpleNamespace(validateArchiveList=validate, aggregationMethods=whisper.aggregationMethods)",
            "storage.STORAGE_SCHEMAS_CONFIG = sys.argv[1]",
            "schemas = storage.loadStorageSchemas()",
            "for m in sys.argv[2:]:",
            "    s = next(s for s in schemas if s.matches(m))",
            "    print(s.name + ' ' + ','.join('%d:%d' % a.getTuple() for a in sorted(s.archives, key=lambda a: a.secondsPerPoint)))");
        List<String> cmd = new ArrayList<>(List.of(python, "-c", script, f.toString()));
        cmd.addAll(List.of(metrics));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) out.add(l);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assumeTrue(p.exitValue() == 0, "carbon's loader did not run here");
        StorageSchemas s = StorageSchemas.parse(f);
        for (int i = 0; i < metrics.length; i++) {
            StorageSchemas.Schema m = s.match(metrics[i]);
            StringBuilder arch = new StringBuilder();
            for (Retention.Archive a : m.archives()) arch.append(arch.length() == 0 ? "" : ",").append(a.secondsPerPoint()).append(':').append(a.points());
            String name = m.isBuiltinDefault() ? "default" : m.name();
            assertEquals(out.get(i), name + " " + arch, metrics[i]);
        }
    }
}
