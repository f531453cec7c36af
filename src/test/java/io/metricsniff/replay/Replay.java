package io.metricsniff.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.metricsniff.testutil.CliRunner;
import io.metricsniff.testutil.Oracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One capture replayed through {@link CliRunner} with --format json, its metric lines as {@link Rec}s. */
final class Replay {
    final List<Rec> metrics = new ArrayList<>();
    final List<Map<String, Object>> lines;
    final Map<String, Object> summary;

    private Replay(CliRunner run) {
        lines = run.lines();
        summary = run.summary();
        for (Map<String, Object> o : lines) {
            if ("metric".equals(o.get("type"))) {
                metrics.add(new Rec(o));
            }
        }
    }

    /** Runs `-I captures/NAME.pcap --format json` (cwd = project root under surefire). */
    static Replay of(String name) {
        String pcap = Oracle.capture(name).toString();
        CliRunner run = CliRunner.json(pcap);
        assertEquals(0, run.exit(), "exit status; stderr: " + run.err());
        Replay r = new Replay(run);
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
