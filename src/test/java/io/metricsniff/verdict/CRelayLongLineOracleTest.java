package io.metricsniff.verdict;

import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import io.metricsniff.testutil.Oracle.Received;
import io.metricsniff.testutil.RelayLab;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 10: the real carbon-c-relay (Debian 3.7.3) decides its longest line and what happens after
 * it. On one connection per length: a line before, the long line (32766, 32767, 32768 and 65536
 * bytes), a line after; what reaches the sink must be what the profile says: every line up to the
 * first one that closes the connection, and that one only when it is not malformed.
 */
class CRelayLongLineOracleTest {
    static final int[] LENGTHS = {32766, 32767, 32768, 65536};

    @Test
    void theRelayAgreesOnLongLinesAndTheLinesAfterThem() throws Exception {
        RelayLab.assumeInstalled(CRelayProfileOracleTest.BINARY);
        try (RelayLab lab = new RelayLab("metricsniff-cc-long.")) {
            int port = CRelayOracle.startRelayToOneSink(lab);
            List<String> expected = new ArrayList<>();
            for (int n : LENGTHS) {
                List<String> lines = List.of("before." + n + " 1 1700000000", bigLine(n), "after." + n + " 1 1700000000");
                expected.addAll(profileForwards(lines));
                sendIgnoringReset(RelayLab.C_RELAY_HOST, port, lines);
                Thread.sleep(300);
            }
            List<String> got = new ArrayList<>();
            for (Received r : lab.awaitReceived(expected.size())) {
                if (!r.name().startsWith("carbon.")) got.add(shortName(r.name()));
            }
            expected.sort(null);
            got.sort(null); // connections are read by the relay's workers: order across them is not kept
            assertEquals(expected, got, "carbon-c-relay vs its profile on long lines");
        }
    }

    /** What the profile says reaches the sink: lines until one closes the connection, minus the malformed. */
    static List<String> profileForwards(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            MetricRecord rec = ProfileTableTest.record(line);
            boolean kills = new CarbonCRelayProfile().judgeLine(rec, Transport.TCP);
            if (rec.verdict() != Verdict.MALFORMED) out.add(shortName(rec.path()));
            if (kills) break;
        }
        return out;
    }

    /** A line of exactly n bytes (without its '\n'), named by its length. */
    static String bigLine(int n) {
        String head = "big." + n + ".", tail = " 1 1700000000";
        return head + "x".repeat(n - head.length() - tail.length()) + tail;
    }

    private static String shortName(String name) { return name.length() > 40 ? name.substring(0, 40) + "...(" + name.length() + ")" : name; }

    /** The relay resets the connection on a line it cannot hold: that is the behaviour under test, not an error. */
    private static void sendIgnoringReset(String host, int port, List<String> lines) {
        try {
            RelayLab.send(host, port, lines);
        } catch (IOException e) {
            // connection reset by the relay: what it forwarded is checked at the sink
        }
    }
}
