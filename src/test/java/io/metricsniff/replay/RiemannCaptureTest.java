package io.metricsniff.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metricsniff.replay.Replay.Rec;
import io.metricsniff.testutil.CliRunner;
import io.metricsniff.testutil.Oracle;
import io.metricsniff.testutil.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * captures/riemann.pcap (scripts/record-riemann): the npm riemann client and riemann-c-client send
 * events over TCP and UDP to a Riemann stand-in on 5555, which forwards them to carbon-cache on
 * 2003 by riemann.graphite's rules and drops those tagged "drop". Oracles: the clients' input
 * (riemann.sent.jsonl), the stand-in's log of each event and its decision (riemann.standin.log),
 * whisper (riemann.stored.txt), and tshark's own Riemann dissector.
 */
class RiemannCaptureTest {
    private static final String NAME = "riemann";
    private static List<Rec> in;
    private static List<Rec> out;
    private static List<Map<String, Object>> standin;

    @BeforeAll
    static void replay() {
        Replay r = Replay.of(NAME);
        in = r.to("riemann", 5555);
        out = r.to("graphite", 2003);
        standin = new ArrayList<>();
        for (String line : Oracle.beside(Oracle.capture(NAME), ".standin.log")) standin.add(JsonReader.object(line));
        assertFalse(in.isEmpty(), "riemann records to 5555");
        assertFalse(out.isEmpty(), "graphite records to 2003");
    }

    /** A datapoint as the hop matcher sees it: path, whole seconds, value. */
    private static String point(String path, double timestamp, double value) {
        return path + " " + (long) timestamp + " " + value;
    }

    private static String point(Rec r) {
        return point(r.path(), r.timestamp(), r.value());
    }

    @Test
    void everyEventTheStandInDecodedIsOneRecordWithTheSameFields() {
        assertEquals(standin.size(), in.size(), "one record per event, as the stand-in decoded them");
        for (int i = 0; i < in.size(); i++) {
            Rec r = in.get(i);
            Map<String, Object> s = standin.get(i);
            String at = "event " + i + ": " + r + " vs " + s;
            assertEquals(s.get("transport"), r.str("transport"), at);
            assertEquals(s.get("host"), r.str("riemann_host"), at);
            assertEquals(s.get("service"), r.str("service"), at);
            assertEquals(s.get("state"), r.str("state"), at);
            assertEquals(s.get("description"), r.str("description"), at);
            assertEquals(s.get("path"), r.path(), at);
            assertEquals(s.get("metric_type"), r.str("metric_type"), at);
            assertEquals(s.get("tags"), r.o().getOrDefault("riemann_tags", List.of()), at);
            assertEquals(attributes(s), r.o().getOrDefault("attributes", Map.of()), at);
            if (s.get("metric") != null) {
                assertEquals(Double.parseDouble((String) s.get("metric")), r.value(), at);
            } else {
                assertEquals(null, r.value(), at);
                assertTrue(r.problemCodes().contains("riemann-no-metric"), at);
                assertEquals("ok", r.verdict(), "a note, not a drop: " + at);
            }
            if (s.get("time") != null) {
                assertEquals((Double) s.get("time"), r.timestamp(), at);
            } else {
                assertTrue(r.problemCodes().contains("riemann-no-time"), at);
            }
        }
    }

    private static Map<String, Object> attributes(Map<String, Object> standinEvent) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (Object kv : (List<?>) standinEvent.get("attributes")) m.put((String) ((List<?>) kv).get(0), ((List<?>) kv).get(1));
        return m;
    }

    @Test
    void whatTheClientsSentIsWhatWasDecoded() {
        List<String> sent = Oracle.beside(Oracle.capture(NAME), ".sent.jsonl");
        assertEquals(in.size(), sent.size());
        for (int i = 0; i < sent.size(); i++) {
            Map<String, Object> s = JsonReader.object(sent.get(i));
            Rec r = in.get(i);
            String at = sent.get(i) + " vs " + r;
            assertEquals(s.get("transport"), r.str("transport"), at);
            if (s.get("args") instanceof List<?> args) { // riemann-client send flags
                for (int a = 0; a + 1 < args.size(); a += 2) {
                    String flag = (String) args.get(a), v = (String) args.get(a + 1);
                    switch (flag) {
                        case "-h": assertEquals(v, r.str("riemann_host"), at); break;
                        case "-S": assertEquals(v, r.str("service"), at); break;
                        case "-s": assertEquals(v, r.str("state"), at); break;
                        case "-i": case "-d": assertEquals(Double.parseDouble(v), r.value(), at); break;
                        case "-f": assertEquals((double) Float.parseFloat(v), r.value(), at); break;
                        case "-t": assertTrue(((List<?>) r.o().get("riemann_tags")).contains(v), at); break;
                        default: break;
                    }
                }
            } else { // the npm client: `metric` goes as metric_f
                assertEquals(s.get("host"), r.str("riemann_host"), at);
                assertEquals(s.get("service"), r.str("service"), at);
                assertEquals(s.get("time"), r.timestamp(), at);
                Object m = s.containsKey("metricSint64") ? s.get("metricSint64") : s.containsKey("metricD") ? s.get("metricD") : null;
                if (m != null) assertEquals((Double) m, r.value(), at);
                if (s.containsKey("metric")) assertEquals((double) (float) (double) (Double) s.get("metric"), r.value(), at);
            }
        }
    }

    @Test
    void theGraphiteLinesOutAreTheForwardedEventsPaths() {
        List<String> forwarded = new ArrayList<>();
        List<String> outPoints = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            if ("forwarded".equals(standin.get(i).get("decision"))) forwarded.add(point(in.get(i)));
        }
        for (Rec r : out) {
            assertEquals("ok", r.verdict(), r::toString);
            outPoints.add(point(r));
        }
        Collections.sort(forwarded);
        Collections.sort(outPoints);
        assertEquals(forwarded, outPoints);
        List<String> stored = new ArrayList<>();
        for (Oracle.Stored s : Oracle.stored(Oracle.capture(NAME))) stored.add(point(s.path(), s.timestamp(), s.value()));
        Collections.sort(stored);
        assertEquals(forwarded, stored, "whisper holds exactly the forwarded points");
    }

    @Test
    void theDroppedSubsetIsExactlyTheEventsWithNoLineOut() {
        List<String> outPoints = new ArrayList<>();
        for (Rec r : out) outPoints.add(point(r));
        List<String> missing = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Rec r = in.get(i);
            if (r.value() == null) {
                assertEquals("no-metric", standin.get(i).get("decision"), r::toString);
                continue; // never forwarded: a note, not a drop
            }
            if (!outPoints.remove(point(r))) missing.add(r.path());
            if ("dropped".equals(standin.get(i).get("decision"))) dropped.add(r.path());
        }
        assertFalse(dropped.isEmpty());
        assertEquals(dropped, missing);
        assertEquals(List.of(), outPoints, "every line out came from an event in");
    }

    /** Forced on both directions, Riemann's ok answers are told from clients' Msgs: no record, no error. */
    @Test
    void forcedProtocolReadsBothDirectionsAndIgnoresTheAnswers() {
        CliRunner run = CliRunner.json(Oracle.capture(NAME).toString(), "--protocol", "riemann", "port", "5555");
        assertEquals(0, run.exit(), run.err());
        List<String> forced = new ArrayList<>();
        for (Map<String, Object> o : run.metrics()) {
            assertEquals("ok", o.get("verdict"), o::toString);
            forced.add((String) o.get("raw"));
        }
        List<String> auto = new ArrayList<>();
        for (Rec r : in) auto.add(r.raw());
        assertEquals(auto, forced);
    }

    /** tshark's Riemann dissector reads the same events from the same packets. */
    @Test
    void tsharksDissectorAgrees() throws Exception {
        List<String> lines = tshark("-r", "captures/" + NAME + ".pcap", "-d", "tcp.port==5555,riemann",
                "-d", "udp.port==5555,riemann", "-Y", "riemann.event and (tcp.dstport==5555 or udp.dstport==5555)",
                "-T", "fields", "-e", "riemann.event.host", "-e", "riemann.event.service", "-e", "riemann.event.state",
                "-e", "riemann.event.metric_sint64", "-e", "riemann.event.metric_d", "-e", "riemann.event.metric_f",
                "-e", "riemann.event.time", "-e", "riemann.event.tag", "-e", "riemann.attribute.key",
                "-E", "occurrence=a", "-E", "aggregator=|");
        assertEquals(in.size(), lines.size(), "one event per Msg in this capture: " + lines);
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            Rec r = in.get(i);
            String at = lines.get(i) + " vs " + r;
            assertEquals(f[0], r.str("riemann_host"), at);
            assertEquals(f[1], r.str("service"), at);
            assertEquals(f[2], r.str("state") == null ? "" : r.str("state"), at);
            String metric = !f[3].isEmpty() ? f[3] : !f[4].isEmpty() ? f[4] : f[5];
            if (metric.isEmpty()) {
                assertEquals(null, r.value(), at);
            } else if (!f[5].isEmpty()) { // tshark prints a float with %g: 6 significant digits
                assertEquals(Double.parseDouble(metric), r.value(), Math.abs(r.value()) * 1e-6, at);
            } else {
                assertEquals(Double.parseDouble(metric), r.value(), at);
            }
            if (!f[6].isEmpty()) assertEquals(Double.parseDouble(f[6]), r.str("event_time") == null ? null : (Double) r.o().get("event_time"), at);
            List<?> tags = (List<?>) r.o().getOrDefault("riemann_tags", List.of());
            assertEquals(f[7], String.join("|", tags.stream().map(Object::toString).toList()), at);
            Map<?, ?> attrs = (Map<?, ?>) r.o().getOrDefault("attributes", Map.of());
            assertEquals(f[8], String.join("|", attrs.keySet().stream().map(Object::toString).toList()), at);
        }
    }

    private static List<String> tshark(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        assertEquals(0, p.exitValue(), "tshark exit status (scripts/test installs tshark)");
        List<String> lines = new ArrayList<>();
        for (String l : text.split("\n")) if (!l.isEmpty()) lines.add(l);
        assertNotNull(lines);
        return lines;
    }
}
