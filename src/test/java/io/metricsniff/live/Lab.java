package io.metricsniff.live;

import io.metricsniff.testutil.CliRunner;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The loopback lab the live tests run in: a dedicated address (so nothing else on the machine
 * shares the filter), free ports, throwaway directories, and the probe that tells when a live
 * capture really sees traffic.
 */
public final class Lab {
    /** A loopback address of our own: 127.0.0.0/8 is all on lo, and nothing else uses .9. */
    public static final String HOST = "127.0.0.9";
    /** Debian's python: carbon and whisper live there, not in a pyenv python on PATH. */
    public static final String PYTHON = "/usr/bin/python3";
    /** How long one probe line may take to show in the capture before the next is sent. */
    static final long PROBE_WAIT_MILLIS = 1_000;
    /** libpcap open plus JIT warm-up on a loaded 2-core box stays far below this. */
    static final long CAPTURE_READY_MILLIS = 30_000;

    private Lab() { }

    /** Skips the test unless we are root (live capture) and every binary is there. */
    public static void assumeRootAnd(String... binaries) {
        Assumptions.assumeTrue(isRoot(), "live capture needs root");
        for (String b : binaries) Assumptions.assumeTrue(Files.isExecutable(Path.of(b)), b + " is not installed");
    }

    static boolean isRoot() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("Uid:")) return l.split("\\s+")[1].equals("0");
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** A port free on {@link #HOST} now (the kernel's pick; the race with others is negligible). */
    public static int freePort() throws IOException { return freePort(HOST); }

    /** A port free on {@code host} now. */
    public static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return s.getLocalPort();
        }
    }

    public static Path tempDir(String prefix) throws IOException {
        return Files.createTempDirectory(prefix);
    }

    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is harmless
        }
    }

    /** Polls until something accepts connections on HOST:port. */
    public static void awaitAccepting(int port, long timeoutMillis, Process owner, Path log) throws Exception {
        awaitAccepting(HOST, port, timeoutMillis, owner, log);
    }

    public static void awaitAccepting(String host, int port, long timeoutMillis, Process owner, Path log) throws Exception {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < end) {
            if (owner != null && !owner.isAlive()) {
                throw new AssertionError("process exited early (" + owner.exitValue() + "): " + tail(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nothing accepts on " + host + ":" + port + " after " + timeoutMillis + " ms: " + tail(log));
    }

    static String tail(Path log) {
        if (log == null) return "";
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Sends bytes on a new connection and closes it; returns the client's local port. */
    public static int sendOnce(int port, String text) throws IOException {
        try (Socket s = new Socket(HOST, port)) {
            OutputStream o = s.getOutputStream();
            o.write(text.getBytes(StandardCharsets.UTF_8));
            o.flush();
            return s.getLocalPort();
        }
    }

    /**
     * Sends probe lines {@code <prefix>.<n> 1 <now>} on fresh connections until the capture
     * reports one: from then on the capture sees everything sent. Returns how many were sent.
     */
    public static int awaitCaptureReady(CliRunner sniff, int port, String prefix) throws Exception {
        long end = System.nanoTime() + CAPTURE_READY_MILLIS * 1_000_000;
        for (int n = 1; System.nanoTime() < end; n++) {
            String path = prefix + "." + n;
            sendOnce(port, path + " 1 " + now() + "\n");
            if (sniff.awaitMetric(m -> path.equals(m.get("path")), PROBE_WAIT_MILLIS)) return n;
            if (sniff.done()) throw new AssertionError("metricsniff ended early: " + sniff.err() + sniff.out());
        }
        throw new AssertionError("the live capture never reported a probe line; stderr: " + sniff.err());
    }

    public static long now() { return System.currentTimeMillis() / 1000; }

    /** Ends a process we started: TERM, then KILL if it lingers. */
    public static void stop(Process p) throws InterruptedException {
        if (p == null || !p.isAlive()) return;
        p.destroy();
        if (!p.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
