package io.metricsniff.replay;

import static io.metricsniff.testutil.CliRunner.num;
import static io.metricsniff.testutil.Frames.ascii;
import static io.metricsniff.testutil.Frames.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metricsniff.decode.Packet;
import io.metricsniff.testutil.CliRunner;
import io.metricsniff.testutil.CraftedFiles;
import io.metricsniff.testutil.Frames;
import io.metricsniff.testutil.LinkFrames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hostile files of issue 11 through the whole command: what the user sees, and the summary's counts. */
class HostileFilesE2eTest {
    private static final byte[] A = ip("10.0.0.5"), B = ip("10.0.0.9");
    private static final long SECONDS = 1_795_504_341L;

    @TempDir Path dir;

    private static byte[] line(int port, String text) { return Frames.udp4(A, 40000, B, port, ascii(text)); }

    @Test
    void anImpossibleTimestampIsOneCorruptPacketAndTheRunGoesOn() throws Exception {
        Path file = new CraftedFiles.Pcap(1, 65535).packet(SECONDS, 5, line(2003, "lab.a 1 1795504341\n"))
                .packet(SECONDS, 4_294_967_295L, line(2003, "lab.b 1 1795504341\n"))
                .packet(SECONDS + 1, 5, line(2003, "lab.c 1 1795504342\n")).write(dir.resolve("ts.pcap"));
        PrintStream stderr = System.err;
        ByteArrayOutputStream jna = new ByteArrayOutputStream();
        System.setErr(new PrintStream(jna, true, StandardCharsets.UTF_8));
        CliRunner r;
        try {
            r = CliRunner.json(file.toString());
        } finally {
            System.setErr(stderr);
        }
        r.assertNoStackTrace();
        assertEquals("", jna.toString(StandardCharsets.UTF_8), "nothing printed from pcap4j's callback");
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> s = r.summaryOfMetrics();
        assertEquals(3, num(s, "packets"), "every packet of the file is seen");
        assertEquals(1, num(s, "corrupt_packets"));
        assertEquals(2, num(s, "ok"));
    }

    @Test
    void anUndecodedLinkTypeIsNamedAndNoFilterIsBlamed() throws Exception {
        Path file = new CraftedFiles.Pcap(CraftedFiles.DLT_IEEE802_11, 65535).packet(SECONDS, 0, new byte[30])
                .write(dir.resolve("wifi.pcap"));
        CliRunner r = CliRunner.run("-I", file.toString());
        r.assertNoStackTrace();
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("link type IEEE802_11 (802.11, DLT 105) is not one metricsniff decodes"), r.err());
        assertFalse(r.err().contains("filter"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void bareIpv4FilesAreJudged() throws Exception {
        Path file = new CraftedFiles.Pcap(CraftedFiles.DLT_IPV4, 65535)
                .packet(SECONDS, 0, LinkFrames.ipOf(line(2003, "lab.v4 1 1795504341\n"))).write(dir.resolve("v4.pcap"));
        CliRunner r = CliRunner.json(file.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("lab.v4", r.metrics().get(0).get("path"));
    }

    @Test
    void aPcapngWhoseSecondInterfaceDiffersExitsTwoAfterItsSummary() throws Exception {
        byte[] eth = line(2003, "lab.first 1 1795504341\n");
        Path file = new CraftedFiles.Pcapng(ByteOrder.BIG_ENDIAN).interfaceBlock(1, 65535).packet(0, 1, eth)
                .interfaceBlock(101, 65535).packet(1, 2, LinkFrames.ipOf(eth)).packet(0, 3, eth)
                .write(dir.resolve("two.pcapng"));
        CliRunner r = CliRunner.json(file.toString());
        r.assertNoStackTrace();
        assertEquals(2, r.exit());
        assertEquals(1, num(r.summaryOfMetrics(), "metrics"), "what was read is reported");
        assertTrue(r.err().contains("two.pcapng: 2 packets not read: interface 1 has link type RAW"), r.err());
    }

    @Test
    void aPcapngWithoutInterfacesIsAnEmptyCapture() throws Exception {
        Path file = new CraftedFiles.Pcapng(ByteOrder.LITTLE_ENDIAN).write(dir.resolve("none.pcapng"));
        CliRunner r = CliRunner.json(file.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(0, num(r.summary(), "packets"));
    }

    @Test
    void theDefaultFilterFindsMetricsInsideVlanAndQinqTags() throws Exception {
        CraftedFiles.Pcap pcap = new CraftedFiles.Pcap(1, 65535);
        int[][] stacks = {{0x8100}, {0x88a8, 0x8100}};
        for (int i = 0; i < stacks.length; i++) {
            byte[] ipPacket = LinkFrames.ipOf(line(2003, "lab.tagged." + i + " 1 1795504341\n"));
            pcap.packet(SECONDS, i, LinkFrames.vlan(stacks[i], LinkFrames.ETHERTYPE_IPV4, ipPacket));
        }
        CliRunner r = CliRunner.json(pcap.write(dir.resolve("trunk.pcap")).toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(2, num(r.summaryOfMetrics(), "ok"), "tcpdump's 'port 2003' would show none of them");
    }

    /** Conflicting FINs: the bytes after the first FIN are reported, not silently dropped. */
    @Test
    void bytesAfterAFinAreCountedInTheSummary() throws Exception {
        long c = 1000, s = 5000;
        int psh = Packet.PSH | Packet.ACK;
        byte[] data = ascii("lab.fin 1 1795504341\n");
        CraftedFiles.Pcap pcap = new CraftedFiles.Pcap(1, 65535)
                .packet(SECONDS, 0, Frames.tcp4(A, 40001, B, 2003, c, 0, Packet.SYN, new byte[0]))
                .packet(SECONDS, 1, Frames.tcp4(B, 2003, A, 40001, s, c + 1, Packet.SYN | Packet.ACK, new byte[0]))
                .packet(SECONDS, 2, Frames.tcp4(A, 40001, B, 2003, c + 1, s + 1, Packet.ACK, new byte[0]))
                .packet(SECONDS, 3, Frames.tcp4(A, 40001, B, 2003, c + 1, s + 1, psh, data))
                .packet(SECONDS, 4, Frames.tcp4(A, 40001, B, 2003, c + 1 + data.length, s + 1, Packet.FIN | Packet.ACK,
                        new byte[0]))
                .packet(SECONDS, 5, Frames.tcp4(A, 40001, B, 2003, c + 2 + data.length, s + 1, psh | Packet.FIN,
                        ascii("late\n")));
        CliRunner r = CliRunner.json(pcap.write(dir.resolve("fins.pcap")).toString());
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> sum = r.summaryOfMetrics();
        assertEquals(1, num(sum, "ok"));
        assertEquals(5, num(sum, "after_fin_bytes"), "'late\\n' after the FIN");
    }
}
