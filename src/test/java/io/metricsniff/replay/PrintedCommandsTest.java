package io.metricsniff.replay;

import io.metricsniff.testutil.CliRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commands the retention advice prints run as pasted: each goes to sh, against a throwaway
 * whisper tree made with whisper-create, and whisper-info then shows the advised layout.
 */
class PrintedCommandsTest {
    static final String RETENTIONS = "1s:30m,1m:1d,5m:2y"; // captures/collectd-3s.schemas.conf
    @TempDir Path tree;

    @Test void theAdvisedCommandsRunAsPastedAndDoWhatTheySay() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/whisper-resize")), "needs python3-whisper");
        CliRunner r = CliRunner.run(RetentionAdviceE2eTest.TIMEOUT_SECONDS, "-I", RetentionAdviceE2eTest.CAPTURE, "-q",
                "--schemas", RetentionAdviceE2eTest.SCHEMAS, "--aggregation", RetentionAdviceE2eTest.AGGREGATION,
                "--whisper-dir", tree.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> commands = new ArrayList<>();
        for (String l : r.out().lines().map(String::strip).toList()) {
            if (l.startsWith("whisper-") || l.startsWith("find ")) commands.add(l);
        }
        assertTrue(commands.stream().anyMatch(c -> c.startsWith("find ")), "a find over the rest: " + r.out());
        List<Path> files = new ArrayList<>();
        for (String c : commands) {
            if (c.startsWith("whisper-")) files.add(Path.of(c.split(" ")[1]));
        }
        files.add(tree.resolve("collectd/lab/only-find/reached.wsp")); // only the find reaches this one
        for (Path f : files) {
            Files.createDirectories(f.getParent());
            if (!Files.exists(f)) sh("whisper-create --xFilesFactor=0.5 " + f + " " + RETENTIONS.replace(',', ' '));
        }
        for (String c : commands) sh(c);
        for (Path f : files) {
            String info = sh("whisper-info " + f);
            assertTrue(info.contains("xFilesFactor: 0.33"), f + ":\n" + info);
            assertTrue(info.matches("(?s).*Archive 0\\n[^A]*secondsPerPoint: 3\\n.*"), f + ":\n" + info);
        }
    }

    /** Runs one line as sh would, as a person pasting it; fails on a non-zero status. */
    private static String sh(String line) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), line + "\n" + out);
        return out;
    }
}
