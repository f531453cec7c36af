package io.metricsniff.testutil;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A veth pair made for one test (needs root and iproute2; the test is skipped otherwise) and
 * removed on close, for what happens to a capture when its device goes down or away.
 */
public final class Veth implements AutoCloseable {
    private final String name;

    private Veth(String name) { this.name = name; }

    /** Creates {@code prefix<pid>} and its peer, both up, or skips the calling test. */
    public static Veth createOrSkip(String prefix) {
        String name = prefix + ProcessHandle.current().pid() % 100_000;
        boolean created = ip("add", name, "type", "veth", "peer", "name", name + "p") && ip("set", name, "up");
        Assumptions.assumeTrue(created, "cannot create a veth pair here (needs root and iproute2)");
        return new Veth(name);
    }

    public String name() { return name; }

    /** {@code ip link set NAME down}; true when it worked. */
    public boolean setDown() { return ip("set", name, "down"); }

    /** {@code ip link del NAME} (the peer goes with it); true when it worked. */
    public boolean delete() { return ip("del", name); }

    @Override public void close() { delete(); } // already gone unless the test failed early

    private static boolean ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "link"));
        command.addAll(List.of(args));
        return run(command.toArray(new String[0]));
    }

    /** Runs a command (ip, python3...) to its end, output discarded; true when it exited 0. */
    public static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
