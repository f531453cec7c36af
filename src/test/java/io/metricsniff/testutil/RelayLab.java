package io.metricsniff.testutil;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.live.Lab;
import io.metricsniff.testutil.Oracle.Received;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The loopback lab for the relay tests: this task's own addresses (127.0.0.31-.39), sinks that
 * record what each destination received (scripts/lib/relay-sink.py), and bounded waits.
 */
public final class RelayLab implements AutoCloseable {
    /** Loopback addresses; {@code -Dmetricsniff.lab.sinkA=...} etc. move them (helpers running side by side). */
    public static final String SINK_A = host("sinkA", "127.0.0.31"), SINK_B = host("sinkB", "127.0.0.32"),
            SINK_C = host("sinkC", "127.0.0.33");
    public static final String CARBON_RELAY_HOST = host("carbonRelay", "127.0.0.34"), C_RELAY_HOST = host("cRelay", "127.0.0.35");
    static final String SINK_SCRIPT = "scripts/lib/relay-sink.py";
    /** A relay starts in a second or two idle; a loaded 2-core box gets plenty more. */
    static final long START_MILLIS = 60_000;
    /** carbon-c-relay batches for up to ~1 s; everything arrives far sooner than this. */
    static final long DELIVERY_MILLIS = 40_000;
    /** No new line for this long, once the expected count is in: delivery is over. */
    static final long QUIET_MILLIS = 1_500;

    public final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private Path sinkOut;

    public RelayLab(String prefix) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(Lab.PYTHON)), "python3 is not installed");
        dir = Lab.tempDir(prefix);
    }

    private static String host(String name, String fallback) { return System.getProperty("metricsniff.lab." + name, fallback); }

    public static void assumeInstalled(String binary) {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(binary)), binary + " is not installed");
    }

    public static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return s.getLocalPort();
        }
    }

    public static Endpoint endpoint(String host, int port) throws IOException {
        return new Endpoint(InetAddress.getByName(host).getAddress(), port);
    }

    /** Starts the sinks ({@code host:port:mode} each) and waits until they listen. */
    public void startSinks(String... specs) throws Exception {
        sinkOut = dir.resolve("received.txt");
        List<String> cmd = new ArrayList<>(List.of(Lab.PYTHON, SINK_SCRIPT, sinkOut.toString()));
        cmd.addAll(List.of(specs));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("sink.err").toFile()).start();
        processes.add(p);
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String ready = r.readLine(); // the sink prints "ready" once every socket listens
        if (!"ready".equals(ready)) throw new AssertionError("sink did not start: " + Files.readString(dir.resolve("sink.err")));
    }

    /** Starts a daemon, its output to {@code log}, and waits until it accepts on host:port. */
    public Process startDaemon(List<String> cmd, Path log, String host, int port) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_MILLIS);
        while (System.nanoTime() < end) {
            if (!p.isAlive()) throw new AssertionError(cmd.get(0) + " exited (" + p.exitValue() + "): " + Files.readString(log));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 500);
                return p;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError(cmd.get(0) + " never accepted on " + host + ":" + port + ": " + Files.readString(log));
    }

    public static void send(String host, int port, List<String> lines) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String l : lines) b.append(l).append('\n');
        try (Socket s = new Socket(host, port)) {
            OutputStream o = s.getOutputStream();
            o.write(b.toString().getBytes(StandardCharsets.UTF_8));
            o.flush();
        }
    }

    /** What the sinks got, once at least {@code expected} lines are in and nothing more came for a while. */
    public List<Received> awaitReceived(int expected) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DELIVERY_MILLIS);
        List<Received> last = received();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(200);
            List<Received> now = received();
            if (now.size() != last.size()) {
                last = now;
                quietSince = System.nanoTime();
            } else if (now.size() >= expected && System.nanoTime() - quietSince >= TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)) {
                return now;
            }
        }
        return last; // the caller's assertions say what is missing
    }

    public List<Received> received() throws IOException {
        if (sinkOut == null || !Files.exists(sinkOut)) return new ArrayList<>();
        return Oracle.parseReceived(Files.readAllLines(sinkOut, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) Lab.stop(processes.get(i));
        Lab.deleteTree(dir);
    }
}
