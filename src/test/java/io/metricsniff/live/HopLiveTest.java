package io.metricsniff.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metricsniff.testutil.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Records a fresh carbon-relay -> two carbon-caches run (scripts/record-hops rf2, on 127.0.0.21-23,
 * into a temp dir) and follows it with --hop: every datapoint sent must be delivered to both
 * caches, and each cache must hold exactly the distinct points sent. Checks the recording script
 * and the hop engine against today's carbon on this machine, not only the bundled captures.
 */
class HopLiveTest {
    /** carbon-relay and two caches start, 423 points, the relay's 3 s tail, the caches' writes. */
    private static final long RECORD_TIMEOUT_SECONDS = 120;

    @Test
    void aFreshRecordingWithReplicationTwoIsDeliveredToBothCaches() throws Exception {
        Lab.assumeRootAnd("/usr/bin/carbon-relay", "/usr/bin/carbon-cache", "/usr/bin/tcpdump", Lab.PYTHON);
        Path dir = Lab.tempDir("hop-live");
        try {
            ProcessBuilder pb = new ProcessBuilder("scripts/record-hops", "rf2").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("record.log").toFile());
            pb.environment().put("HOP_CAPTURES", dir.toString());
            Process p = pb.start();
            assertTrue(p.waitFor(RECORD_TIMEOUT_SECONDS, TimeUnit.SECONDS), "record-hops did not finish");
            assertEquals(0, p.exitValue(), Files.readString(dir.resolve("record.log")));

            CliRunner run = CliRunner.json(dir.resolve("hop-rf2.pcap").toString(), "-q", "--hop", "2013,2014",
                    "--hop-replicas", "2", "tcp");
            assertEquals(0, run.exit(), run.err());
            @SuppressWarnings("unchecked")
            Map<String, Object> hop = (Map<String, Object>) ((List<Object>) run.summary().get("hops")).get(0);
            List<String> sent = Files.readAllLines(dir.resolve("hop-rf2.sent.txt"));
            assertEquals(sent.size(), CliRunner.num(hop, "in"));
            assertEquals(sent.size(), CliRunner.num(hop, "delivered"), hop.toString());
            Set<String> distinct = new HashSet<>();
            for (String l : sent) distinct.add(l.split(" ")[0] + " " + l.split(" ")[1]);
            for (String cache : new String[] {"a", "b"}) {
                Set<String> stored = new HashSet<>();
                for (String l : Files.readAllLines(dir.resolve("hop-rf2.stored-" + cache + ".txt"))) {
                    if (l.startsWith("lab.hop.")) stored.add(l.split(" ")[0] + " " + l.split(" ")[1]);
                }
                assertEquals(distinct, stored, "cache " + cache + " holds every distinct point sent");
            }
        } finally {
            Lab.deleteTree(dir);
        }
    }
}
