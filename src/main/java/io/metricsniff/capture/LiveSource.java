package io.metricsniff.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;

/**
 * Captures from a network device ({@code lo}, {@code eth0}, {@code any}) through libpcap with
 * nanosecond timestamps where the platform has them (microseconds otherwise).
 * {@link #run} blocks the calling thread; {@link #stop} and {@link #kernelDrops} may be called
 * from any other thread.
 */
public final class LiveSource implements PacketSource {
    /**
     * Longest a blocked read waits before libpcap looks at a pending stop again; libpcap 1.10
     * wakes it at once on breakloop, older versions only at this timeout.
     */
    static final int READ_TIMEOUT_MILLIS = 100;

    // pcap_activate() results (pcap/pcap.h).
    private static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    private static final int PCAP_ERROR_PERM_DENIED = -8;
    private static final int PCAP_ERROR_IFACE_NOT_UP = -9;
    private static final int PCAP_ERROR_PROMISC_PERM_DENIED = -11;

    /** Device names libpcap lists that are not network interfaces tcpdump would pick by default. */
    private static final String[] PSEUDO_DEVICE_PREFIXES = {"any", "nflog", "nfqueue", "dbus", "usbmon", "bluetooth"};

    private final PcapHandle handle;
    private final String device;
    private final String description;
    private final int linkType;
    private final AtomicLong unreadable = new AtomicLong();
    private volatile boolean stopRequested;
    private long lastDrops; // guarded by this

    private LiveSource(PcapHandle handle, String device, String filter) {
        this.handle = handle;
        this.device = device;
        this.description = filter == null || filter.isBlank() ? device : device + ": " + Libpcap.oneLine(filter);
        this.linkType = handle.getDlt().value();
    }

    /**
     * Opens {@code device} for capture and installs {@code bpfFilter} (null or blank: everything).
     *
     * @throws CaptureException one line: no such device (naming those there are), no permission,
     *                          device down, bad filter, libpcap missing
     */
    public static LiveSource open(String device, String bpfFilter, LiveOptions opts) throws CaptureException {
        return open(device, LinkFilter.anyLink(bpfFilter), opts);
    }

    /** As {@link #open(String, String, LiveOptions)}, checking the link type before the filter. */
    public static LiveSource open(String device, LinkFilter filter, LiveOptions opts) throws CaptureException {
        if (device == null || device.isBlank()) throw new CaptureException("no capture device given");
        PcapHandle handle;
        try {
            handle = activate(device, opts, true);
        } catch (LinkageError e) {
            throw Libpcap.missing(e);
        }
        filter.install(handle, Libpcap.oneLine(device));
        return new LiveSource(handle, device, filter.expression());
    }

    private static PcapHandle activate(String device, LiveOptions opts, boolean nanos) throws CaptureException {
        PcapHandle.Builder builder = new PcapHandle.Builder(device)
                .snaplen(opts.snapLength())
                .bufferSize(opts.bufferBytes())
                .promiscuousMode(opts.promiscuous() ? PromiscuousMode.PROMISCUOUS : PromiscuousMode.NONPROMISCUOUS)
                .timeoutMillis(READ_TIMEOUT_MILLIS)
                .immediateMode(opts.immediate());
        // pcap4j falls back to microseconds by itself where the kernel lacks nanoseconds.
        if (nanos) builder.timestampPrecision(PcapHandle.TimestampPrecision.NANO);
        try {
            return builder.build();
        } catch (PcapNativeException e) {
            String reason = Libpcap.reason(e);
            // A libpcap older than 1.5 has no pcap_set_tstamp_precision at all.
            if (nanos && reason.contains("pcap_set_tstamp_precision")) return activate(device, opts, false);
            throw new CaptureException(activateError(device, e.getReturnCode(), reason), e);
        }
    }

    private static String activateError(String device, Integer code, String reason) {
        String dev = "'" + Libpcap.oneLine(device) + "'";
        int rc = code == null ? 0 : code;
        if (rc == PCAP_ERROR_NO_SUCH_DEVICE || (rc != PCAP_ERROR_PERM_DENIED && !deviceNames().contains(device))) {
            return "no such device " + dev + " (" + deviceList() + ")";
        }
        if (rc == PCAP_ERROR_PERM_DENIED || rc == PCAP_ERROR_PROMISC_PERM_DENIED
                || reason.contains("Operation not permitted") || reason.contains("Permission denied")) {
            return "no permission to capture on " + dev + ": " + permissionAdvice();
        }
        if (rc == PCAP_ERROR_IFACE_NOT_UP) return "device " + dev + " is down";
        return "cannot capture on " + dev + ": " + reason;
    }

    /**
     * Narrow advice: root, or capture rights for metricsniff alone through scripts/install's
     * launcher (never setcap on the system's java: every Java program would get them, and java
     * with file capabilities no longer finds its libjli.so). The launcher scripts pass the
     * project's directory as metricsniff.home; METRICSNIFF_PREFIX is where scripts/install installs.
     */
    static String permissionAdvice() {
        String home = System.getProperty("metricsniff.home");
        String install = home == null ? "scripts/install --capture' (in metricsniff's source tree)"
                : Path.of(home, "scripts", "install") + " --capture'";
        String prefix = System.getenv().getOrDefault("METRICSNIFF_PREFIX", "/usr/local");
        return "run as root (sudo), or give capture rights to metricsniff alone: as root run '" + install
                + ", then use " + Path.of(prefix, "bin", "metricsniff");
    }

    /** libpcap's own words, for example "libpcap version 1.10.5 (with TPACKET_V3)". */
    public static String libraryVersion() {
        try {
            return Pcaps.libVersion();
        } catch (LinkageError e) {
            return Libpcap.MISSING;
        }
    }

    /**
     * tcpdump -D: one line per device, numbered, with its description and flags.
     *
     * @throws CaptureException libpcap missing or unable to list
     */
    public static List<String> describeDevices() throws CaptureException {
        List<String> lines = new ArrayList<>();
        try {
            int n = 1;
            for (PcapNetworkInterface nif : Pcaps.findAllDevs()) {
                String d = nif.getDescription();
                lines.add(n++ + "." + nif.getName() + (d == null ? "" : " (" + d + ")")
                        + (nif.isLoopBack() ? " [Loopback]" : "") + (nif.isUp() ? " [Up]" : ""));
            }
        } catch (PcapNativeException e) {
            throw new CaptureException("cannot list capture devices: " + Libpcap.reason(e), e);
        } catch (LinkageError e) {
            throw Libpcap.missing(e);
        }
        return lines;
    }

    /** Names of the devices libpcap can capture on, in libpcap's order; empty if it cannot list them. */
    public static List<String> deviceNames() {
        List<String> names = new ArrayList<>();
        try {
            for (PcapNetworkInterface nif : Pcaps.findAllDevs()) names.add(nif.getName());
        } catch (PcapNativeException | LinkageError e) {
            // listing is a courtesy in error messages; an empty list says nothing was found
        }
        return names;
    }

    private static String deviceList() {
        List<String> names = deviceNames();
        return names.isEmpty() ? "libpcap lists no devices" : "devices: " + String.join(", ", names);
    }

    /** What tcpdump picks without {@code -i}: the first device that is up and not loopback. */
    public static String defaultDevice() throws CaptureException {
        List<PcapNetworkInterface> devices;
        try {
            devices = Pcaps.findAllDevs();
        } catch (PcapNativeException e) {
            throw new CaptureException("cannot list capture devices: " + Libpcap.reason(e), e);
        } catch (LinkageError e) {
            throw Libpcap.missing(e);
        }
        for (PcapNetworkInterface nif : devices) {
            if (nif.isUp() && !nif.isLoopBack() && !isPseudoDevice(nif.getName())) return nif.getName();
        }
        throw new CaptureException("no capture device is up (give one with -d; " + deviceList() + ")");
    }

    private static boolean isPseudoDevice(String name) {
        for (String prefix : PSEUDO_DEVICE_PREFIXES) {
            if (name.startsWith(prefix)) return true;
        }
        return false;
    }

    /** How often the interface's up flag is read: a person notices within a second. */
    private static final long LINK_POLL_MILLIS = 250;
    private static final int IFF_UP = 0x1;
    private volatile boolean wentDown;

    @Override public int linkType() { return linkType; }

    @Override public int timestampDigits() { return Libpcap.timestampDigits(handle); }

    @Override public String description() { return description; }

    @Override public void run(PacketSink sink) throws CaptureException {
        if (stopRequested) return;
        Thread watch = watchLink();
        PcapNativeException e;
        try {
            e = Libpcap.loop(handle, sink, unreadable);
        } finally {
            if (watch != null) watch.interrupt();
        }

        // For example "The interface went down" or "The interface disappeared".
        if (e != null && !stopRequested) {
            throw new CaptureException("capture on '" + Libpcap.oneLine(device) + "' stopped: "
                    + Libpcap.reason(e), e);
        }
        if (wentDown) throw new CaptureException("interface '" + Libpcap.oneLine(device) + "' went down during the capture");
    }

    /**
     * libpcap keeps waiting on an interface that is set down (it only fails when the device
     * vanishes), so the administrative state is watched: Linux's /sys/class/net/DEV/flags, IFF_UP.
     * Not for "any" or devices without that file.
     */
    private Thread watchLink() {
        Path flags = Path.of("/sys/class/net", device, "flags");
        if (device.equals("any") || device.contains("/") || !Files.isReadable(flags) || !isUp(flags)) return null;
        Thread t = new Thread(() -> {
            try {
                while (!stopRequested && !wentDown) {
                    Thread.sleep(LINK_POLL_MILLIS);
                    if (!isUp(flags)) {
                        wentDown = true;
                        Libpcap.breakLoop(handle); // libpcap's own error, if it has one, still wins
                    }
                }
            } catch (InterruptedException ignored) {
                // the capture ended
            }
        }, "metricsniff-linkwatch");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static boolean isUp(Path flags) {
        try {
            return (Integer.decode(Files.readString(flags).trim()) & IFF_UP) != 0;
        } catch (IOException | NumberFormatException e) {
            return false; // the device is gone: as good as down
        }
    }

    @Override public void stop() {
        stopRequested = true;
        Libpcap.breakLoop(handle);
    }

    /**
     * libpcap's ps_drop: packets the kernel dropped for lack of buffer space. (ps_recv is not
     * used: on loopback it counts each packet twice, so recv - captured is not a loss.)
     */
    @Override public long unreadablePackets() { return unreadable.get(); }

    @Override public synchronized OptionalLong kernelDrops() {
        try {
            PcapStat stat = handle.getStats();
            lastDrops = stat.getNumPacketsDropped();
        } catch (PcapNativeException | NotOpenException e) {
            // closed or momentarily unavailable: report the last value read
        }
        return OptionalLong.of(lastDrops);
    }

    @Override public synchronized void close() {
        if (!handle.isOpen()) return;
        stop(); // pcap4j's close waits for a running loop to end
        kernelDrops(); // keep the final count readable after close
        handle.close();
    }
}
