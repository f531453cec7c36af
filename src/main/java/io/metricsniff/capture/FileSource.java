package io.metricsniff.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

/**
 * Replays a capture file through libpcap: pcap with microsecond or nanosecond timestamps, or
 * pcapng. Timestamps are delivered in nanoseconds either way.
 */
public final class FileSource implements PacketSource {
    /** libpcap's name for standard input, as in tcpdump -r -. */
    public static final String STDIN = "-";

    /** The link type reported for a pcapng file with no interface: nothing in it needs decoding. */
    private static final int EMPTY_LINK_TYPE = 1;

    /** Null for a pcapng file without an interface block: an empty capture, as tshark reads it. */
    private final PcapHandle handle;
    private final Path file;
    private final String name;
    private final int linkType;
    private final AtomicLong unreadable = new AtomicLong();
    private volatile boolean stopRequested;

    private FileSource(PcapHandle handle, Path file, String name) {
        this.handle = handle;
        this.file = file;
        this.name = name;
        this.linkType = handle == null ? EMPTY_LINK_TYPE : handle.getDlt().value();
    }

    /**
     * Opens {@code file} ({@link #STDIN}: a pcap or pcapng stream on standard input) and installs {@code bpfFilter} (null or blank: no filter).
     *
     * @throws CaptureException with a one-line message: missing, unreadable, not a capture, bad filter
     */
    public static FileSource open(Path file, String bpfFilter) throws CaptureException {
        return open(file, LinkFilter.anyLink(bpfFilter));
    }

    /**
     * Opens {@code file}, checks its link type and installs the filter.
     *
     * @throws CaptureException with a one-line message: missing, unreadable, not a capture, a link
     *                          type the caller does not read, bad filter
     */
    public static FileSource open(Path file, LinkFilter filter) throws CaptureException {
        boolean stdin = STDIN.equals(file.toString());
        String name = stdin ? "standard input" : Libpcap.oneLine(file.toString());
        if (!stdin) checkReadable(file, name);
        PcapHandle handle;
        try {
            handle = openOffline(file);
        } catch (PcapNativeException e) {
            if (!stdin && hasNoInterface(file)) return new FileSource(null, file, name);
            throw new CaptureException(openError(name, file, e), e);
        } catch (LinkageError e) {
            throw Libpcap.missing(e);
        }
        filter.install(handle, name);
        return new FileSource(handle, file, name);
    }

    private static boolean hasNoInterface(Path file) {
        try {
            return PcapngBlocks.isPcapng(file) && PcapngBlocks.walk(file).interfaces() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Says why a file cannot be read: the part of its path that is missing, a directory, no permission. */
    private static void checkReadable(Path file, String name) throws CaptureException {
        Path parent = file.toAbsolutePath().getParent();
        if (!Files.exists(file)) {
            if (parent != null && !Files.isDirectory(parent)) {
                throw new CaptureException(name + ": no such directory " + Libpcap.oneLine(parent.toString()));
            }
            throw new CaptureException(name + ": no such file");
        }
        if (Files.isDirectory(file)) throw new CaptureException(name + ": is a directory, not a capture file");
        if (!Files.isReadable(file)) throw new CaptureException(name + ": permission denied");
    }

    private static PcapHandle openOffline(Path file) throws PcapNativeException {
        try {
            return Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.NANO);
        } catch (PcapNativeException e) {
            // pcap4j's words when the symbol is absent: libpcap before 1.5, or no libpcap at all.
            // Retry at microseconds; without libpcap the retry raises a LinkageError.
            String reason = Libpcap.reason(e);
            if (!reason.contains("pcap_open_offline_with_tstamp_precision")) throw e;
            return Pcaps.openOffline(file.toString());
        }
    }

    private static String openError(String name, Path file, PcapNativeException e) {
        String reason = Libpcap.reason(e);
        if (reason.contains("unknown file format") || reason.contains("bad dump file format")) {
            return name + ": not a pcap or pcapng file";
        }
        try {
            if (Files.size(file) == 0) return name + ": empty file, not a pcap or pcapng file";
        } catch (java.io.IOException ignored) {
            // fall through to libpcap's reason
        }
        // libpcap usually names the file itself; do not say it twice.
        reason = truncationMessage(reason);
        return reason.startsWith(file.toString()) ? reason : name + ": " + reason;
    }

    @Override public int linkType() { return linkType; }

    @Override public int timestampDigits() { return handle == null ? 9 : Libpcap.timestampDigits(handle); } // no packets: any

    @Override public String description() { return name; }

    @Override public void run(PacketSink sink) throws CaptureException {
        if (stopRequested || handle == null) return;
        PcapNativeException e = NextPacket.available() ? NextPacket.loop(handle, sink, unreadable, () -> stopRequested)
                : Libpcap.loop(handle, sink, unreadable);
        if (e == null) return;
        String reason = Libpcap.reason(e);
        if (reason.contains("different from the")) throw notRead(reason);
        throw new CaptureException(name + ": " + truncationMessage(reason), e);
    }

    /** libpcap stopped at a pcapng interface unlike the first: say how many packets that left unread. */
    private CaptureException notRead(String reason) {
        try {
            PcapngBlocks.Layout l = PcapngBlocks.walk(file);
            if (l.differing() != null) {
                return new PacketsNotRead(name + ": " + l.packetsAfterDiffering() + " packets not read: " + l.differing()
                        + "; libpcap reads one link type and snapshot length per file");
            }
        } catch (java.io.IOException ignored) {
            // fall back to libpcap's words
        }
        return new PacketsNotRead(name + ": packets not read: " + reason);
    }

    /** libpcap says "truncated dump file; tried to read 16 header bytes, only got 5". */
    static String truncationMessage(String reason) {
        String prefix = "truncated dump file; ";
        return reason.startsWith(prefix) ? "file is truncated: " + reason.substring(prefix.length()) : reason;
    }

    @Override public void stop() {
        stopRequested = true;
        if (handle != null) Libpcap.breakLoop(handle);
    }

    @Override public long unreadablePackets() { return unreadable.get(); }

    @Override public OptionalLong kernelDrops() { return OptionalLong.empty(); }

    @Override public void close() {
        if (handle == null || !handle.isOpen()) return;
        stop(); // pcap4j's close waits for a running loop to end
        handle.close();
    }
}
