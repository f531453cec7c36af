package io.metricsniff.verdict;

import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import io.metricsniff.testutil.Oracle.Received;
import io.metricsniff.testutil.RelayLab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real carbon-c-relay (Debian 3.7.3) as the oracle for a carbon-c-relay profile: each line
 * goes through the running relay (a forward cluster to one sink), followed by a marker line; what
 * arrives between two markers is what the relay made of that line: nothing when the profile says
 * malformed, else one copy per metric named as the profile's {@code stored_path} (or the path).
 */
final class CRelayOracle {
    static final String BINARY = "/usr/bin/carbon-c-relay";
    /** Short enough for the relay's own metriclimits test (-m 16 -M 24): "zz.m12 1 1" is 10 bytes. */
    static final String MARKER = "zz.m";

    private CRelayOracle() { }

    /** Where the relay and the profile disagree on {@code rows}; the relay runs with {@code relayArgs} added. */
    static List<String> disagreements(String[] rows, CarbonCRelayProfile profile, String... relayArgs) throws Exception {
        RelayLab.assumeInstalled(BINARY);
        try (RelayLab lab = new RelayLab("metricsniff-cc-oracle.")) {
            int port = startRelayToOneSink(lab, relayArgs);
            List<String> lines = new ArrayList<>();
            List<List<String>> expected = new ArrayList<>();
            for (int k = 0; k < rows.length; k++) {
                lines.add(rows[k]);
                lines.add(MARKER + k + " 1 1");
                expected.add(expectedNames(rows[k], profile));
            }
            RelayLab.send(RelayLab.C_RELAY_HOST, port, lines);
            int total = rows.length + expected.stream().mapToInt(List::size).sum();
            List<List<String>> actual = new ArrayList<>();
            List<String> cur = new ArrayList<>();
            for (Received r : lab.awaitReceived(total)) {
                if (r.name().startsWith(MARKER)) { actual.add(cur); cur = new ArrayList<>(); } else if (!r.name().startsWith("carbon.")) cur.add(r.name());
            }
            List<String> differ = new ArrayList<>();
            for (int k = 0; k < expected.size(); k++) {
                List<String> a = k < actual.size() ? actual.get(k) : List.of("(nothing arrived)");
                if (!a.equals(expected.get(k))) {
                    differ.add("'" + ProfileTableTest.escape(rows[k]) + "': profile " + expected.get(k) + ", relay " + a);
                }
            }
            return differ;
        }
    }

    /** A sink and the real relay forwarding everything to it; returns the relay's port. */
    static int startRelayToOneSink(RelayLab lab, String... relayArgs) throws Exception {
        int sink = RelayLab.freePort(RelayLab.SINK_A), port = RelayLab.freePort(RelayLab.C_RELAY_HOST);
        lab.startSinks(RelayLab.SINK_A + ":" + sink + ":line");
        Path conf = lab.dir.resolve("relay.conf");
        Files.writeString(conf, "listen type linemode " + RelayLab.C_RELAY_HOST + ":" + port + " proto tcp ;\n"
                + "cluster sink forward " + RelayLab.SINK_A + ":" + sink + " ;\nmatch * send to sink ;\n");
        List<String> cmd = new ArrayList<>(List.of(BINARY, "-f", conf.toString(), "-H", "lab", "-w", "1"));
        cmd.addAll(List.of(relayArgs));
        lab.startDaemon(cmd, lab.dir.resolve("relay.out"), RelayLab.C_RELAY_HOST, port);
        return port;
    }

    /** The names the profile says the relay forwards for a row: none when malformed; '\r' ends a line too. */
    static List<String> expectedNames(String row, CarbonCRelayProfile profile) {
        int cr = row.indexOf('\r');
        List<String> out = new ArrayList<>();
        MetricRecord rec = ProfileTableTest.record(cr >= 0 ? row.substring(0, cr) : row);
        profile.judgeLine(rec, Transport.TCP);
        if (rec.verdict() != Verdict.MALFORMED) out.add(rec.storedPath() != null ? rec.storedPath() : rec.path());
        if (cr >= 0 && cr + 1 < row.length()) out.addAll(expectedNames(row.substring(cr + 1), profile));
        return out;
    }
}
