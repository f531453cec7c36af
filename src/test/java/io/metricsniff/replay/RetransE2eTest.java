package io.metricsniff.replay;

import io.metricsniff.testutil.CliRunner;
import io.metricsniff.capture.FileSource;
import io.metricsniff.capture.PacketSource;
import io.metricsniff.decode.DecodeResult;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.decode.Packet;
import io.metricsniff.decode.PacketDecoder;
import io.metricsniff.reassembly.EndReason;
import io.metricsniff.reassembly.ReassemblyLimits;
import io.metricsniff.reassembly.StreamHandler;
import io.metricsniff.reassembly.TcpReassembler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * captures/retrans.pcap is a real loopback transfer with nftables dropping ~4% of the client's
 * packets after tcpdump saw them, so the capture holds originals and their retransmissions (often
 * cut differently). captures/retrans.received is exactly what the receiving socket got.
 * Reassembly of the capture, and of rewrites that drop the first copies (holes filled later),
 * reorder, split into overlapping pieces, or start mid-stream, must give those bytes.
 */
class RetransE2eTest {
    static final Path CAPTURE = Path.of("captures/retrans.pcap");
    static final int SERVER_PORT = 2003;
    static final int LINKTYPE_ETHERNET = 1;

    static byte[] received;
    static PcapFile pcap;

    @BeforeAll
    static void load() throws Exception {
        received = Files.readAllBytes(Path.of("captures/retrans.received"));
        pcap = PcapFile.read(CAPTURE);
        assertEquals(LINKTYPE_ETHERNET, pcap.linkType, "tcpdump -i lo writes Ethernet framing");
    }

    /** Collects the client-to-server direction (the only one carrying data). */
    static final class Collector implements StreamHandler {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final boolean midstream;
        long gapBytes;
        EndReason end;

        Collector(boolean midstream) { this.midstream = midstream; }

        @Override public void data(byte[] buf, int off, int len, long timeNanos) { bytes.write(buf, off, len); }
        @Override public void gap(long n, long timeNanos) { gapBytes += n; }
        @Override public void end(EndReason reason, long timeNanos) { end = reason; }
    }

    static final class Run {
        final List<Collector> streams = new ArrayList<>();
        TcpReassembler reassembler;
        final Packet packet = new Packet();
        final PacketDecoder decoder = new PacketDecoder();

        Run() {
            reassembler = new TcpReassembler((Endpoint src, Endpoint dst, boolean mid, long t) -> {
                if (dst.port() != SERVER_PORT) return null;
                Collector c = new Collector(mid);
                streams.add(c);
                return c;
            }, ReassemblyLimits.defaults());
        }

        void packet(int linkType, long t, byte[] data, int capLen, int origLen) {
            if (decoder.decode(linkType, data, capLen, origLen, packet) == DecodeResult.OK && packet.protocol == Packet.TCP) {
                reassembler.segment(packet, t);
            }
        }

        Collector only() {
            assertEquals(1, streams.size(), "one client-to-server stream");
            return streams.get(0);
        }
    }

    static Run replay(List<PcapFile.Rec> recs) {
        Run r = new Run();
        long last = 0;
        for (PcapFile.Rec p : recs) {
            r.packet(pcap.linkType, p.timeNanos(), p.data(), p.data().length, Math.max(p.origLength(), p.data().length));
            last = p.timeNanos();
        }
        r.reassembler.finish(last);
        return r;
    }

    @Test
    void theCaptureReallyHasRetransmissions() {
        assertTrue(firstCopies().size() >= 3, "bytes carried twice in " + CAPTURE);
    }

    @Test
    void fileSourceDecoderAndReassemblerGiveExactlyTheReceivedBytes() throws Exception {
        Run r = new Run();
        long[] last = {0};
        try (PacketSource src = FileSource.open(CAPTURE, "tcp port 2003")) {
            int link = src.linkType();
            src.run((t, data, cap, orig) -> {
                r.packet(link, t, data, cap, orig);
                last[0] = t;
            });
        }
        r.reassembler.finish(last[0]);
        Collector c = r.only();
        assertFalse(c.midstream, "the capture has the SYN");
        assertEquals(0, c.gapBytes, "retransmissions fill every hole");
        assertArrayEquals(received, c.bytes.toByteArray());
        assertEquals(EndReason.FIN, c.end);
    }

    @Test
    void reorderedPacketsGiveTheSameBytes() {
        for (long seed = 1; seed <= 3; seed++) {
            List<PcapFile.Rec> recs = shuffledInWindows(pcap.packets, 8, new Random(seed));
            Collector c = replay(recs).only();
            assertEquals(0, c.gapBytes, "seed " + seed);
            assertArrayEquals(received, c.bytes.toByteArray(), "seed " + seed);
        }
    }

    @Test
    void holesFilledByLaterRetransmissionsGiveTheSameBytes() {
        // Drop every segment that is sent again later: the capture then has holes that the
        // retransmissions fill after later data, as a sniffer behind the lossy link would see.
        List<PcapFile.Rec> out = new ArrayList<>(pcap.packets);
        out.removeAll(firstCopies());
        Collector c = replay(monotonic(out)).only();
        assertEquals(0, c.gapBytes);
        assertArrayEquals(received, c.bytes.toByteArray());
    }

    /** Client segments whose bytes a later segment carries again (the receiver's kernel dropped them). */
    static List<PcapFile.Rec> firstCopies() {
        List<PcapFile.Rec> ps = pcap.packets;
        long isn = isn(ps);
        List<PcapFile.Rec> out = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            Tcp t = Tcp.of(ps.get(i).data());
            if (t == null || t.dstPort != SERVER_PORT || t.payloadLength == 0) continue;
            long a = rel(t.seq, isn), b = a + t.payloadLength;
            for (int j = i + 1; j < ps.size(); j++) {
                Tcp u = Tcp.of(ps.get(j).data());
                if (u == null || u.dstPort != SERVER_PORT || u.payloadLength == 0) continue;
                long ua = rel(u.seq, isn);
                if (ua < b && a < ua + u.payloadLength) { out.add(ps.get(i)); break; }
            }
        }
        return out;
    }

    @Test
    void overlappingPiecesGiveTheSameBytes() {
        Random rnd = new Random(42);
        List<PcapFile.Rec> out = new ArrayList<>();
        for (PcapFile.Rec p : pcap.packets) {
            Tcp t = Tcp.of(p.data());
            if (t == null || t.payloadLength < 4 || t.dstPort != SERVER_PORT) {
                out.add(p);
                continue;
            }
            List<PcapFile.Rec> pieces = new ArrayList<>();
            int pos = 0;
            while (pos < t.payloadLength) {
                int end = Math.min(t.payloadLength, pos + 1 + rnd.nextInt(400));
                int from = Math.max(0, pos - rnd.nextInt(60));             // overlaps the piece before
                int to = Math.min(t.payloadLength, end + rnd.nextInt(60)); // and the piece after
                pieces.add(new PcapFile.Rec(p.timeNanos(), t.slice(p.data(), from, to), 0));
                pos = end;
            }
            if (rnd.nextBoolean()) Collections.reverse(pieces);
            out.addAll(pieces);
        }
        Collector c = replay(monotonic(out)).only();
        assertEquals(0, c.gapBytes);
        assertArrayEquals(received, c.bytes.toByteArray());
    }

    @Test
    void aCaptureStartingMidStreamGivesTheRestOfTheStream(@TempDir Path tmp) throws Exception {
        List<PcapFile.Rec> ps = pcap.packets;
        long isn = isn(ps);
        // Start at a packet of new data that nothing later in the capture reaches back before.
        int start = -1;
        long startOffset = 0;
        for (int k = ps.size() / 3; k < ps.size() && start < 0; k++) {
            Tcp t = Tcp.of(ps.get(k).data());
            if (t == null || t.dstPort != SERVER_PORT || t.payloadLength == 0) continue;
            long off = rel(t.seq, isn);
            boolean later = false;
            for (int j = k + 1; j < ps.size() && !later; j++) {
                Tcp u = Tcp.of(ps.get(j).data());
                later = u != null && u.dstPort == SERVER_PORT && u.payloadLength > 0 && rel(u.seq, isn) < off;
            }
            if (!later) { start = k; startOffset = off; }
        }
        assertTrue(start > 0, "a clean place to start");
        List<PcapFile.Rec> tail = ps.subList(start, ps.size());
        byte[] rest = Arrays.copyOfRange(received, (int) startOffset, received.length);

        Collector c = replay(tail).only();
        assertTrue(c.midstream, "no SYN seen: the handler is told it starts mid-stream");
        assertEquals(0, c.gapBytes);
        assertArrayEquals(rest, c.bytes.toByteArray());

        // End to end: the lines reported are the whole lines after the first newline.
        Path file = tmp.resolve("midstream.pcap");
        pcap.write(file, tail);
        CliRunner run = CliRunner.json(file.toString());
        assertEquals(0, run.exit(), run.err());
        run.assertNoStackTrace();
        run.summaryOfMetrics();
        String text = new String(rest, StandardCharsets.UTF_8);
        List<String> want = Arrays.asList(text.substring(text.indexOf('\n') + 1).split("\n"));
        List<String> got = new ArrayList<>();
        for (Map<String, Object> m : run.metrics()) got.add(String.valueOf(m.get("raw")));
        assertEquals(want, got);
    }

    /** The client's initial sequence number, from its SYN. */
    static long isn(List<PcapFile.Rec> ps) {
        for (PcapFile.Rec p : ps) {
            Tcp t = Tcp.of(p.data());
            if (t != null && t.dstPort == SERVER_PORT && t.syn) return t.seq;
        }
        throw new AssertionError("no SYN in the capture");
    }

    /** Sequence offset from the ISN's next byte, in the stream's own 32-bit space. */
    static long rel(long seq, long isn) { return (seq - isn - 1) & 0xffffffffL; }

    /** Keeps the handshake in place and shuffles the rest within windows; times stay in order. */
    static List<PcapFile.Rec> shuffledInWindows(List<PcapFile.Rec> in, int window, Random rnd) {
        List<PcapFile.Rec> out = new ArrayList<>(in.subList(0, 3));
        for (int i = 3; i < in.size(); i += window) {
            List<PcapFile.Rec> w = new ArrayList<>(in.subList(i, Math.min(in.size(), i + window)));
            Collections.shuffle(w, rnd);
            out.addAll(w);
        }
        return monotonic(out);
    }

    /** A capture's clock never runs backwards: give the rewritten order increasing times. */
    static List<PcapFile.Rec> monotonic(List<PcapFile.Rec> in) {
        List<PcapFile.Rec> out = new ArrayList<>(in.size());
        long t0 = in.get(0).timeNanos();
        for (int i = 0; i < in.size(); i++) {
            PcapFile.Rec p = in.get(i);
            out.add(new PcapFile.Rec(t0 + i * 1000L, p.data(), p.data().length));
        }
        return out;
    }
}
