package io.metricsniff.verdict;

import io.metricsniff.testutil.Oracle.Received;
import io.metricsniff.testutil.RelayLab;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 10: the real carbon-c-relay (Debian 3.7.3) is the oracle for the carbon-c-relay profile.
 * Every line of {@link ProfileTableTest#TABLE} goes through the running relay (a forward cluster to
 * one sink), each followed by a marker line; what arrives between two markers is what the relay
 * made of that line: nothing when the profile says malformed, else one copy per metric named as the
 * profile's {@code stored_path} (or the path, when the relay keeps it).
 */
class CRelayProfileOracleTest {
    static final String BINARY = "/usr/bin/carbon-c-relay";
    static final String MARKER = "lab.oracle.marker.m";

    @Test
    void theRelayAgreesWithTheProfileOnEveryTableLine() throws Exception {
        RelayLab.assumeInstalled(BINARY);
        try (RelayLab lab = new RelayLab("metricsniff-cc-oracle.")) {
            int port = startRelayToOneSink(lab);
            List<String> lines = new ArrayList<>();
            List<List<String>> expected = new ArrayList<>();
            for (int k = 0; k < ProfileTableTest.TABLE.length; k++) {
                String row = (String) ProfileTableTest.TABLE[k][0];
                lines.add(row);
                lines.add(MARKER + k + " 1 1700000000");
                expected.add(expectedNames(row));
            }
            RelayLab.send(RelayLab.C_RELAY_HOST, port, lines);
            int total = lines.size() / 2 + expected.stream().mapToInt(List::size).sum();
            List<Received> got = lab.awaitReceived(total);
            List<List<String>> actual = new ArrayList<>();
            List<String> cur = new ArrayList<>();
            for (Received r : got) {
                if (r.name().startsWith(MARKER)) { actual.add(cur); cur = new ArrayList<>(); } else if (!r.name().startsWith("carbon.")) cur.add(r.name());
            }
            List<String> differ = new ArrayList<>();
            for (int k = 0; k < expected.size(); k++) {
                List<String> a = k < actual.size() ? actual.get(k) : List.of("(nothing arrived)");
                if (!a.equals(expected.get(k))) {
                    differ.add("'" + ProfileTableTest.escape((String) ProfileTableTest.TABLE[k][0]) + "': profile " + expected.get(k) + ", relay " + a);
                }
            }
            assertEquals(List.of(), differ, "carbon-c-relay vs its profile");
        }
    }

    /** A sink and the real relay forwarding everything to it; returns the relay's port. */
    static int startRelayToOneSink(RelayLab lab) throws Exception {
        int sink = RelayLab.freePort(RelayLab.SINK_A), port = RelayLab.freePort(RelayLab.C_RELAY_HOST);
        lab.startSinks(RelayLab.SINK_A + ":" + sink + ":line");
        Path conf = lab.dir.resolve("relay.conf");
        Files.writeString(conf, "listen type linemode " + RelayLab.C_RELAY_HOST + ":" + port + " proto tcp ;\n"
                + "cluster sink forward " + RelayLab.SINK_A + ":" + sink + " ;\nmatch * send to sink ;\n");
        lab.startDaemon(List.of(BINARY, "-f", conf.toString(), "-H", "lab", "-w", "1"),
                lab.dir.resolve("relay.out"), RelayLab.C_RELAY_HOST, port);
        return port;
    }

    /** The names the profile says the relay forwards for a row: none when malformed. */
    private static List<String> expectedNames(String row) {
        byte[] raw = row.getBytes(StandardCharsets.UTF_8);
        int cr = row.indexOf('\r');
        List<String> out = new ArrayList<>();
        MetricRecord rec = ProfileTableTest.record(cr >= 0 ? row.substring(0, cr) : row);
        new CarbonCRelayProfile().judgeLine(rec, Transport.TCP);
        if (rec.verdict() != Verdict.MALFORMED) out.add(rec.storedPath() != null ? rec.storedPath() : rec.path());
        if (cr >= 0 && raw.length > cr + 1) out.addAll(expectedNames(row.substring(cr + 1))); // '\r' ends a line too
        return out;
    }
}
