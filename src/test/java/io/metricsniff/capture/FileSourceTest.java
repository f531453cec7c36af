package io.metricsniff.capture;

import static io.metricsniff.testutil.Frames.ascii;
import static io.metricsniff.testutil.Frames.ip;
import static io.metricsniff.testutil.LinkFrames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.metricsniff.decode.DecodeResult;
import io.metricsniff.decode.Packet;
import io.metricsniff.decode.PacketDecoder;
import io.metricsniff.output.PcapWriter;
import io.metricsniff.testutil.Frames;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {
    private static final byte[] CLIENT = ip("10.0.0.5");
    private static final byte[] SERVER = ip("10.0.0.9");
    /** 2026-11-24T07:12:21.123456789Z: nanosecond digits survive only in ns pcap and pcapng. */
    private static final long T0 = 1_795_504_341_123_456_789L;

    @TempDir Path dir;

    /** One captured packet, as the sink saw it. */
    record Captured(long time, byte[] data, int capLength, int origLength) { }

    private static List<Captured> readAll(FileSource source) throws CaptureException {
        List<Captured> got = new ArrayList<>();
        source.run((t, d, c, o) -> got.add(new Captured(t, d, c, o)));
        return got;
    }

    /** Three metric packets (TCP 2003, UDP 8125) and two that the filter must drop. */
    private Path writeMixed(int linkType, UnaryOperator<byte[]> wrap) throws IOException {
        Path file = dir.resolve("mixed-" + linkType + ".pcap");
        try (PcapWriter w = PcapWriter.create(file, linkType, 65535)) {
            w.write(T0, wrap.apply(Frames.tcp4(CLIENT, 50236, SERVER, 2003, 4_000_000_000L, 1, Packet.PSH | Packet.ACK,
                    ascii("lab.a 1 1795504341\n"))));
            w.write(T0 + 1, wrap.apply(Frames.tcp4(CLIENT, 50236, SERVER, 9999, 5, 1, Packet.ACK, ascii("noise"))));
            w.write(T0 + 1_000, wrap.apply(Frames.udp4(CLIENT, 40000, SERVER, 8125, ascii("lab.b:1|c"))));
            w.write(T0 + 2_000, wrap.apply(Frames.udp4(CLIENT, 40000, SERVER, 53, ascii("dns"))));
            w.write(T0 + 1_000_000_001L, wrap.apply(Frames.tcp4(CLIENT, 50236, SERVER, 2003, 4_000_000_019L, 1,
                    Packet.PSH | Packet.ACK, ascii("lab.c 2 1795504342\n"))));
        }
        return file;
    }

    private static void assertMixed(FileSource source, List<Captured> got, long timeGranularity) {
        assertEquals(3, got.size(), "the filter keeps port 2003 and 8125 only");
        PacketDecoder decoder = new PacketDecoder();
        Packet p = new Packet();
        String[] payloads = {"lab.a 1 1795504341\n", "lab.b:1|c", "lab.c 2 1795504342\n"};
        String[] dsts = {"10.0.0.9:2003", "10.0.0.9:8125", "10.0.0.9:2003"};
        long[] times = {T0, T0 + 1_000, T0 + 1_000_000_001L};
        for (int i = 0; i < 3; i++) {
            Captured c = got.get(i);
            assertEquals(DecodeResult.OK, decoder.decode(source.linkType(), c.data(), c.capLength(), c.origLength(), p));
            assertEquals(dsts[i], p.dst().toString());
            assertEquals(payloads[i], new String(p.buf, p.payloadOffset, p.payloadLength, StandardCharsets.UTF_8));
            assertEquals(times[i] - Math.floorMod(times[i], timeGranularity), c.time(), "timestamp of packet " + i);
        }
        assertEquals(Packet.TCP, decodedProtocol(source, got.get(2)));
        decoder.decode(source.linkType(), got.get(2).data(), got.get(2).capLength(), got.get(2).origLength(), p);
        assertEquals(4_000_000_019L, p.seq, "sequence numbers above 2^31 stay positive");
        assertEquals("10.0.0.5:50236", p.src().toString());
    }

    private static int decodedProtocol(FileSource source, Captured c) {
        Packet p = new Packet();
        new PacketDecoder().decode(source.linkType(), c.data(), c.capLength(), c.origLength(), p);
        return p.protocol;
    }

    @Test void nanosecondPcapOverEthernet() throws Exception {
        Path file = writeMixed(DLT_EN10MB, f -> f);
        try (FileSource source = FileSource.open(file, "tcp port 2003 or udp port 8125")) {
            assertEquals(1, source.linkType());
            assertEquals(file.toString(), source.description());
            assertFalse(source.kernelDrops().isPresent());
            assertMixed(source, readAll(source), 1);
        }
    }

    @Test void everyLinkTypeFiltersAndDecodes() throws Exception {
        record Link(int dlt, UnaryOperator<byte[]> wrap) { }
        List<Link> links = List.of(
                new Link(DLT_LINUX_SLL, f -> sll(ETHERTYPE_IPV4, ipOf(f))),
                new Link(DLT_LINUX_SLL2, f -> sll2(ETHERTYPE_IPV4, ipOf(f))),
                new Link(DLT_NULL, f -> nullLink(2, ByteOrder.LITTLE_ENDIAN, ipOf(f))),
                new Link(DLT_LOOP, f -> loop(2, ipOf(f))),
                new Link(DLT_RAW, f -> ipOf(f)),
                new Link(DLT_EN10MB, f -> vlan(new int[] {0x8100}, ETHERTYPE_IPV4, ipOf(f))));
        for (Link link : links) {
            Path file = writeMixed(link.dlt(), link.wrap());
            // "vlan and" makes libpcap look past the tag; the other link types need no help.
            String filter = link.dlt() == DLT_EN10MB ? "vlan and (port 2003 or port 8125)" : "port 2003 or port 8125";
            try (FileSource source = FileSource.open(file, filter)) {
                assertMixed(source, readAll(source), 1);
            }
        }
    }

    @Test void snaplenCutPacketsKeepTheirOriginalLength() throws Exception {
        Path file = dir.resolve("cut.pcap");
        byte[] frame = Frames.tcp4(CLIENT, 1, SERVER, 2003, 100, 1, Packet.ACK, ascii("0123456789abcdef"));
        try (PcapWriter w = PcapWriter.create(file, DLT_EN10MB, 60)) {
            w.write(T0, frame, 60, frame.length);
        }
        try (FileSource source = FileSource.open(file, (String) null)) {
            List<Captured> got = readAll(source);
            assertEquals(1, got.size());
            assertEquals(60, got.get(0).capLength());
            assertEquals(frame.length, got.get(0).origLength());
            Packet p = new Packet();
            assertEquals(DecodeResult.OK, new PacketDecoder().decode(1, got.get(0).data(), 60, frame.length, p));
            assertEquals(6, p.payloadLength);
            assertEquals(10, p.payloadMissing);
        }
    }

    private static boolean editcapAvailable() {
        return Files.isExecutable(Path.of("/usr/bin/editcap")) || Files.isExecutable(Path.of("/usr/local/bin/editcap"));
    }

    private Path editcap(Path in, String format) throws Exception {
        Path out = dir.resolve("converted." + format);
        Process p = new ProcessBuilder("editcap", "-F", format, in.toString(), out.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "editcap finished");
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        return out;
    }

    @Test void microsecondPcapFromEditcap() throws Exception {
        assumeTrue(editcapAvailable(), "editcap (wireshark-common) not installed");
        Path micro = editcap(writeMixed(DLT_EN10MB, f -> f), "pcap");
        byte[] magic = Arrays.copyOf(Files.readAllBytes(micro), 4);
        assertTrue(Arrays.equals(magic, new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1})
                || Arrays.equals(magic, new byte[] {(byte) 0xa1, (byte) 0xb2, (byte) 0xc3, (byte) 0xd4}),
                "editcap wrote a microsecond pcap");
        try (FileSource source = FileSource.open(micro, "tcp port 2003 or udp port 8125")) {
            assertMixed(source, readAll(source), 1_000);
        }
    }

    @Test void pcapngFromEditcap() throws Exception {
        assumeTrue(editcapAvailable(), "editcap (wireshark-common) not installed");
        Path ng = editcap(writeMixed(DLT_EN10MB, f -> f), "pcapng");
        byte[] magic = Arrays.copyOf(Files.readAllBytes(ng), 4);
        assertTrue(Arrays.equals(magic, new byte[] {0x0a, 0x0d, 0x0d, 0x0a}), "editcap wrote pcapng");
        try (FileSource source = FileSource.open(ng, "tcp port 2003 or udp port 8125")) {
            assertMixed(source, readAll(source), 1);
        }
    }

    @Test void truncatedFileDeliversWhatWasReadThenFails() throws Exception {
        Path whole = writeMixed(DLT_EN10MB, f -> f);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut-short.pcap");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 10));
        try (FileSource source = FileSource.open(cut, (String) null)) {
            List<Captured> got = new ArrayList<>();
            CaptureException e = assertThrows(CaptureException.class,
                    () -> source.run((t, d, c, o) -> got.add(new Captured(t, d, c, o))));
            assertEquals(4, got.size(), "the four whole packets arrive before the error");
            assertOneLine(e.getMessage());
            assertTrue(e.getMessage().startsWith(cut + ": file is truncated"), e.getMessage());
        }
    }

    @Test void corruptRecordHeaderDeliversWhatWasReadThenFails() throws Exception {
        Path file = dir.resolve("corrupt.pcap");
        byte[] first = Frames.tcp4(CLIENT, 1, SERVER, 2003, 1, 1, Packet.ACK, ascii("one\n"));
        byte[] second = Frames.tcp4(CLIENT, 1, SERVER, 2003, 5, 1, Packet.ACK, ascii("two\n"));
        try (PcapWriter w = PcapWriter.create(file, DLT_EN10MB, 65535)) {
            w.write(T0, first);
            w.write(T0 + 1, second);
        }
        byte[] bytes = Files.readAllBytes(file);
        int inclLen = 24 + 16 + first.length + 8; // second record header: captured length field
        bytes[inclLen] = (byte) 0xff; bytes[inclLen + 1] = (byte) 0xff; bytes[inclLen + 2] = (byte) 0xff;
        bytes[inclLen + 3] = 0x7f;
        Files.write(file, bytes);
        try (FileSource source = FileSource.open(file, (String) null)) {
            List<Captured> got = new ArrayList<>();
            CaptureException e = assertThrows(CaptureException.class,
                    () -> source.run((t, d, c, o) -> got.add(new Captured(t, d, c, o))));
            assertEquals(1, got.size());
            assertOneLine(e.getMessage());
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        }
    }

    @Test void missingFile() {
        Path missing = dir.resolve("nope.pcap");
        CaptureException e = assertThrows(CaptureException.class, () -> FileSource.open(missing, (String) null));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test void notACaptureFile() throws Exception {
        Path text = dir.resolve("x.txt");
        Files.writeString(text, "lab.a 1 1795504341\nthis is not a capture\n");
        CaptureException e = assertThrows(CaptureException.class, () -> FileSource.open(text, (String) null));
        assertEquals(text + ": not a pcap or pcapng file", e.getMessage());
        Path empty = dir.resolve("empty.pcap");
        Files.write(empty, new byte[0]);
        e = assertThrows(CaptureException.class, () -> FileSource.open(empty, (String) null));
        assertOneLine(e.getMessage());
        assertTrue(e.getMessage().contains("not a pcap or pcapng file"), e.getMessage());
        e = assertThrows(CaptureException.class, () -> FileSource.open(dir, (String) null));
        assertOneLine(e.getMessage());
    }

    @Test void unreadableFile() throws Exception {
        Path file = writeMixed(DLT_EN10MB, f -> f);
        assumeTrue(file.toFile().setReadable(false, false) && !Files.isReadable(file), "running as root: files stay readable");
        CaptureException e = assertThrows(CaptureException.class, () -> FileSource.open(file, (String) null));
        assertEquals(file + ": permission denied", e.getMessage());
    }

    @Test void badFilter() throws Exception {
        Path file = writeMixed(DLT_EN10MB, f -> f);
        CaptureException e = assertThrows(CaptureException.class, () -> FileSource.open(file, "prot 2003"));
        assertOneLine(e.getMessage());
        assertTrue(e.getMessage().startsWith("bad filter 'prot 2003': "), e.getMessage());
        assertTrue(e.getMessage().length() > "bad filter 'prot 2003': ".length(), "libpcap's reason follows");
    }

    @Test void stopFromTheSinkEndsTheRun() throws Exception {
        try (FileSource source = FileSource.open(writeMixed(DLT_EN10MB, f -> f), (String) null)) {
            List<Captured> got = new ArrayList<>();
            source.run((t, d, c, o) -> {
                got.add(new Captured(t, d, c, o));
                source.stop();
            });
            assertEquals(1, got.size());
        }
    }

    @Test void stopBeforeRunDeliversNothing() throws Exception {
        try (FileSource source = FileSource.open(writeMixed(DLT_EN10MB, f -> f), (String) null)) {
            source.stop();
            assertEquals(0, readAll(source).size());
        }
    }

    @Test void aFailingSinkIsNotSwallowed() throws Exception {
        try (FileSource source = FileSource.open(writeMixed(DLT_EN10MB, f -> f), (String) null)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> source.run((t, d, c, o) -> {
                throw new IllegalStateException("sink broke");
            }));
            assertEquals("sink broke", e.getMessage());
        }
    }

    static void assertOneLine(String message) {
        assertTrue(message != null && !message.isBlank() && !message.contains("\n"), "one line: " + message);
        assertFalse(message.contains("Exception"), "no exception class names: " + message);
    }
}
