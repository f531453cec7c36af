package io.metricsniff.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ReadPositionTest {
    @Test void followsTheOpenDescriptorsOffset(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.pcap");
        Files.write(f, new byte[10_000]);
        ReadPosition p = new ReadPosition(f);
        assertEquals(10_000, p.size());
        assertEquals(-1, p.position());                    // not open yet
        try (FileInputStream in = new FileInputStream(f.toFile())) {
            assertEquals(1234, in.read(new byte[1234]));
            assertEquals(1234, p.position());
            assertEquals(4000, in.read(new byte[4000]));
            assertEquals(5234, p.position());
        }
        assertEquals(-1, p.position());                    // closed again
        assertEquals(-1, new ReadPosition(dir.resolve("missing")).size());
    }
}
