package io.metricsniff.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/** What Linux's /proc says about a process under test: its packet sockets, CPU time, ignored signals. */
public final class Procs {
    /** Clock ticks per second of /proc/PID/stat (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    private Procs() { }

    /** Waits (up to a minute) until {@code pid} holds one of the packet sockets in /proc/net/packet: libpcap's. */
    public static void awaitCapturing(long pid) throws IOException, InterruptedException {
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
        throw new AssertionError("process " + pid + " never opened a capture");
    }

    private static String link(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "";
        }
    }

    /** User plus system CPU time of every thread of {@code pid}, in milliseconds. */
    public static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // comm may hold spaces
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);      // fields 14 and 15 of stat
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /** The SigIgn mask of /proc/PID/status: bit N-1 set when signal N is ignored. */
    public static long ignoredSignals(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (l.startsWith("SigIgn:")) return Long.parseLong(l.substring(7).trim(), 16);
        }
        throw new AssertionError("no SigIgn for " + pid);
    }

    /** Reads a file another process writes, once it has content (up to 30 s). */
    public static String awaitFile(Path p) throws IOException, InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (Files.exists(p) && !Files.readString(p).isBlank()) return Files.readString(p).trim();
            Thread.sleep(50);
        }
        throw new AssertionError("no " + p);
    }
}
