package io.metricsniff.cli;

import io.metricsniff.output.PcapWriter;
import io.metricsniff.record.Protocol;
import io.metricsniff.testutil.Frames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static io.metricsniff.cli.CliTest.CRAFTED;
import static io.metricsniff.cli.CliTest.assertUsageError;
import static io.metricsniff.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a tcpdump user types and expects: its spellings, -D, --version, errors for options that do not apply. */
class TcpdumpHabitsTest {
    @TempDir Path dir;

    @Test void tcpdumpSpellingsMeanTheSameOptions() throws Exception {
        Path a = dir.resolve("a.pcap"), b = dir.resolve("b.pcap");
        CliTest.Result ours = run("-I", CRAFTED, "--format", "json", "-n", "5", "-O", a.toString());
        CliTest.Result theirs = run("-r", CRAFTED, "--format", "json", "-c", "5", "-w", b.toString());
        assertEquals(0, theirs.code(), theirs.err());
        // The metrics are the same; how many packets were read before -n stopped the run is not.
        assertEquals(ours.lines().subList(0, 5), theirs.lines().subList(0, 5));
        assertEquals(6, theirs.lines().size(), "5 metrics and the summary");
        assertTrue(Files.size(a) > 24 && Files.size(b) > 24, "both wrote packets");
        assertUsageError(run("-i", "nosuchdev0"), "no such device 'nosuchdev0'");
    }

    @Test void listInterfacesAndVersionAsTcpdump() {
        CliTest.Result d = run("-D");
        assertEquals(0, d.code(), d.err());
        assertTrue(d.lines().stream().anyMatch(l -> l.matches("\\d+\\.lo .*")), d.out());
        assertEquals(d.out(), run("--list-interfaces").out());
        CliTest.Result v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("metricsniff "), v.out());
        assertTrue(v.out().contains("libpcap version 1."), v.out());
    }

    @Test void optionsThatDoNotApplyAreErrors() {
        assertUsageError(run("-I", CRAFTED, "--pace"), "--pace");
        assertUsageError(run("-d", "lo", "--pace", "--format", "json"), "--pace");
        assertUsageError(run("-I", CRAFTED, "-B", "1024"), "-B");
        assertUsageError(run("-I", CRAFTED, "--immediate-mode"), "--immediate-mode");
        assertUsageError(run("-I", CRAFTED, "--duration", "5s"), "--duration");
        for (String glob : new String[] {"a.[b", "a.{b,c", "a.b}", "a..b", ".a"}) {
            assertUsageError(run("-I", CRAFTED, "--expect", glob), "not a valid glob");
        }
        assertEquals(0, run("-I", CRAFTED, "--pace", "--format", "json", "-q", "-n", "1").code());
    }

    @Test void durationsTakeBareSecondsAndCompounds() {
        CliTest.Result bare = run("-I", CRAFTED, "-q", "--format", "json", "--late", "90", "--future", "90");
        CliTest.Result compound = run("-I", CRAFTED, "-q", "--format", "json", "--late", "1m30s", "--future", "1m30s");
        assertEquals(0, bare.code(), bare.err());
        assertEquals(bare.out(), compound.out());
        assertUsageError(run("-I", CRAFTED, "--late", "1m30"), "1m30");
    }

    /** The default filter and --protocol auto must agree, port for port. */
    @Test void theDefaultFilterHoldsEveryPortAutoReads() {
        List<String> ports = new ArrayList<>();
        for (int port = 1; port <= 65535; port++) if (Protocol.forPort(port) != null) ports.add("port " + port);
        assertEquals(String.join(" or ", ports), SniffCommand.DEFAULT_FILTER);
    }

    @Test void fileErrorsSayWhy() throws Exception {
        assertUsageError(run("-I", dir.resolve("no/such/dir/x.pcap").toString()), "no such directory");
        assertUsageError(run("-I", dir.resolve("missing.pcap").toString()), "no such file");
        assertUsageError(run("-I", dir.toString()), "is a directory");
        assertUsageError(run("-I", CRAFTED, "-O", dir.resolve("no/dir/out.pcap").toString()), "no such directory");
        assertUsageError(run("-I", CRAFTED, "-O", dir.toString()), "is a directory");
        Path secret = Files.copy(Path.of(CRAFTED), dir.resolve("secret.pcap"));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(secret)) assertUsageError(run("-I", secret.toString()), "permission denied"); // root reads all
    }

    /** As tcpdump: the summary of what was read, then the error, status 2. */
    @Test void aTruncatedCaptureExitsNonZeroAfterItsSummary() throws Exception {
        Path cut = dir.resolve("cut.pcap");
        try (PcapWriter w = PcapWriter.create(cut, Frames.DLT_EN10MB, 65535)) {
            for (int i = 0; i < 3; i++) {
                w.write(1_795_508_376_000_000_000L + i, Frames.udp4(Frames.LOCALHOST, 40000, Frames.LOCALHOST, 8125,
                        Frames.ascii("cut." + i + ":1|c\n")));
            }
        }
        byte[] all = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 5));
        CliTest.Result r = run("-I", cut.toString(), "--format", "json");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.out().contains("\"path\":\"cut.1\"") && r.lines().get(r.lines().size() - 1).contains("\"summary\""),
                r.out());
        assertTrue(r.err().startsWith("metricsniff: " + cut + ": file is truncated"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
