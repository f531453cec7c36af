package io.metricsniff.cli;

import io.metricsniff.testutil.Jvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A background job started by a non-interactive shell inherits SIGINT ignored; the JVM would keep
 * ignoring it. metricsniff stops on it all the same, as tcpdump and ngrep do, with its summary.
 */
class SigintTest {
    static final long TIMEOUT_SECONDS = 90;
    /** SIGINT's bit in /proc/PID/status SigIgn. */
    static final long SIGINT_MASK = 1L << (2 - 1);

    @TempDir Path dir;

    @Test void aBackgroundJobStopsOnSigintWithItsSummary() throws Exception {
        Path pid = dir.resolve("pid"), sleeperPid = dir.resolve("sleeper"), rc = dir.resolve("rc");
        // The shell's own proof that its background jobs start with SIGINT ignored: a sleep beside us.
        String script = "sleep 60 & echo $! > " + sleeperPid + "; "
                + Jvm.shell("-d", "lo", "--format", "json", "-q", "udp and dst host 127.0.0.73 and dst port 8125")
                + " & echo $! > " + pid + "; wait $!; echo $? > " + rc;
        Process shell = Jvm.start(script);
        long sleeper = Long.parseLong(awaitFile(sleeperPid));
        assertTrue((sigIgn(sleeper) & SIGINT_MASK) != 0, "the shell's background jobs ignore SIGINT");
        long jvm = Long.parseLong(awaitFile(pid));
        awaitCapturing(jvm);
        // Again each second until it ends: the handler is installed just after the capture opens.
        for (int i = 0; i < TIMEOUT_SECONDS && ProcessHandle.of(jvm).map(ProcessHandle::isAlive).orElse(false); i++) {
            new ProcessBuilder("kill", "-INT", Long.toString(jvm)).start().waitFor();
            shell.waitFor(1, TimeUnit.SECONDS);
        }
        Jvm.Result r = Jvm.finish(shell, TIMEOUT_SECONDS);
        new ProcessBuilder("kill", Long.toString(sleeper)).start().waitFor();
        assertEquals("0", Files.readString(rc).trim(), r.toString());
        assertTrue(r.out().startsWith("{\"type\":\"summary\""), r.toString());
        assertEquals("", r.err());
    }

    private static String awaitFile(Path p) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Files.exists(p) && !Files.readString(p).isBlank()) return Files.readString(p).trim();
            Thread.sleep(50);
        }
        throw new AssertionError("no " + p);
    }

    /** The JVM has opened its capture when it holds one of the packet sockets in /proc/net/packet. */
    private static void awaitCapturing(long pid) throws Exception {
        Path fdDir = Path.of("/proc", Long.toString(pid), "fd");
        for (int i = 0; i < 1200; i++) {
            Set<String> packetSockets = new HashSet<>();
            for (String l : Files.readAllLines(Path.of("/proc/net/packet"))) {
                String[] f = l.trim().split("\\s+");
                packetSockets.add("socket:[" + f[f.length - 1] + "]");
            }
            try (Stream<Path> fds = Files.list(fdDir)) {
                if (fds.anyMatch(f -> packetSockets.contains(link(f)))) return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("metricsniff never opened its capture");
    }

    private static String link(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "";
        }
    }

    private static long sigIgn(long pid) throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (l.startsWith("SigIgn:")) return Long.parseLong(l.substring(7).trim(), 16);
        }
        throw new AssertionError("no SigIgn for " + pid);
    }
}
