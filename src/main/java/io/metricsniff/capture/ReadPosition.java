package io.metricsniff.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How far libpcap has read a capture file, from Linux's {@code /proc/self/fdinfo} of the
 * descriptor libpcap opened it with (pcap4j gives no access to its FILE). For the live view's
 * progress; read a few times a second on the UI thread, never per packet. -1 when unknown.
 */
public final class ReadPosition {
    private final Path file;
    private final long size;
    private int fd = -1;

    public ReadPosition(Path file) {
        Path real;
        long n;
        try {
            real = file.toRealPath();
            n = Files.size(real);
        } catch (IOException e) {
            real = file;
            n = -1;
        }
        this.file = real;
        this.size = n;
    }

    /** The file's size in bytes, or -1. */
    public long size() { return size; }

    /** The read offset of the open file, or -1 while it is not open (or not on Linux). */
    public synchronized long position() {
        if (fd < 0 || position(fd) < 0) fd = find();
        return fd < 0 ? -1 : position(fd);
    }

    private int find() {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(p).equals(file)) return Integer.parseInt(p.getFileName().toString());
                } catch (IOException | NumberFormatException e) {
                    // closed meanwhile, or not a number: not ours
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
        return -1;
    }

    private long position(int d) {
        try {
            List<String> info = Files.readAllLines(Path.of("/proc/self/fdinfo/" + d));
            if (!Files.readSymbolicLink(Path.of("/proc/self/fd/" + d)).equals(file)) return -1;
            for (String l : info) if (l.startsWith("pos:")) return Long.parseLong(l.substring(4).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
