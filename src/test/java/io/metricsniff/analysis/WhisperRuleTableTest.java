package io.metricsniff.analysis;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Intervals x retentions x xFilesFactor: the advisor's model of whisper ({@link WhisperRollup})
 * against an independent step-by-step whisper ({@link FakeWhisper}), against whisper.py itself
 * when python3-whisper is installed, and the suggested fixes against the same rule.
 */
class WhisperRuleTableTest {
    static final String[] RETENTIONS = {
        "1s:30m,1m:1d,5m:2y",        // the blog's schema
        "60s:1d,5m:30d,1h:3y",       // Debian's default
        "10s:6h,1m:7d,10m:5y",
        "5s:1h,15s:1d,1m:30d",
        "2s:1h,10s:6h,30s:1d,2m:7d",
        "1m:7d",                     // no rollups at all
    };
    static final double[] INTERVALS = {1, 2, 2.5, 3, 4, 5, 7, 10, 15, 20, 30, 45, 60, 90, 120, 300, 600, 1000};
    static final double[] XFFS = {0, 0.1, 0.3, 1.0 / 3, 0.5, 0.6, 0.9, 1.0};
    static final long T0_BASE = 1_600_000_000L;

    /** Null and with-point window counts per rollup archive, from the step-by-step whisper. */
    static long[][] fakeWhisperCounts(List<Retention.Archive> archives, double xff, double interval,
                                      long horizon, int evaluated) {
        long top = archives.get(archives.size() - 1).secondsPerPoint();
        long t0 = T0_BASE - T0_BASE % top;
        FakeWhisper w = new FakeWhisper(archives, xff);
        List<Long> times = new ArrayList<>();
        for (long j = 0; ; j++) {
            long t = (long) Math.floor(j * interval);
            if (t >= horizon) break;
            times.add(t0 + t);
            w.update(t0 + t, 1.0 + j % 7);
        }
        long[][] out = new long[evaluated][2];
        for (int k = 1; k < evaluated; k++) {
            long step = archives.get(k).secondsPerPoint();
            Map<Long, Boolean> windows = new HashMap<>();
            for (long t : times) windows.put(t - Math.floorMod(t, step), true);
            long nulls = 0;
            for (long start : windows.keySet()) if (!w.written.get(k).containsKey(start)) nulls++;
            out[k][0] = windows.size();
            out[k][1] = nulls;
        }
        return out;
    }

    @Test
    void advisorModelMatchesStepByStepWhisperOverTheTable() {
        int cases = 0, withNulls = 0, fixedByRetention = 0, fixedByXff = 0;
        for (String ret : RETENTIONS) {
            List<Retention.Archive> archives = Retention.validate(Retention.parse(ret));
            for (double interval : INTERVALS) {
                for (double xff : XFFS) {
                    String where = ret + " every " + interval + "s xff " + xff;
                    WhisperRollup.Result r = WhisperRollup.simulate(archives, xff, interval);
                    assertEquals(archives.size(), r.evaluated().size(), where + ": all archives evaluated");
                    long[][] fake = fakeWhisperCounts(archives, xff, interval, r.horizonSeconds(), r.evaluated().size());
                    for (int k = 1; k < r.evaluated().size(); k++) {
                        WhisperRollup.ArchiveOutcome o = r.evaluated().get(k);
                        assertEquals(fake[k][0], o.windowsWithPoints(), where + ": archive " + k + " windows with points");
                        assertEquals(fake[k][1], o.nullWindows(), where + ": archive " + k + " null windows");
                    }
                    cases++;
                    if (r.firstNullArchive() < 0) continue;
                    withNulls++;
                    // every fix the advisor offers must leave no null rollup under whisper's rule
                    String fix = RetentionAdvisor.retentionFix(archives, interval, xff);
                    if (fix != null) {
                        List<Retention.Archive> fixed = Retention.validate(Retention.parse(fix));
                        assertTrue(fixed.get(0).secondsPerPoint() >= interval, where + ": fix " + fix);
                        WhisperRollup.Result fr = WhisperRollup.simulate(fixed, xff, interval);
                        long[][] ff = fakeWhisperCounts(fixed, xff, interval, fr.horizonSeconds(), fr.evaluated().size());
                        for (int k = 1; k < ff.length; k++) assertEquals(0, ff[k][1], where + ": fix " + fix + " archive " + k);
                        fixedByRetention++;
                    }
                    Double xfix = RetentionAdvisor.xffFix(archives, xff, interval, r);
                    if (xfix != null) {
                        assertTrue(xfix < xff, where + ": lower xff " + xfix);
                        long[][] fx = fakeWhisperCounts(archives, xfix, interval, r.horizonSeconds(), r.evaluated().size());
                        for (int k = 1; k < fx.length; k++) assertEquals(0, fx[k][1], where + ": xff " + xfix + " archive " + k);
                        fixedByXff++;
                    }
                }
            }
        }
        assertEquals(RETENTIONS.length * INTERVALS.length * XFFS.length, cases);
        assertTrue(withNulls > 50, "the table exercises null rollups: " + withNulls);
        assertTrue(fixedByRetention > 30 && fixedByXff > 30, fixedByRetention + " / " + fixedByXff);
    }

    @Test
    void theBlogCaseEveryMinuteAverageIsNull() {
        List<Retention.Archive> a = Retention.validate(Retention.parse("1s:30m,1m:1d,5m:2y"));
        WhisperRollup.Result r = WhisperRollup.simulate(a, 0.5, 3);
        assertEquals(1.0 / 3, r.evaluated().get(0).filledFraction(), 1e-9);
        assertTrue(r.evaluated().get(1).allNull());
        assertEquals(1.0 / 3, r.evaluated().get(1).meanKnownFraction(), 1e-9);
        assertTrue(r.evaluated().get(2).allNull(), "5m is built from the null 1m archive");
        assertEquals("3s:30m,1m:1d,5m:2y", RetentionAdvisor.retentionFix(a, 3, 0.5));
        assertEquals(0.33, RetentionAdvisor.xffFix(a, 0.5, 3, r), 1e-12);
        // 30% (not 33%) as xFilesFactor fills: and 0.34 does not
        assertEquals(-1, WhisperRollup.simulate(a, 0.3, 3).firstNullArchive());
        assertEquals(1, WhisperRollup.simulate(a, 0.34, 3).firstNullArchive());
    }

    @Test
    void debianDefaultEveryTwoMinutesIsSometimesNull() {
        List<Retention.Archive> a = Retention.validate(Retention.parse("60s:1d,5m:30d,1h:3y"));
        WhisperRollup.Result r = WhisperRollup.simulate(a, 0.5, 120);
        WhisperRollup.ArchiveOutcome five = r.evaluated().get(1);
        assertTrue(five.nullWindows() > 0 && !five.allNull(), "2 of 5 vs 3 of 5 minutes alternate");
        assertEquals(0.5, five.nullFraction(), 1e-9);
    }

    /** The table subset sent to whisper.py: its input lines, the advisor's counts and a name per case. */
    record RealWhisperCases(StringBuilder input, List<long[][]> expected, List<String> names) { }

    /** Runs whisper.py (python3-whisper) over a subset of the table; skipped when it is absent. */
    @Test
    void advisorModelMatchesRealWhisper() throws Exception {
        String python = findPythonWithWhisper();
        assumeTrue(python != null, "python3 with whisper not installed");
        Path dir = Files.createTempDirectory("wsp");
        RealWhisperCases cases = realWhisperCases(dir);
        List<String> lines = runWhisper(python, cases.input().toString());
        assertEquals(cases.expected().size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).isEmpty() ? new String[0] : lines.get(i).split(" ");
            long[][] e = cases.expected().get(i);
            assertEquals(e.length - 1, parts.length, cases.names().get(i));
            for (int k = 1; k < e.length; k++) {
                assertEquals(e[k][0] + ":" + e[k][1], parts[k - 1], cases.names().get(i) + " archive " + k + " (windows:nulls)");
            }
        }
        try (var files = Files.list(dir)) { files.forEach(f -> f.toFile().delete()); }
        Files.delete(dir);
    }

    /** The advisor's model over retentions x intervals x xFilesFactors, one whisper file in {@code dir} each. */
    static RealWhisperCases realWhisperCases(Path dir) {
        String[] rets = {"1s:30m,1m:1d,5m:2y", "60s:1d,5m:30d,1h:3y", "5s:1h,15s:1d,1m:30d", "2s:1h,10s:6h,30s:1d,2m:7d"};
        double[] intervals = {1, 3, 7, 10, 45, 120, 2.5};
        double[] xffs = {0.1, 0.5, 1.0};
        RealWhisperCases cases = new RealWhisperCases(new StringBuilder(), new ArrayList<>(), new ArrayList<>());
        int id = 0;
        for (String ret : rets) {
            List<Retention.Archive> archives = Retention.validate(Retention.parse(ret));
            long top = archives.get(archives.size() - 1).secondsPerPoint();
            long t0 = T0_BASE - T0_BASE % top;
            for (double interval : intervals) {
                for (double xff : xffs) {
                    WhisperRollup.Result r = WhisperRollup.simulate(archives, xff, interval);
                    long[][] counts = new long[archives.size()][2];
                    for (int k = 1; k < archives.size(); k++) {
                        counts[k][0] = r.evaluated().get(k).windowsWithPoints();
                        counts[k][1] = r.evaluated().get(k).nullWindows();
                    }
                    cases.expected().add(counts);
                    cases.names().add(ret + " every " + interval + "s xff " + xff);
                    StringBuilder arch = new StringBuilder();
                    for (Retention.Archive a : archives) arch.append(a.secondsPerPoint()).append(':').append(a.points()).append(' ');
                    cases.input().append(dir.resolve("m" + (id++) + ".wsp")).append('\t').append(arch.toString().strip())
                         .append('\t').append(xff).append('\t').append(interval).append('\t').append(t0)
                         .append('\t').append(r.horizonSeconds()).append('\n');
                }
            }
        }
        return cases;
    }

    /** whisper.py: per input line (path, archives, xff, interval, t0, horizon) "windows:nulls" per rollup archive. */
    static final String WHISPER_SCRIPT = String.join("\n",
        "import sys, math, struct, whisper",
        "for line in sys.stdin:",
        "    path, arch, xff, interval, t0, horizon = line.rstrip('\\n').split('\\t')",
        "    archives = [tuple(int(x) for x in a.split(':')) for a in arch.split(' ')]",
        "    xff = float(xff); interval = float(interval); t0 = int(t0); horizon = int(horizon)",
        "    whisper.create(path, archives, xFilesFactor=xff, aggregationMethod='average')",
        "    times = []",
        "    with open(path, 'r+b') as fh:",
        "        j = 0",
        "        while True:",
        "            t = int(math.floor(j * interval))",
        "            if t >= horizon: break",
        "            whisper.file_update(fh, 1.0 + j % 7, t0 + t, now=t0 + t)",
        "            times.append(t0 + t); j += 1",
        "    info = whisper.info(path)",
        "    out = []",
        "    with open(path, 'rb') as fh:",
        "        for k, a in enumerate(info['archives']):",
        "            if k == 0: continue",
        "            fh.seek(a['offset']); data = fh.read(a['points'] * 12)",
        "            stored = set()",
        "            for i in range(a['points']):",
        "                ts, v = struct.unpack('!Ld', data[i*12:(i+1)*12])",
        "                if ts: stored.add(ts)",
        "            step = a['secondsPerPoint']",
        "            windows = set(t - t % step for t in times)",
        "            out.append('%d:%d' % (len(windows), len([w for w in windows if w not in stored])))",
        "    print(' '.join(out))",
        "    sys.stdout.flush()");

    /** Feeds {@code input} to whisper.py and returns its output lines, once it exited 0. */
    static List<String> runWhisper(String python, String input) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(python, "-c", WHISPER_SCRIPT).redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        try (Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) { w.write(input); }
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) lines.add(l);
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "whisper.py finished");
        assertEquals(0, p.exitValue());
        return lines;
    }

    static String findPythonWithWhisper() {
        for (String py : new String[] {"/usr/bin/python3", "python3"}) {
            if (py.startsWith("/") && !new File(py).canExecute()) continue;
            try {
                Process p = new ProcessBuilder(py, "-c", "import whisper").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) return py;
            } catch (Exception e) {
                // try the next one
            }
        }
        return null;
    }

    @Test
    void noRollupsMeansNoNulls() {
        List<Retention.Archive> a = Retention.validate(Retention.parse("1m:7d"));
        WhisperRollup.Result r = WhisperRollup.simulate(a, 0.5, 600);
        assertEquals(-1, r.firstNullArchive());
        assertFalse(Double.isNaN(r.evaluated().get(0).filledFraction()));
        assertEquals(0.1, r.evaluated().get(0).filledFraction(), 1e-9);
    }
}
