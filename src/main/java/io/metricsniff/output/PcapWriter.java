package io.metricsniff.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes classic pcap with nanosecond timestamps (magic a1b23c4d), which tcpdump, tshark and
 * libpcap read. Used for {@code -O} and by tests that build capture files. Not thread-safe.
 */
public final class PcapWriter implements AutoCloseable {
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int RECORD_HEADER = 16;

    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER).order(ByteOrder.LITTLE_ENDIAN);

    public PcapWriter(OutputStream out, int linkType, int snapLength) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        ByteBuffer g = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        g.putInt(MAGIC_NANOS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(snapLength).putInt(linkType);
        this.out.write(g.array());
    }

    public static PcapWriter create(Path file, int linkType, int snapLength) throws IOException {
        return new PcapWriter(Files.newOutputStream(file), linkType, snapLength);
    }

    public void write(long timeNanos, byte[] data, int capLength, int origLength) throws IOException {
        header.clear();
        header.putInt((int) Math.floorDiv(timeNanos, 1_000_000_000L))
                .putInt((int) Math.floorMod(timeNanos, 1_000_000_000L))
                .putInt(capLength).putInt(origLength);
        out.write(header.array(), 0, RECORD_HEADER);
        out.write(data, 0, capLength);
    }

    public void write(long timeNanos, byte[] data) throws IOException {
        write(timeNanos, data, data.length, data.length);
    }

    public void flush() throws IOException { out.flush(); }

    @Override public void close() throws IOException { out.close(); }
}
