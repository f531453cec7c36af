package io.metricsniff.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Walks a pcapng file's block headers (SHB, IDB, EPB, SPB, OPB; either byte order) for what libpcap
 * does not say: whether there is any interface, and how many packets it leaves unread when a later
 * interface differs from the first in link type or snapshot length (libpcap reads one of each per
 * file and stops there). Reads 8 to 24 bytes per block, never a packet's data.
 */
final class PcapngBlocks {
    static final int PCAPNG_MAGIC = 0x0a0d0d0a;
    private static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;
    private static final int IDB = 1, OPB = 2, SPB = 3, EPB = 6;
    /** Block type, total length, and an IDB's link type, reserved and snaplen fields. */
    private static final int HEAD = 16;
    /** LINKTYPE_RAW in files is DLT_RAW (12 on Linux) to libpcap's naming. */
    private static final int LINKTYPE_RAW = 101, DLT_RAW = 12;
    /** The smallest valid block: type, length, trailing length. */
    private static final int MIN_BLOCK = 12;

    /** What the walk found; {@code differing} describes the first interface unlike the first one, or null. */
    record Layout(int interfaces, long packetsAfterDiffering, String differing) { }

    private PcapngBlocks() { }

    /** True when the file starts with a pcapng section header. */
    static boolean isPcapng(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(4);
            return ch.read(b, 0) == 4 && b.getInt(0) == PCAPNG_MAGIC;
        } catch (IOException e) {
            return false;
        }
    }

    /** Walks every block up to the end or the first malformed header (where libpcap stops too). */
    static Layout walk(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(HEAD);
            long pos = 0, size = ch.size(), after = 0;
            int interfaces = 0, firstLink = -1, firstSnap = -1;
            String differing = null;
            while (pos + MIN_BLOCK <= size) {
                b.clear();
                if (ch.read(b, pos) < MIN_BLOCK) break;
                int type = b.getInt(0);
                if (type == PCAPNG_MAGIC) b.order(b.getInt(8) == BYTE_ORDER_MAGIC ? b.order() : swapped(b.order()));
                long length = b.getInt(4) & 0xffffffffL;
                if (length < MIN_BLOCK || pos + length > size) break;
                if (type == IDB && length >= HEAD) {
                    int link = b.getShort(8) & 0xffff, snap = b.getInt(12);
                    if (interfaces == 0) {
                        firstLink = link;
                        firstSnap = snap;
                    } else if (differing == null && (link != firstLink || snap != firstSnap)) {
                        differing = "interface " + interfaces + " has link type " + name(link)
                                + " and snapshot length " + snap + ", interface 0 " + name(firstLink)
                                + " and " + firstSnap;
                    }
                    interfaces++;
                } else if (differing != null && (type == EPB || type == SPB || type == OPB)) {
                    after++;
                }
                pos += length;
            }
            return new Layout(interfaces, after, differing);
        }
    }

    private static String name(int linkType) {
        return LinkFilter.describe(linkType == LINKTYPE_RAW ? DLT_RAW : linkType);
    }

    private static ByteOrder swapped(ByteOrder o) {
        return o == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    }
}
