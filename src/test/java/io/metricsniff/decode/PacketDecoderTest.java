package io.metricsniff.decode;

import static io.metricsniff.testutil.Frames.LOCALHOST;
import static io.metricsniff.testutil.Frames.ascii;
import static io.metricsniff.testutil.Frames.ip;
import static io.metricsniff.testutil.LinkFrames.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metricsniff.testutil.Frames;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketDecoderTest {
    private static final byte[] PAYLOAD = ascii("a.b.c 42 1795504341\n");
    private static final byte[] SRC = ip("10.1.2.3");
    private static final byte[] DST = ip("10.9.8.7");

    private final PacketDecoder decoder = new PacketDecoder();
    private final Packet p = new Packet();

    private static byte[] tcpFrame() {
        return Frames.tcp4(SRC, 50236, DST, 2003, 0xFFFFFFF0L, 0x80000001L, Packet.PSH | Packet.ACK, PAYLOAD);
    }

    private DecodeResult decode(int dlt, byte[] frame) {
        return decoder.decode(dlt, frame, frame.length, frame.length, p);
    }

    private String payload() {
        return new String(p.buf, p.payloadOffset, p.payloadLength, StandardCharsets.UTF_8);
    }

    private void assertTcp4() {
        assertEquals(4, p.ipVersion);
        assertEquals(Packet.TCP, p.protocol);
        assertEquals("10.1.2.3:50236", p.src().toString());
        assertEquals("10.9.8.7:2003", p.dst().toString());
        assertEquals(0xFFFFFFF0L, p.seq, "seq is unsigned");
        assertEquals(0x80000001L, p.ack, "ack is unsigned");
        assertTrue(p.has(Packet.PSH) && p.has(Packet.ACK) && !p.has(Packet.SYN));
        assertEquals("a.b.c 42 1795504341\n", payload());
        assertEquals(0, p.payloadMissing);
    }

    @Test void ethernetIpv4Tcp() {
        assertEquals(DecodeResult.OK, decode(PacketDecoder.DLT_EN10MB, tcpFrame()));
        assertTcp4();
    }

    @Test void ethernetIpv4Udp() {
        byte[] f = Frames.udp4(LOCALHOST, 40000, LOCALHOST, 8125, ascii("x:1|c"));
        assertEquals(DecodeResult.OK, decode(PacketDecoder.DLT_EN10MB, f));
        assertEquals(Packet.UDP, p.protocol);
        assertEquals("127.0.0.1:40000", p.src().toString());
        assertEquals("127.0.0.1:8125", p.dst().toString());
        assertEquals("x:1|c", payload());
        assertEquals(0, p.tcpFlags);
    }

    @Test void ethernetIpv6Tcp() {
        byte[] src = LOCALHOST6.clone();
        byte[] dst = new byte[16];
        dst[0] = 0x20; dst[1] = 0x01; dst[2] = 0x0d; dst[3] = (byte) 0xb8; dst[15] = 5;
        byte[] f = Frames.tcp6(src, 40001, dst, 2003, 7, 9, Packet.SYN, new byte[0]);
        assertEquals(DecodeResult.OK, decode(PacketDecoder.DLT_EN10MB, f));
        assertEquals(6, p.ipVersion);
        assertEquals("[::1]:40001", p.src().toString());
        assertEquals("[2001:db8::5]:2003", p.dst().toString());
        assertEquals(7, p.seq);
        assertTrue(p.has(Packet.SYN));
        assertEquals(0, p.payloadLength);
    }

    @Test void singleAndStackedVlanTags() {
        byte[] ipPacket = ipOf(tcpFrame());
        for (int[] tags : new int[][] {{0x8100}, {0x88a8, 0x8100}, {0x9100, 0x8100}, {0x8100, 0x8100, 0x8100}}) {
            assertEquals(DecodeResult.OK, decode(PacketDecoder.DLT_EN10MB, vlan(tags, ETHERTYPE_IPV4, ipPacket)),
                    Arrays.toString(tags));
            assertTcp4();
        }
        int[] tooMany = new int[PacketDecoder.MAX_VLAN_TAGS + 1];
        Arrays.fill(tooMany, 0x8100);
        assertEquals(DecodeResult.CORRUPT, decode(PacketDecoder.DLT_EN10MB, vlan(tooMany, ETHERTYPE_IPV4, ipPacket)));
        byte[] cut = vlan(new int[] {0x8100, 0x8100}, ETHERTYPE_IPV4, ipPacket);
        assertEquals(DecodeResult.TRUNCATED, decoder.decode(1, cut, 18, cut.length, p));
    }

    @Test void linuxCookedV1AndV2() {
        byte[] ipPacket = ipOf(tcpFrame());
        assertEquals(DecodeResult.OK, decode(PacketDecoder.DLT_LINUX_SLL, sll(ETHERTYPE_IPV4, ipPacket)));
        assertTcp4();
        assertEquals(DecodeResult.OK, decode(PacketDecoder.DLT_LINUX_SLL2, sll2(ETHERTYPE_IPV4, ipPacket)));
        assertTcp4();
        // libpcap puts VLAN tags back after the cooked header
        byte[] tagged = concat(new byte[] {0, 100, 8, 0}, ipPacket);
        assertEquals(DecodeResult.OK, decode(PacketDecoder.DLT_LINUX_SLL, sll(0x8100, tagged)));
        assertTcp4();
        assertEquals(DecodeResult.IGNORED, decode(PacketDecoder.DLT_LINUX_SLL, sll(ETHERTYPE_ARP, new byte[28])));
        assertEquals(DecodeResult.TRUNCATED, decode(PacketDecoder.DLT_LINUX_SLL2, new byte[19]));
    }

    @Test void bsdLoopbackBothByteOrdersAndEveryInet6Value() {
        byte[] v4 = ipOf(tcpFrame());
        byte[] v6 = ipOf(Frames.tcp6(LOCALHOST6, 1, LOCALHOST6, 2003, 1, 0, Packet.ACK, PAYLOAD));
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            assertEquals(DecodeResult.OK, decode(PacketDecoder.DLT_NULL, nullLink(2, order, v4)));
            assertTcp4();
            for (int af6 : new int[] {10, 24, 28, 30}) {
                assertEquals(DecodeResult.OK, decode(PacketDecoder.DLT_NULL, nullLink(af6, order, v6)), order + " " + af6);
                assertEquals(6, p.ipVersion);
                assertEquals("[::1]:2003", p.dst().toString());
            }
            assertEquals(DecodeResult.IGNORED, decode(PacketDecoder.DLT_NULL, nullLink(7, order, v4)));
        }
        assertEquals(DecodeResult.OK, decode(PacketDecoder.DLT_LOOP, loop(2, v4)));
        assertTcp4();
        assertEquals(DecodeResult.OK, decode(PacketDecoder.DLT_LOOP, loop(24, v6)));
        assertEquals(6, p.ipVersion);
    }

    @ParameterizedTest @ValueSource(ints = {101, 12, 14})
    void rawIp(int dlt) {
        assertEquals(DecodeResult.OK, decode(dlt, ipOf(tcpFrame())));
        assertTcp4();
        byte[] v6 = ipOf(Frames.tcp6(LOCALHOST6, 1, LOCALHOST6, 2003, 1, 0, Packet.ACK, PAYLOAD));
        assertEquals(DecodeResult.OK, decode(dlt, v6));
        assertEquals(6, p.ipVersion);
        assertEquals(DecodeResult.CORRUPT, decode(dlt, with(v6, 0, 0x50)));
        assertEquals(DecodeResult.TRUNCATED, decode(dlt, new byte[0]));
    }

    @Test void unsupportedLinkAndNonIpFrames() {
        assertEquals(DecodeResult.UNSUPPORTED_LINK, decode(105, tcpFrame())); // 802.11
        assertEquals(DecodeResult.IGNORED, decode(1, ethernet(ETHERTYPE_ARP, new byte[28])));
        assertEquals(DecodeResult.IGNORED, decode(1, ethernet(0x0030, new byte[46]))); // 802.3 length: LLC
        assertEquals(DecodeResult.TRUNCATED, decode(1, new byte[13]));
    }

    @Test void ipv4AndTcpOptions() {
        byte[] ipPacket = tcp4WithOptions(SRC, 50236, DST, 2003, 0xFFFFFFF0L, Packet.PSH | Packet.ACK, 3, 2, PAYLOAD);
        ipPacket[40] = (byte) 0x80; ipPacket[43] = 1; // TCP ack field: 32-byte IP header + 8
        byte[] f = ethernet(ETHERTYPE_IPV4, ipPacket);
        assertEquals(DecodeResult.OK, decode(1, f));
        assertTcp4();
        assertEquals(14 + 32 + 28, p.payloadOffset);
    }

    @Test void ethernetPaddingIsTrimmedByIpTotalLength() {
        byte[] f = Frames.tcp4(SRC, 1, DST, 2003, 1, 0, Packet.ACK, ascii("ab"));
        byte[] padded = Arrays.copyOf(f, 60);
        Arrays.fill(padded, f.length, 60, (byte) 'Z');
        assertEquals(DecodeResult.OK, decode(1, padded));
        assertEquals("ab", payload());
        byte[] udp = Frames.udp4(SRC, 1, DST, 8125, ascii("c:1|c"));
        byte[] udpPadded = Arrays.copyOf(udp, 60);
        assertEquals(DecodeResult.OK, decode(1, udpPadded));
        assertEquals("c:1|c", payload());
    }

    @Test void ipv4FragmentsAreIgnored() {
        byte[] f = tcpFrame();
        assertEquals(DecodeResult.IGNORED, decode(1, with16(f, 14 + 6, 0x2000)), "first fragment");
        assertEquals(DecodeResult.IGNORED, decode(1, with16(f, 14 + 6, 0x0010)), "later fragment");
        assertEquals(DecodeResult.IGNORED, decode(1, with16(f, 14 + 6, 0x2010)), "middle fragment");
        assertEquals(DecodeResult.OK, decode(1, with16(f, 14 + 6, 0x4000)), "don't fragment");
        assertEquals(DecodeResult.IGNORED, decode(1, with(f, 14 + 9, 1)), "ICMP");
    }

    @Test void ipv6ExtensionHeadersAreSkipped() {
        byte[] src = LOCALHOST6;
        int[][] chains = {{}, {0}, {0, 60}, {0, 43, 60}, {44}, {0, 44, 60}};
        for (int[] chain : chains) {
            byte[] f = ethernet(ETHERTYPE_IPV6, udp6WithExtensions(src, 5000, src, 8125, chain, 0, ascii("g:2|g")));
            assertEquals(DecodeResult.OK, decode(1, f), Arrays.toString(chain));
            assertEquals(6, p.ipVersion);
            assertEquals(Packet.UDP, p.protocol);
            assertEquals(8125, p.dstPort);
            assertEquals("g:2|g", payload());
        }
        byte[] first = ethernet(ETHERTYPE_IPV6, udp6WithExtensions(src, 1, src, 2, new int[] {44}, 0x0001, PAYLOAD));
        assertEquals(DecodeResult.IGNORED, decode(1, first), "first fragment (M set)");
        byte[] later = ethernet(ETHERTYPE_IPV6, udp6WithExtensions(src, 1, src, 2, new int[] {44}, 0x0100, PAYLOAD));
        assertEquals(DecodeResult.IGNORED, decode(1, later), "later fragment");
        int[] tooLong = new int[PacketDecoder.MAX_IPV6_EXTENSION_HEADERS + 1];
        byte[] deep = ethernet(ETHERTYPE_IPV6, udp6WithExtensions(src, 1, src, 2, tooLong, 0, PAYLOAD));
        assertEquals(DecodeResult.IGNORED, decode(1, deep));
    }

    @Test void snaplenCutSetsPayloadMissing() {
        byte[] f = tcpFrame();
        int headers = 14 + 20 + 20;
        assertEquals(DecodeResult.OK, decoder.decode(1, f, headers + 5, f.length, p));
        assertEquals(5, p.payloadLength);
        assertEquals(PAYLOAD.length - 5, p.payloadMissing);
        // cut exactly after the headers: the whole payload is missing
        assertEquals(DecodeResult.OK, decoder.decode(1, Arrays.copyOf(f, headers), headers, f.length, p));
        assertEquals(0, p.payloadLength);
        assertEquals(PAYLOAD.length, p.payloadMissing);
        // cut inside the TCP header
        assertEquals(DecodeResult.TRUNCATED, decoder.decode(1, f, headers - 1, f.length, p));
        // cut inside the IP header
        assertEquals(DecodeResult.TRUNCATED, decoder.decode(1, f, 14 + 10, f.length, p));
        // UDP too
        byte[] u = Frames.udp4(SRC, 1, DST, 8125, ascii("abcdef"));
        assertEquals(DecodeResult.OK, decoder.decode(1, u, 14 + 28 + 2, u.length, p));
        assertEquals(2, p.payloadLength);
        assertEquals(4, p.payloadMissing);
    }

    @Test void contradictoryHeadersAreCorrupt() {
        byte[] f = tcpFrame();
        assertEquals(DecodeResult.CORRUPT, decode(1, with(f, 14, 0x44)), "IHL 4 (16 bytes)");
        assertEquals(DecodeResult.CORRUPT, decode(1, with(f, 14, 0x65)), "version 6 in an IPv4 frame");
        assertEquals(DecodeResult.CORRUPT, decode(1, with16(f, 16, 19)), "total length < header");
        assertEquals(DecodeResult.CORRUPT, decode(1, with16(f, 16, f.length)), "total length beyond the frame");
        assertEquals(DecodeResult.CORRUPT, decode(1, with(f, 14 + 20 + 12, 0x40)), "TCP data offset 4");
        assertEquals(DecodeResult.CORRUPT, decode(1, with(f, 14 + 20 + 12, 0xf0)), "TCP header beyond the datagram");
        assertEquals(DecodeResult.CORRUPT, decode(1, with16(f, 16, 30)), "datagram too short for TCP");
        byte[] u = Frames.udp4(SRC, 1, DST, 8125, ascii("abc"));
        assertEquals(DecodeResult.CORRUPT, decode(1, with16(u, 14 + 20 + 4, 7)), "UDP length < 8");
        assertEquals(DecodeResult.CORRUPT, decode(1, with16(u, 14 + 20 + 4, 99)), "UDP length beyond IP");
        byte[] v6 = Frames.tcp6(LOCALHOST6, 1, LOCALHOST6, 2, 0, 0, 0, PAYLOAD);
        assertEquals(DecodeResult.CORRUPT, decode(1, with16(v6, 14 + 4, 500)), "IPv6 payload length beyond frame");
    }

    @Test void tsoZeroLengthTakesTheFrameLength() {
        byte[] f = with16(tcpFrame(), 16, 0);
        assertEquals(DecodeResult.OK, decode(1, f));
        assertTcp4();
    }

    @Test void decodingReusesThePacketAndAllocatesNoPayloadCopy() {
        byte[] f = tcpFrame();
        assertEquals(DecodeResult.OK, decode(1, f));
        assertNotNull(p.buf);
        assertTrue(p.buf == f, "payload points into the captured buffer");
        assertArrayEquals(SRC, Arrays.copyOf(p.srcAddr, 4));
    }

    /** Random bytes, random mutations of valid frames and random cut lengths never throw. */
    @Test void fuzzNeverThrows() {
        SplittableRandom random = new SplittableRandom(20261124);
        int[] links = {0, 1, 12, 14, 101, 108, 113, 276, 9999};
        byte[][] seeds = {
            tcpFrame(),
            Frames.udp4(SRC, 1, DST, 8125, PAYLOAD),
            Frames.tcp6(LOCALHOST6, 1, LOCALHOST6, 2, 0, 0, 0, PAYLOAD),
            ethernet(ETHERTYPE_IPV6, udp6WithExtensions(LOCALHOST6, 1, LOCALHOST6, 2, new int[] {0, 44, 60}, 0, PAYLOAD)),
            vlan(new int[] {0x88a8, 0x8100}, ETHERTYPE_IPV4, ipOf(tcpFrame())),
            sll(ETHERTYPE_IPV4, ipOf(tcpFrame())),
            sll2(ETHERTYPE_IPV6, ipOf(Frames.tcp6(LOCALHOST6, 1, LOCALHOST6, 2, 0, 0, 0, PAYLOAD))),
            nullLink(30, ByteOrder.LITTLE_ENDIAN, ipOf(Frames.tcp6(LOCALHOST6, 1, LOCALHOST6, 2, 0, 0, 0, PAYLOAD))),
        };
        int ok = 0;
        for (int i = 0; i < 300_000; i++) {
            byte[] data;
            if (random.nextInt(4) == 0) {
                data = new byte[random.nextInt(200)];
                for (int j = 0; j < data.length; j++) data[j] = (byte) random.nextInt(256);
            } else {
                data = seeds[random.nextInt(seeds.length)].clone();
                int flips = 1 + random.nextInt(4);
                for (int j = 0; j < flips && data.length > 0; j++) data[random.nextInt(data.length)] = (byte) random.nextInt(256);
            }
            int cap = random.nextInt(4) == 0 ? random.nextInt(-5, data.length + 20) : data.length;
            int orig = random.nextInt(4) == 0 ? random.nextInt(-5, 70_000) : data.length;
            int link = random.nextInt(3) == 0 ? links[random.nextInt(links.length)] : 1;
            DecodeResult r = decoder.decode(link, data, cap, orig, p);
            assertNotNull(r);
            if (r == DecodeResult.OK) {
                ok++;
                int captured = Math.min(Math.max(cap, 0), data.length);
                assertTrue(p.payloadOffset >= 0 && p.payloadLength >= 0 && p.payloadMissing >= 0);
                assertTrue(p.payloadOffset + p.payloadLength <= captured, "payload within captured bytes");
            }
        }
        assertTrue(ok > 1000, "the fuzz reached the OK path " + ok + " times");
        assertEquals(DecodeResult.CORRUPT, decoder.decode(1, null, 0, 0, p));
    }
}
