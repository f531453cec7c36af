package io.metricsniff.replay;

import static io.metricsniff.testutil.CliRunner.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metricsniff.testutil.CliRunner;
import io.metricsniff.testutil.CraftedFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupts the bundled captures at random (header bytes, timestamps, lengths, record framing) and
 * replays each result: no stack trace, no hang, a summary, and every record libpcap can frame
 * counted as a packet (its bytes too, unless its timestamp makes it unreadable). Runs for a bounded
 * time; each file's seed is printed on failure ({@code -Dfuzz.seed=N -Dfuzz.seconds=S} to repeat).
 */
class FuzzCapturesTest {
    /** Total time for the loop: enough for dozens of files, small beside the suite (CI has 90 min). */
    static final long DEFAULT_SECONDS = 60;
    /** One replay of a mutated file of at most 260 KB; longer means it hangs. */
    static final long PER_FILE_TIMEOUT_SECONDS = 30;
    /** Where the headers are: Ethernet 14, IPv4 up to 60, TCP up to 60. */
    static final int HEADER_BYTES = 134;
    /** A capture length libpcap refuses as a record: larger than any snapshot length. */
    static final int IMPOSSIBLE_CAPLEN = 0x7fff_0000;
    static final long NANOS_PER_SECOND = 1_000_000_000L;

    @TempDir Path dir;

    /** What the mutated file holds, as libpcap will read it. */
    record Expected(int records, long bytes) { }

    @Test
    void randomlyCorruptedCapturesAreCountedWithoutCrashOrHang() throws Exception {
        List<Path> sources = bundled();
        long base = Long.getLong("fuzz.seed", System.nanoTime());
        long end = System.nanoTime() + Long.getLong("fuzz.seconds", DEFAULT_SECONDS) * NANOS_PER_SECOND;
        int runs = 0;
        for (long seed = base; runs == 0 || System.nanoTime() < end; seed++, runs++) {
            Path src = sources.get((int) Math.floorMod(seed, (long) sources.size()));
            try {
                fuzzOne(src, seed);
            } catch (AssertionError | Exception e) {
                throw new AssertionError("fuzz failure on " + src.getFileName() + " with seed " + seed
                        + " (repeat: -Dfuzz.seed=" + seed + " -Dtest=FuzzCapturesTest): " + e.getMessage(), e);
            }
        }
        System.out.println("FuzzCapturesTest: " + runs + " mutated captures from seed " + base);
    }

    private static List<Path> bundled() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("captures"))) {
            List<Path> l = new ArrayList<>(s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList());
            assertTrue(l.size() >= 5, "bundled captures: " + l);
            return l;
        }
    }

    private void fuzzOne(Path src, long seed) throws Exception {
        Random rnd = new Random(seed);
        PcapFile in = PcapFile.read(src);
        CraftedFiles.Pcap out = new CraftedFiles.Pcap(in.linkType, 262_144);
        Expected expected = mutate(in, out, rnd);
        Path file = out.write(dir.resolve("fuzz.pcap"));
        PrintStream stderr = System.err;
        ByteArrayOutputStream stray = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stray, true, StandardCharsets.UTF_8));
        CliRunner r;
        try {
            // A filter that passes every record: the default one would drop damaged headers before us.
            r = CliRunner.run(PER_FILE_TIMEOUT_SECONDS, "-I", file.toString(), "--format", "json", "len", ">=", "0");
        } finally {
            System.setErr(stderr);
        }
        r.assertNoStackTrace();
        assertEquals("", stray.toString(StandardCharsets.UTF_8), "nothing printed past metricsniff's own stderr");
        assertTrue(r.exit() == 0 || r.exit() == 2, "exit " + r.exit() + ": " + r.err());
        Map<String, Object> s = r.summaryOfMetrics();
        assertEquals(expected.records(), num(s, "packets"), "every record is a packet in the summary");
        assertEquals(expected.bytes(), num(s, "bytes"), "every readable packet's bytes are counted");
        long flagged = num(s, "corrupt_packets") + num(s, "truncated_packets") + num(s, "ignored_packets");
        assertTrue(flagged <= num(s, "packets"), "anomalous packets within the packets seen: " + s);
    }

    /** Writes every record of {@code in}, some damaged; what libpcap will deliver of it. */
    private static Expected mutate(PcapFile in, CraftedFiles.Pcap out, Random rnd) {
        int records = 0;
        long bytes = 0;
        int breakAt = rnd.nextInt(4) == 0 ? rnd.nextInt(in.packets.size() + 1) : -1;
        for (int i = 0; i < in.packets.size(); i++) {
            PcapFile.Rec r = in.packets.get(i);
            if (i == breakAt) { // framing: libpcap stops reading here
                out.record(r.timeNanos() / NANOS_PER_SECOND, 0, IMPOSSIBLE_CAPLEN, IMPOSSIBLE_CAPLEN, r.data());
                return new Expected(records, bytes);
            }
            byte[] d = r.data().clone();
            int orig = Math.max(r.origLength(), d.length);
            long seconds = r.timeNanos() / NANOS_PER_SECOND, nanos = r.timeNanos() % NANOS_PER_SECOND;
            switch (rnd.nextInt(8)) {
                case 0, 1 -> flipHeaderBytes(d, rnd);
                case 2 -> d = java.util.Arrays.copyOf(d, rnd.nextInt(d.length + 1)); // cut, wire length kept
                case 3 -> orig = rnd.nextInt(d.length + 1); // wire length below the captured length
                case 4 -> seconds = rnd.nextInt() & 0xffffffffL;
                case 5 -> nanos = rnd.nextBoolean() ? NANOS_PER_SECOND + rnd.nextInt(Integer.MAX_VALUE)
                        : NANOS_PER_SECOND - 1;
                default -> { } // most packets stay intact, so streams go on
            }
            out.record(seconds, nanos, d.length, orig, d);
            records++;
            if (nanos < NANOS_PER_SECOND) bytes += Math.max(orig, d.length); // an unreadable record's bytes never reach the pipeline
        }
        return new Expected(records, bytes);
    }

    private static void flipHeaderBytes(byte[] d, Random rnd) {
        if (d.length == 0) return;
        int flips = 1 + rnd.nextInt(4);
        for (int k = 0; k < flips; k++) d[rnd.nextInt(Math.min(d.length, HEADER_BYTES))] ^= (byte) (1 + rnd.nextInt(255));
    }
}
