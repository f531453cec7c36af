package io.metricsniff.replay;

import io.metricsniff.testutil.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real captures damaged on purpose (fixed seeds): headers with flipped bytes, packets cut short,
 * noise appended, files cut mid-record. Whatever the damage, a replay must return, end with a
 * summary line and never print a stack trace.
 */
class CorruptCaptureE2eTest {
    static final Path[] SOURCES = {Path.of("captures/crafted-carbon.pcap"), Path.of("captures/collectd-carbon.pcap")};
    /** Headers of interest: Ethernet 14 + IPv4 up to 60 + TCP up to 60. */
    static final int HEADER_BYTES = 134;

    @Test
    void flippedHeaderBytes(@TempDir Path tmp) throws Exception {
        for (Path src : SOURCES) {
            for (long seed = 1; seed <= 4; seed++) {
                Random rnd = new Random(seed);
                PcapFile p = PcapFile.read(src);
                List<PcapFile.Rec> out = new ArrayList<>();
                for (PcapFile.Rec r : p.packets) {
                    byte[] d = r.data().clone();
                    if (rnd.nextInt(3) == 0) {
                        int flips = 1 + rnd.nextInt(4);
                        for (int i = 0; i < flips; i++) {
                            int at = rnd.nextInt(Math.min(d.length, HEADER_BYTES));
                            d[at] ^= (byte) (1 + rnd.nextInt(255));
                        }
                    }
                    out.add(new PcapFile.Rec(r.timeNanos(), d, r.origLength()));
                }
                check(p, out, tmp.resolve("flip-" + seed + ".pcap"));
            }
        }
    }

    @Test
    void packetsCutShort(@TempDir Path tmp) throws Exception {
        for (Path src : SOURCES) {
            Random rnd = new Random(7);
            PcapFile p = PcapFile.read(src);
            List<PcapFile.Rec> out = new ArrayList<>();
            for (PcapFile.Rec r : p.packets) {
                byte[] d = r.data();
                if (rnd.nextInt(4) == 0) d = java.util.Arrays.copyOf(d, rnd.nextInt(d.length + 1));
                out.add(new PcapFile.Rec(r.timeNanos(), d, r.data().length)); // origLength: what was on the wire
            }
            check(p, out, tmp.resolve("cut.pcap"));
        }
    }

    @Test
    void noiseAppendedAndFilesCutMidRecord(@TempDir Path tmp) throws Exception {
        for (Path src : SOURCES) {
            byte[] whole = Files.readAllBytes(src);
            Random rnd = new Random(11);
            byte[] noise = new byte[5000];
            rnd.nextBytes(noise);
            byte[] noisy = new byte[whole.length + noise.length];
            System.arraycopy(whole, 0, noisy, 0, whole.length);
            System.arraycopy(noise, 0, noisy, whole.length, noise.length);
            runAndCheck(write(tmp.resolve("noise.pcap"), noisy));
            for (int i = 0; i < 3; i++) {
                int cut = 24 + rnd.nextInt(whole.length - 24);
                runAndCheck(write(tmp.resolve("cut-" + i + ".pcap"), java.util.Arrays.copyOf(whole, cut)));
            }
            // noise in the middle: record headers become nonsense lengths
            byte[] holed = whole.clone();
            int at = 24 + rnd.nextInt(whole.length / 2);
            System.arraycopy(noise, 0, holed, at, Math.min(200, holed.length - at));
            runAndCheck(write(tmp.resolve("holed.pcap"), holed));
        }
    }

    @Test
    void aFileOfNoiseAndAnEmptyFile(@TempDir Path tmp) throws Exception {
        byte[] noise = new byte[3000];
        new Random(3).nextBytes(noise);
        CliRunner r = CliRunner.json(write(tmp.resolve("noise.pcap"), noise).toString());
        r.assertNoStackTrace();
        assertEquals(2, r.exit(), "not a capture file: a usage error, one line on stderr");
        CliRunner e = CliRunner.json(write(tmp.resolve("empty.pcap"), new byte[0]).toString());
        e.assertNoStackTrace();
        assertEquals(2, e.exit());
    }

    static void check(PcapFile p, List<PcapFile.Rec> out, Path file) throws Exception {
        p.write(file, out);
        runAndCheck(file);
    }

    static void runAndCheck(Path file) throws Exception {
        CliRunner r = CliRunner.json(file.toString());
        r.assertNoStackTrace();
        assertTrue(r.exit() == 0 || r.exit() == 2, "exit " + r.exit() + " for " + file.getFileName() + "; " + r.err());
        r.summaryOfMetrics(); // present, last, and adds up
    }

    static Path write(Path file, byte[] bytes) throws Exception {
        Files.write(file, bytes);
        return file;
    }
}
