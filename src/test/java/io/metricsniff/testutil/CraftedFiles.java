package io.metricsniff.testutil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the hostile capture files the tests need, byte by byte, with nothing checked: a classic
 * nanosecond pcap whose timestamp fields are given raw (so they can be impossible), and pcapng
 * files block by block (SHB, IDB, EPB, SPB) in either byte order.
 */
public final class CraftedFiles {
    public static final int PCAP_NANOS_MAGIC = 0xa1b23c4d;
    public static final int DLT_IEEE802_11 = 105, DLT_IPV4 = 228, DLT_IPV6 = 229;

    private CraftedFiles() { }

    /** A little-endian nanosecond pcap: each packet's seconds and nanoseconds fields exactly as given. */
    public static final class Pcap {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Pcap(int linkType, int snapLength) {
            out.writeBytes(le(24).putInt(PCAP_NANOS_MAGIC).putShort((short) 2).putShort((short) 4)
                    .putInt(0).putInt(0).putInt(snapLength).putInt(linkType).array());
        }

        public Pcap packet(long seconds, long nanosField, byte[] data) {
            return record(seconds, nanosField, data.length, data.length, data);
        }

        /** A record whose length fields say whatever they are given, followed by {@code data}. */
        public Pcap record(long seconds, long nanosField, int capLengthField, int origLengthField, byte[] data) {
            out.writeBytes(le(16).putInt((int) seconds).putInt((int) nanosField).putInt(capLengthField)
                    .putInt(origLengthField).array());
            out.writeBytes(data);
            return this;
        }

        public Path write(Path file) throws IOException {
            return Files.write(file, out.toByteArray());
        }
    }

    /** A pcapng file in one byte order; interfaces get ids 0, 1, ... in the order they are added. */
    public static final class Pcapng {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteOrder order;

        /** A file with its section header block. */
        public Pcapng(ByteOrder order) {
            this.order = order;
            block(0x0a0d0d0a, buf(16).putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0).putLong(-1).array());
        }

        /** An interface description block (no options: microsecond timestamps). */
        public Pcapng interfaceBlock(int linkType, int snapLength) {
            return block(1, buf(8).putShort((short) linkType).putShort((short) 0).putInt(snapLength).array());
        }

        /** An enhanced packet block on interface {@code id}, {@code micros} since the epoch. */
        public Pcapng packet(int id, long micros, byte[] data) {
            ByteBuffer b = buf(20 + padded(data.length)).putInt(id).putInt((int) (micros >>> 32)).putInt((int) micros)
                    .putInt(data.length).putInt(data.length).put(data);
            return block(6, b.array());
        }

        /** A simple packet block (always interface 0). */
        public Pcapng simplePacket(byte[] data) {
            return block(3, buf(4 + padded(data.length)).putInt(data.length).put(data).array());
        }

        /** Any other block, for a type readers must skip. */
        public Pcapng block(int type, byte[] body) {
            int length = 12 + padded(body.length);
            out.writeBytes(buf(8).putInt(type).putInt(length).array());
            out.writeBytes(body);
            out.writeBytes(new byte[padded(body.length) - body.length]);
            out.writeBytes(buf(4).putInt(length).array());
            return this;
        }

        public Path write(Path file) throws IOException {
            return Files.write(file, out.toByteArray());
        }

        private ByteBuffer buf(int n) { return ByteBuffer.allocate(n).order(order); }
    }

    private static int padded(int n) { return (n + 3) & ~3; }

    private static ByteBuffer le(int n) { return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN); }
}
