package io.metricsniff.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about a capture file that libpcap does not report: the timestamp resolution it was written with. */
public final class CaptureFiles {
    private static final int PCAP_MICROS = 0xa1b2c3d4, PCAP_NANOS = 0xa1b23c4d;
    private static final int PCAPNG_SHB = 0x0a0d0d0a, PCAPNG_IDB = 1;
    private static final int OPT_IF_TSRESOL = 9;
    /** Enough of the file to reach the first interface description block. */
    private static final int HEAD_BYTES = 4096;

    private CaptureFiles() { }

    /** Fraction digits the file's timestamps carry: 9 for nanosecond files, 6 otherwise. */
    public static int timestampDigits(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            return 6;
        }
        if (head.length < 4) return 6;
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.BIG_ENDIAN);
        int magic = b.getInt(0);
        if (magic == PCAP_NANOS || Integer.reverseBytes(magic) == PCAP_NANOS) return 9;
        if (magic == PCAP_MICROS || Integer.reverseBytes(magic) == PCAP_MICROS) return 6;
        if (magic == PCAPNG_SHB) return pcapngDigits(b);
        return 6;
    }

    // Reads the first IDB's if_tsresol option; pcapng's default resolution is microseconds.
    private static int pcapngDigits(ByteBuffer b) {
        try {
            if (b.limit() < 12) return 6;
            if (b.order(ByteOrder.LITTLE_ENDIAN).getInt(8) != 0x1a2b3c4d) b.order(ByteOrder.BIG_ENDIAN);
            int pos = b.getInt(4); // SHB length
            while (pos + 8 <= b.limit()) {
                int type = b.getInt(pos), len = b.getInt(pos + 4);
                if (len < 12) return 6;
                if (type == PCAPNG_IDB) {
                    int opt = pos + 16, end = pos + len - 4;
                    while (opt + 4 <= end && opt + 4 <= b.limit()) {
                        int code = b.getShort(opt) & 0xffff, olen = b.getShort(opt + 2) & 0xffff;
                        if (code == 0) break;
                        if (code == OPT_IF_TSRESOL && olen >= 1 && opt + 4 < b.limit()) {
                            int r = b.get(opt + 4) & 0xff;
                            return (r & 0x80) == 0 && r >= 9 ? 9 : 6;
                        }
                        opt += 4 + ((olen + 3) & ~3);
                    }
                    return 6;
                }
                pos += len;
            }
        } catch (IndexOutOfBoundsException e) {
            // a short or odd header: fall back to the default
        }
        return 6;
    }
}
