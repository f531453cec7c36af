package io.metricsniff.e2e5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metricsniff.cli.Main;
import io.metricsniff.testutil.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Replays one capture through the real command line with --format json and reads the result. */
final class Replay {
    final List<Rec> metrics = new ArrayList<>();
    final List<Map<String, Object>> lines = new ArrayList<>();
    final Map<String, Object> summary;

    private Replay(String stdout) {
        Map<String, Object> last = null;
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> o = JsonReader.object(line);
            lines.add(o);
            if ("metric".equals(o.get("type"))) {
                metrics.add(new Rec(o));
            }
            last = o;
        }
        assertTrue(last != null && "summary".equals(last.get("type")),
                "the last JSON line is the summary, got " + last);
        summary = last;
    }

    /** Runs `-I captures/NAME.pcap --format json` (cwd = project root under surefire). */
    static Replay of(String name) {
        Path pcap = Path.of("captures", name + ".pcap");
        assertTrue(Files.isRegularFile(pcap), "missing " + pcap + " (scripts/record-protocols)");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(new String[] {"-I", pcap.toString(), "--format", "json"}, o, e);
        }
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, "exit status; stderr: " + stderr);
        Replay r = new Replay(out.toString(StandardCharsets.UTF_8));
        assertFalse(r.metrics.isEmpty(), "no metric records from " + pcap);
        return r;
    }

    /** Metric records of one protocol sent to a port (dst ends with :PORT). */
    List<Rec> to(String protocol, int port) {
        List<Rec> l = new ArrayList<>();
        for (Rec r : metrics) {
            if (protocol.equals(r.protocol()) && r.dstPort() == port) {
                l.add(r);
            }
        }
        return l;
    }

    static List<String> readLines(String name) {
        try {
            return Files.readAllLines(Path.of("captures", name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read captures/" + name, e);
        }
    }

    /** One `metric` JSON line. */
    record Rec(Map<String, Object> o) {
        String str(String k) {
            Object v = o.get(k);
            return v == null ? null : v.toString();
        }

        String protocol() {
            return str("protocol");
        }

        String verdict() {
            return str("verdict");
        }

        String raw() {
            return str("raw");
        }

        String path() {
            return str("path");
        }

        Double value() {
            return o.get("value") instanceof Double d ? d : null;
        }

        Double timestamp() {
            return o.get("timestamp") instanceof Double d ? d : null;
        }

        int dstPort() {
            String d = str("dst");
            return d == null ? -1 : Integer.parseInt(d.substring(d.lastIndexOf(':') + 1));
        }

        List<String> problemCodes() {
            List<String> codes = new ArrayList<>();
            if (o.get("problems") instanceof List<?> l) {
                for (Object p : l) {
                    if (p instanceof Map<?, ?> m && m.get("code") != null) {
                        codes.add(m.get("code").toString());
                    }
                }
            }
            return codes;
        }

        @Override
        public String toString() {
            return o.toString();
        }
    }
}
