package io.metricsniff.replay;

import io.metricsniff.output.PcapWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes classic pcap files in test code, independent of the capture package, so tests
 * can rewrite real captures (reorder, split, cut, corrupt) and replay the result.
 */
final class PcapFile {
    /** One captured packet. */
    record Rec(long timeNanos, byte[] data, int origLength) { }

    final int linkType;
    final int snapLength;
    final List<Rec> packets;

    PcapFile(int linkType, int snapLength, List<Rec> packets) {
        this.linkType = linkType;
        this.snapLength = snapLength;
        this.packets = packets;
    }

    static PcapFile read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        boolean nanos;
        if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
            nanos = magic == 0xa1b23c4d;
        } else {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = b.getInt(0);
            if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) throw new IOException("not a classic pcap: " + file);
            nanos = magic == 0xa1b23c4d;
        }
        int snap = b.getInt(16);
        int link = b.getInt(20) & 0xffff;
        List<Rec> l = new ArrayList<>();
        int p = 24;
        while (p + 16 <= b.limit()) {
            long sec = b.getInt(p) & 0xffffffffL;
            long frac = b.getInt(p + 4) & 0xffffffffL;
            int cap = b.getInt(p + 8);
            int orig = b.getInt(p + 12);
            p += 16;
            if (cap < 0 || p + cap > b.limit()) throw new IOException("truncated record in " + file);
            byte[] d = new byte[cap];
            b.get(p, d);
            p += cap;
            l.add(new Rec(sec * 1_000_000_000L + (nanos ? frac : frac * 1000), d, orig));
        }
        return new PcapFile(link, snap, l);
    }

    void write(Path file) throws IOException {
        write(file, packets);
    }

    void write(Path file, List<Rec> recs) throws IOException {
        try (PcapWriter w = PcapWriter.create(file, linkType, Math.max(snapLength, 262144))) {
            for (Rec r : recs) w.write(r.timeNanos, r.data, r.data.length, Math.max(r.origLength, r.data.length));
        }
    }
}
