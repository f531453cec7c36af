package io.metricsniff.capture;

import io.metricsniff.output.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CaptureFilesTest {
    @TempDir Path dir;

    @Test void nanosecondPcapHasNineDigitsMicrosecondSix() throws Exception {
        Path ns = dir.resolve("ns.pcap");
        try (PcapWriter w = PcapWriter.create(ns, 1, 65535)) { w.write(1, new byte[14]); }
        assertEquals(9, CaptureFiles.timestampDigits(ns));

        Path us = dir.resolve("us.pcap");
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        Files.write(us, b.array());
        assertEquals(6, CaptureFiles.timestampDigits(us));
    }

    @Test void pcapngReadsIfTsresolOfTheFirstInterface() throws Exception {
        assertEquals(9, CaptureFiles.timestampDigits(pcapng(dir.resolve("n9.pcapng"), 9)));
        assertEquals(6, CaptureFiles.timestampDigits(pcapng(dir.resolve("n6.pcapng"), -1)));
        Path junk = dir.resolve("junk");
        Files.write(junk, new byte[] {1, 2});
        assertEquals(6, CaptureFiles.timestampDigits(junk));
    }

    private static Path pcapng(Path p, int tsresol) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x0a0d0d0a).putInt(28).putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
        int idbLen = tsresol < 0 ? 20 : 32;
        b.putInt(1).putInt(idbLen).putShort((short) 1).putShort((short) 0).putInt(65535);
        if (tsresol >= 0) b.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]).putInt(0);
        b.putInt(idbLen);
        Files.write(p, java.util.Arrays.copyOf(b.array(), b.position()));
        return p;
    }
}
