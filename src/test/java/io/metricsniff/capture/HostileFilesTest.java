package io.metricsniff.capture;

import static io.metricsniff.testutil.Frames.ascii;
import static io.metricsniff.testutil.Frames.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metricsniff.decode.DecodeResult;
import io.metricsniff.decode.Packet;
import io.metricsniff.decode.PacketDecoder;
import io.metricsniff.testutil.CraftedFiles;
import io.metricsniff.testutil.Frames;
import io.metricsniff.testutil.LinkFrames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capture files that break parsers (written here, byte by byte), read through libpcap. */
class HostileFilesTest {
    private static final byte[] A = ip("10.0.0.5"), B = ip("10.0.0.9");
    private static final long SECONDS = 1_795_504_341L;
    private static final LinkFilter DECODABLE = new LinkFilter("port 2003", PacketDecoder::supports,
            PacketDecoder.SUPPORTED_NAMES);

    @TempDir Path dir;

    private static byte[] udp(int port, String text) { return Frames.udp4(A, 40000, B, port, ascii(text)); }

    private static List<byte[]> readAll(PacketSource source) throws CaptureException {
        List<byte[]> got = new ArrayList<>();
        source.run((t, d, c, o) -> got.add(d));
        return got;
    }

    @Test
    void anImpossibleTimestampIsCountedAndTheRestIsRead() throws Exception {
        Path file = new CraftedFiles.Pcap(PacketDecoder.DLT_EN10MB, 65535)
                .packet(SECONDS, 1, udp(2003, "a 1 1\n"))
                .packet(SECONDS, 1_500_000_000L, udp(2003, "b 1 1\n")) // nanoseconds >= 10^9
                .packet(SECONDS + 1, 2, udp(2003, "c 1 1\n"))
                .write(dir.resolve("bad-ts.pcap"));
        PrintStream stderr = System.err;
        ByteArrayOutputStream jna = new ByteArrayOutputStream();
        System.setErr(new PrintStream(jna, true, StandardCharsets.UTF_8));
        List<byte[]> got;
        long unreadable;
        try (FileSource source = FileSource.open(file, (String) null)) {
            got = readAll(source);
            unreadable = source.unreadablePackets();
        } finally {
            System.setErr(stderr);
        }
        assertEquals(2, got.size(), "the packets before and after are delivered");
        assertEquals(1, unreadable, "the impossible one is counted");
        assertEquals("", jna.toString(StandardCharsets.UTF_8), "no stack trace from JNA's callback");
    }

    @Test
    void anUndecodedLinkTypeIsNamedBeforeTheFilterIsCompiled() throws Exception {
        Path file = new CraftedFiles.Pcap(CraftedFiles.DLT_IEEE802_11, 65535).packet(SECONDS, 0, new byte[40])
                .write(dir.resolve("wifi.pcap"));
        CaptureException e = assertThrows(CaptureException.class, () -> FileSource.open(file, DECODABLE));
        assertTrue(e.getMessage().contains("link type IEEE802_11 (802.11, DLT 105) is not one metricsniff decodes"),
                e.getMessage());
        assertFalse(e.getMessage().contains("filter"), "the user typed no filter here: " + e.getMessage());
    }

    @Test
    void bareIpv4AndIpv6LinkTypesAreDecoded() throws Exception {
        byte[] v4 = LinkFrames.ipOf(udp(2003, "v4 1 1\n"));
        byte[] v6 = LinkFrames.ipOf(Frames.tcp6(LinkFrames.LOCALHOST6, 40000, LinkFrames.LOCALHOST6, 2003, 1, 1,
                Packet.PSH | Packet.ACK, ascii("v6 1 1\n")));
        int[] links = {CraftedFiles.DLT_IPV4, CraftedFiles.DLT_IPV6};
        byte[][] frames = {v4, v6};
        for (int i = 0; i < 2; i++) {
            Path file = new CraftedFiles.Pcap(links[i], 65535).packet(SECONDS, 0, frames[i])
                    .packet(SECONDS, 1, frames[1 - i]) // the other version: corrupt on this link type
                    .write(dir.resolve("bare-" + links[i] + ".pcap"));
            // No filter: libpcap's filter for IPV4 would not let the IPv6 packet through.
            try (FileSource source = FileSource.open(file, new LinkFilter(null, PacketDecoder::supports, "any"))) {
                assertEquals(links[i], source.linkType());
                List<byte[]> got = readAll(source);
                assertEquals(2, got.size());
                Packet p = new Packet();
                PacketDecoder d = new PacketDecoder();
                assertEquals(DecodeResult.OK, d.decode(links[i], got.get(0), got.get(0).length, got.get(0).length, p));
                assertEquals(2003, p.dst().port());
                assertEquals(DecodeResult.CORRUPT, d.decode(links[i], got.get(1), got.get(1).length, got.get(1).length, p));
            }
        }
    }

    @Test
    void pcapngInterfacesOfAnotherLinkTypeOrSnaplenFailSayingHowManyPacketsWereNotRead() throws Exception {
        byte[] eth = LinkFrames.ethernet(LinkFrames.ETHERTYPE_IPV4, LinkFrames.ipOf(udp(2003, "e 1 1\n")));
        byte[] raw = LinkFrames.ipOf(udp(2003, "r 1 1\n"));
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            Path mixed = new CraftedFiles.Pcapng(order).interfaceBlock(1, 65535).packet(0, 1, eth)
                    .interfaceBlock(101, 65535).packet(1, 2, raw).packet(0, 3, eth).simplePacket(eth)
                    .write(dir.resolve("mixed-" + order + ".pcapng"));
            PacketsNotRead e = assertThrows(PacketsNotRead.class, () -> {
                try (FileSource s = FileSource.open(mixed, (String) null)) {
                    assertEquals(1, readAll(s).size(), "libpcap reads up to the second interface");
                }
            });
            assertTrue(e.getMessage().contains("3 packets not read: interface 1 has link type RAW"), e.getMessage());
            Path snaps = new CraftedFiles.Pcapng(order).interfaceBlock(1, 65535).packet(0, 1, eth)
                    .interfaceBlock(1, 1500).packet(1, 2, eth).write(dir.resolve("snaps-" + order + ".pcapng"));
            PacketsNotRead s = assertThrows(PacketsNotRead.class, () -> {
                try (FileSource src = FileSource.open(snaps, (String) null)) {
                    readAll(src);
                }
            });
            assertTrue(s.getMessage().contains("1 packets not read") && s.getMessage().contains("snapshot length 1500"),
                    s.getMessage());
        }
    }

    @Test
    void aPcapngWithoutInterfacesIsAnEmptyCapture() throws Exception {
        Path bare = new CraftedFiles.Pcapng(ByteOrder.BIG_ENDIAN).block(0xbad, ascii("skip"))
                .write(dir.resolve("no-idb.pcapng"));
        try (FileSource source = FileSource.open(bare, DECODABLE)) {
            assertEquals(0, readAll(source).size());
        }
    }

    @Test
    void aPlainFilterAlsoMatchesSingleAndQinqTaggedFrames() throws Exception {
        byte[] ipv4 = LinkFrames.ipOf(udp(2003, "t 1 1\n"));
        byte[] other = LinkFrames.ipOf(udp(9999, "x 1 1\n"));
        int[][] stacks = {{}, {0x8100}, {0x88a8, 0x8100}, {0x8100, 0x8100}};
        CraftedFiles.Pcap pcap = new CraftedFiles.Pcap(PacketDecoder.DLT_EN10MB, 65535);
        for (int[] tags : stacks) {
            pcap.packet(SECONDS, 0, LinkFrames.vlan(tags, LinkFrames.ETHERTYPE_IPV4, ipv4));
            pcap.packet(SECONDS, 1, LinkFrames.vlan(tags, LinkFrames.ETHERTYPE_IPV4, other));
        }
        Path file = pcap.write(dir.resolve("trunk.pcap"));
        try (FileSource source = FileSource.open(file, DECODABLE)) {
            List<byte[]> got = readAll(source);
            assertEquals(stacks.length, got.size(), "port 2003 at every tag depth, port 9999 at none");
            Packet p = new Packet();
            for (byte[] d : got) {
                assertEquals(DecodeResult.OK, new PacketDecoder().decode(1, d, d.length, d.length, p));
                assertEquals(2003, p.dst().port());
            }
        }
        assertEquals("(port 2003) or (vlan and ((port 2003) or (vlan and (port 2003))))", LinkFilter.withVlans("port 2003"));
        assertEquals("vlan 100 and port 2003", LinkFilter.withVlans("vlan 100 and port 2003"), "the user's own vlan");
    }
}
