package io.metricsniff.cli;

import io.metricsniff.testutil.CliRunner;
import io.metricsniff.testutil.Veth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's promises: exit codes, one-line errors, -n, -q, -O, escaping. */
class CliTest {
    static final String CRAFTED = "captures/crafted-carbon.pcap";
    @TempDir Path dir;

    record Result(int code, String out, String err) {
        List<String> lines() { return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n")); }
    }

    static Result run(String... args) {
        CliRunner r = CliRunner.run(args);
        return new Result(r.exit(), r.out(), r.err());
    }

    static void assertUsageError(Result r, String mentions) {
        assertEquals(2, r.code(), r.toString());
        assertEquals("", r.out(), r.toString());
        assertEquals(1, r.err().lines().count(), "exactly one line: " + r.err());
        assertTrue(r.err().startsWith("metricsniff: "), r.err());
        assertTrue(r.err().contains(mentions), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test void usageErrorsAreOneLineAndExitTwo() throws Exception {
        assertUsageError(run("--bogus"), "--bogus");
        assertUsageError(run("-I", dir.resolve("missing.pcap").toString()), "no such file");
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a capture\n");
        assertUsageError(run("-I", text.toString()), "not a pcap or pcapng file");
        assertUsageError(run("-I", CRAFTED, "prot", "2003"), "bad filter");
        assertUsageError(run("-I", CRAFTED, "-n", "0"), "-n");
        assertUsageError(run("-I", CRAFTED, "--late", "5 minutes"), "5 minutes");
        assertUsageError(run("-I", CRAFTED, "--receiver", "graphite-web"), "graphite-web");
        assertUsageError(run("-I", CRAFTED, "--protocol", "xml"), "xml");
        assertUsageError(run("-I", CRAFTED, "-d", "lo"), "not both");
        assertUsageError(run("-d", "nosuchdev0", "port", "2003"), "nosuchdev0");
    }

    @Test void healthAndReportOptionsFailInOneLine() throws Exception {
        assertUsageError(run("-I", CRAFTED, "--report-to", "nohostport"), "HOST:PORT");
        assertUsageError(run("-I", CRAFTED, "--report-to", "127.0.0.61:70000"), "HOST:PORT");
        assertUsageError(run("-I", CRAFTED, "--report-to", "127.0.0.61:2003", "--report-interval", "10ms"), "at least 1s");
        Path conf = Files.writeString(dir.resolve("carbon.conf"), "[cache]\nMAX_CREATES_PER_MINUTE = lots\n");
        assertUsageError(run("-I", CRAFTED, "--carbon-conf", conf.toString()), "needs --schemas");
        Path schemas = Files.writeString(dir.resolve("schemas.conf"), "[all]\npattern = .*\nretentions = 1s:1h\n");
        assertUsageError(run("-I", CRAFTED, "--carbon-conf", conf.toString(), "--schemas", schemas.toString()), "not a number");
    }

    @Test void aLinkTypeWeDoNotDecodeIsSaidOnceNotCountedSilently() throws Exception {
        Path ppp = dir.resolve("ppp.pcap"); // DLT_PPP = 9: libpcap filters it, metricsniff does not decode it
        try (io.metricsniff.output.PcapWriter w = io.metricsniff.output.PcapWriter.create(ppp, 9, 65535)) {
            w.write(1, new byte[40]);
        }
        assertUsageError(run("-I", ppp.toString()), "link type PPP (PPP, DLT 9) is not one metricsniff decodes");
    }

    @Test void countStopsAfterExactlyNRecords() {
        Result r = run("-I", CRAFTED, "--format", "json", "-n", "3");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.lines();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(3).startsWith("{\"type\":\"summary\""), lines.get(3));
        assertTrue(lines.get(3).contains("\"metrics\":3,"), lines.get(3));
    }

    @Test void quietPrintsOnlyTheSummaryInTheChosenFormat() {
        Result json = run("-I", CRAFTED, "-q", "--format", "json");
        assertEquals(1, json.lines().size(), json.out());
        assertTrue(json.out().startsWith("{\"type\":\"summary\",\"packets\":"), json.out());
        Result text = run("-I", CRAFTED, "-q");
        assertTrue(text.out().startsWith("summary: "), text.out());
        assertFalse(text.out().contains("lab.ok"), text.out());
    }

    @Test void textEscapesControlCharactersAndCutsEndlessLines() {
        Result r = run("-I", CRAFTED);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("lab.ok.crlf 9 ") && r.out().contains("\\r"), "CR shown, not obeyed");
        for (char c : r.out().toCharArray()) {
            assertFalse(c < 0x20 && c != '\n' || c == 0x7f || c == 0x1b, "raw control character " + (int) c + " reached the output");
        }
        assertTrue(r.out().lines().allMatch(l -> l.length() < 1000), "the 17 kB line is cut in text output");
        assertTrue(r.out().contains("(17022 bytes)"), "and its true length is told");
    }

    @Test void outputFileHoldsThePacketsThatPassedTheFilterAndReplaysTheSame() throws Exception {
        Path copy = dir.resolve("copy.pcap");
        Result first = run("-I", CRAFTED, "-q", "--format", "json", "-O", copy.toString(), "tcp", "port", "2003");
        Result again = run("-I", copy.toString(), "-q", "--format", "json");
        assertEquals(0, again.code(), again.err());
        assertEquals(first.out(), again.out(), "same packets, same summary");
        if (Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump"))) {
            Process p = new ProcessBuilder("tcpdump", "-nr", copy.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.contains(".2003:"), out);
        }
    }

    @Test void autoTellsWhenTrafficWentToAPortItDoesNotKnow() throws Exception {
        Path p = dir.resolve("port9999.pcap");
        byte[] a = io.metricsniff.testutil.Frames.LOCALHOST;
        try (io.metricsniff.output.PcapWriter w = io.metricsniff.output.PcapWriter.create(p, 1, 65535)) {
            w.write(1_700_000_000_000_000_000L, io.metricsniff.testutil.Frames.tcp4(a, 40000, a, 9999, 1, 0, 0x02, new byte[0]));
            w.write(1_700_000_000_000_001_000L, io.metricsniff.testutil.Frames.tcp4(a, 40000, a, 9999, 2, 1, 0x18,
                    io.metricsniff.testutil.Frames.ascii("a.b 1 1700000000\n")));
        }
        Result auto = run("-I", p.toString(), "--format", "json", "port", "9999");
        assertEquals(0, auto.code());
        assertTrue(auto.out().contains("\"metrics\":0,"), auto.out());
        assertTrue(auto.err().contains("127.0.0.1:9999") && auto.err().contains("--protocol graphite"), auto.err());
        Result forced = run("-I", p.toString(), "--format", "json", "--protocol", "graphite", "port", "9999");
        assertTrue(forced.out().contains("\"raw\":\"a.b 1 1700000000\""), forced.out());
        assertEquals("", forced.err());
    }

    @Test void anInterfaceGoingDownIsAnErrorAfterTheSummary() throws Exception {
        try (Veth veth = Veth.createOrSkip("msc")) {
            Result[] r = new Result[1];
            Thread t = new Thread(() -> r[0] = run("-d", veth.name(), "-q", "--format", "json", "--duration", "30s"));
            t.start();
            Thread.sleep(1500);
            assertTrue(veth.setDown());
            t.join(10_000);
            assertFalse(t.isAlive(), "the run ended when the interface went down");
            assertEquals(2, r[0].code(), r[0].toString());
            assertTrue(r[0].out().startsWith("{\"type\":\"summary\""), "the summary is still printed: " + r[0].out());
            assertEquals("metricsniff: interface '" + veth.name() + "' went down during the capture\n", r[0].err());
        }
    }

    @Test void helpListsTheContractOptions() {
        Result r = run("--help");
        assertEquals(0, r.code());
        for (String opt : new String[] {"--device", "--input", "--output", "--count", "--quiet", "--format", "--protocol",
                "--receiver", "--late", "--future", "--expect", "--schemas", "--aggregation"}) {
            assertTrue(r.out().contains(opt), opt);
        }
    }
}
