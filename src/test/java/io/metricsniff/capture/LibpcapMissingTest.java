package io.metricsniff.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without libpcap every entry point says how to install it, in one line. pcap4j loads libpcap once
 * per JVM, so a child JVM is pointed at a library that does not exist.
 */
class LibpcapMissingTest {
    @TempDir Path dir;

    /** Runs in the child JVM: prints each error message on its own line. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            Path file = Path.of(args[0]);
            Files.write(file, new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1});
            try {
                FileSource.open(file, (String) null).close();
                System.out.println("opened file");
            } catch (CaptureException e) {
                System.out.println(e.getMessage());
            }
            try {
                LiveSource.open("lo", (String) null, LiveOptions.DEFAULTS).close();
                System.out.println("opened lo");
            } catch (CaptureException e) {
                System.out.println(e.getMessage());
            }
            try {
                System.out.println("default " + LiveSource.defaultDevice());
            } catch (CaptureException e) {
                System.out.println(e.getMessage());
            }
            System.out.println("devices " + LiveSource.deviceNames());
        }
    }

    @Test void everyEntryPointSaysHowToInstallLibpcap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dorg.pcap4j.core.pcapLibName=/nonexistent/libpcap.so.0.8",
                "-cp", System.getProperty("java.class.path"), Probe.class.getName(), dir.resolve("x.pcap").toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        List<String> lines = output.lines().toList();
        assertEquals(List.of(Libpcap.MISSING, Libpcap.MISSING, Libpcap.MISSING, "devices []"), lines, output);
        assertTrue(Libpcap.MISSING.contains("apt-get install libpcap0.8"));
    }
}
