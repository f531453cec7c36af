package io.metricsniff.cli;

import io.metricsniff.output.PcapWriter;
import io.metricsniff.testutil.Frames;
import io.metricsniff.testutil.Jvm;
import io.metricsniff.testutil.UdpSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Output into real pipes and a full disk, as tcpdump behaves: a reader that went away ends the run
 * at once and quietly (killed by SIGPIPE: status 141 in the shell), a write error says so in one
 * line with status 2.
 */
class PipesTest {
    /** JVM start-up on a loaded 2-core box plus the run itself. */
    static final long TIMEOUT_SECONDS = 90;
    static final String STATUS = "; echo \"status=${PIPESTATUS[0]}\" >&2";
    static final byte[] SENDER = Frames.ip("127.0.0.71");

    @TempDir Path dir;

    static byte[] statsd(int i) {
        return Frames.udp4(SENDER, 40000, SENDER, 8125, Frames.ascii("pipes.count." + i + ":1|c\n"));
    }

    /** A pcap stream that never ends: only a stop on EPIPE ends this pipeline. */
    @Test void anEndlessStreamIntoHeadStopsAtOnceAndQuietly() throws Exception {
        Process p = Jvm.start(Jvm.shell("-I", "-", "--format", "text") + " | head -1" + STATUS);
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread gen = new Thread(() -> {
            try (OutputStream os = p.getOutputStream(); PcapWriter w = new PcapWriter(os, Frames.DLT_EN10MB, 65535)) {
                for (int i = 0; ; i++) w.write(1_795_508_376_000_000_000L + i * 1000L, statsd(i));
            } catch (IOException e) {
                writing.set(false); // metricsniff closed its end: the point of the test
            }
        });
        gen.setDaemon(true);
        gen.start();
        Jvm.Result r = Jvm.finish(p, TIMEOUT_SECONDS);
        assertTrue(r.out().contains("pipes.count.0:1|c"), r.toString());
        assertEquals(1, r.out().lines().count(), r.toString());
        assertEquals("status=141\n", r.err(), "killed by SIGPIPE, nothing else said: " + r);
        gen.join(10_000);
        assertTrue(!writing.get(), "the generator saw its reader go");
    }

    @Test void aBigFileIntoHeadStopsQuietly() throws Exception {
        Path big = dir.resolve("big.pcap");
        try (PcapWriter w = PcapWriter.create(big, Frames.DLT_EN10MB, 65535)) {
            for (int i = 0; i < 200_000; i++) w.write(1_795_508_376_000_000_000L + i * 1000L, statsd(i));
        }
        Jvm.Result r = Jvm.bash(Jvm.shell("-I", big.toString()) + " | head -1" + STATUS, TIMEOUT_SECONDS);
        assertEquals(1, r.out().lines().count(), r.toString());
        assertTrue(r.out().contains("pipes.count.0:1|c"), r.toString());
        assertEquals("status=141\n", r.err(), r.toString());
    }

    @Test void aFullDiskIsAWriteErrorInOneLine() throws Exception {
        for (String more : new String[] {"", " -q"}) { // lines as they come; the summary alone at the end
            Jvm.Result r = Jvm.bash(Jvm.shell("-I", "captures/crafted-carbon.pcap") + more + " > /dev/full",
                    TIMEOUT_SECONDS);
            assertEquals(2, r.exit(), r.toString());
            assertEquals("metricsniff: write error on standard output: No space left on device\n", r.err(), r.toString());
        }
    }

    /** Live: tcpdump notices at its next write; so does metricsniff, while the traffic goes on. */
    @Test void aLiveCaptureIntoHeadExits() throws Exception {
        try (UdpSender sender = UdpSender.start("127.0.0.71", 8125, 100, i -> "pipes.live." + i + ":1|c\n")) {
            Jvm.Result r = Jvm.bash(Jvm.shell("-d", "lo", "--format", "text", "udp and dst host 127.0.0.71 and dst port 8125")
                    + " | head -1" + STATUS, TIMEOUT_SECONDS);
            assertTrue(r.out().contains("pipes.live."), r.toString());
            assertEquals(1, r.out().lines().count(), r.toString());
            assertEquals("status=141\n", r.err(), r.toString());
        }
    }
}
