package io.metricsniff.capture;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import java.sql.Timestamp;
import java.util.concurrent.atomic.AtomicLong;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.RawPacketListener;

/** What FileSource and LiveSource share: filters, one-line error text, the read loop and its per-packet hand-off. */
final class Libpcap {
    static final String MISSING =
            "libpcap is not installed or cannot be loaded: install it with 'apt-get install libpcap0.8'";

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MILLIS_PER_SECOND = 1_000L;

    /** The listener of the loop running on this thread, for failures thrown before it is called. */
    private static final ThreadLocal<SinkListener> LOOPING = new ThreadLocal<>();
    private static volatile boolean callbackHandlerInstalled;

    private Libpcap() { }

    /** 9 fraction digits when the handle delivers nanoseconds, else 6. */
    static int timestampDigits(PcapHandle handle) {
        return handle.getTimestampPrecision() == PcapHandle.TimestampPrecision.NANO ? 9 : 6;
    }

    /** JNA failed to load libpcap (UnsatisfiedLinkError, then NoClassDefFoundError on later use). */
    static CaptureException missing(LinkageError e) {
        return new CaptureException(MISSING, e);
    }

    /** Compiles and installs the filter (blank: capture everything); closes the handle when that fails. */
    static void applyFilterOrClose(PcapHandle handle, String filter) throws CaptureException {
        try {
            applyFilter(handle, filter);
        } catch (CaptureException e) {
            handle.close();
            throw e;
        }
    }

    /** Compiles and installs the filter; on failure the handle keeps the filter it had. */
    static void applyFilter(PcapHandle handle, String filter) throws CaptureException {
        if (filter == null || filter.isBlank()) return;
        BpfProgram program;
        try {
            program = handle.compileFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE,
                    PcapHandle.PCAP_NETMASK_UNKNOWN);
        } catch (PcapNativeException e) {
            throw new CaptureException("bad filter '" + oneLine(filter) + "': " + reason(e), e);
        } catch (NotOpenException e) {
            throw new CaptureException("capture closed while setting the filter", e);
        }
        try {
            handle.setFilter(program);
        } catch (PcapNativeException e) {
            throw new CaptureException("cannot set filter '" + oneLine(filter) + "': " + reason(e), e);
        } catch (NotOpenException e) {
            throw new CaptureException("capture closed while setting the filter", e);
        } finally {
            program.free();
        }
    }

    /** libpcap's own words, without pcap4j's prefixes, on one line. */
    static String reason(PcapNativeException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return "unknown libpcap error";
        for (String prefix : new String[] {"Error occurred: ", "Error occurred in pcap_compile: ",
                "Error occurred in pcap_setfilter: ", "Failed to set filter: ", "Unexpected error occurred: "}) {
            if (m.startsWith(prefix)) m = m.substring(prefix.length());
        }
        return oneLine(m.strip());
    }

    static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * Hands every packet to {@code sink} until the input ends, {@link #breakLoop} or a close from
     * another thread. A failure the sink raised is rethrown; a libpcap read error is returned (null
     * when there was none) for the caller to put in its own words. A packet pcap4j cannot turn into
     * a record (an impossible timestamp) is counted in {@code unreadable} and the loop goes on.
     */
    static PcapNativeException loop(PcapHandle handle, PacketSink sink, AtomicLong unreadable) {
        installCallbackHandler();
        SinkListener listener = new SinkListener(handle, sink, unreadable);
        LOOPING.set(listener);
        try {
            handle.loop(-1, listener);
        } catch (InterruptedException e) {
            // breakLoop(): a stop, or the sink failed (rethrown below)
        } catch (PcapNativeException e) {
            rethrow(listener.failure);
            return e;
        } catch (NotOpenException e) {
            // closed from another thread: nothing more to read
        } finally {
            LOOPING.remove();
        }
        rethrow(listener.failure);
        return null;
    }

    /**
     * pcap4j builds each packet's timestamp in its native callback before our listener runs; a
     * record with nanoseconds >= 10^9 throws there, and JNA would print a stack trace and lose the
     * packet. JNA hands such failures to one process-wide handler, called on the looping thread.
     */
    private static void installCallbackHandler() {
        if (callbackHandlerInstalled) return;
        synchronized (Libpcap.class) {
            if (callbackHandlerInstalled) return;
            Callback.UncaughtExceptionHandler previous = Native.getCallbackExceptionHandler();
            Native.setCallbackExceptionHandler((callback, failure) -> {
                SinkListener l = LOOPING.get();
                if (l != null) l.unreadable.incrementAndGet(); // counted; libpcap goes on with the next record
                else previous.uncaughtException(callback, failure); // not a capture loop of ours
            });
            callbackHandlerInstalled = true;
        }
    }

    /** Ends a running {@link #loop}; nothing to do when the handle is closed already. */
    static void breakLoop(PcapHandle handle) {
        try {
            handle.breakLoop();
        } catch (NotOpenException ignored) {
            // closed: the loop has ended or will not start
        }
    }

    /** Rethrows a failure the sink raised inside the loop (pcap4j would otherwise log and drop it). */
    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        if (t != null) throw new IllegalStateException(t);
    }

    /**
     * pcap4j's raw listener: reads the timestamp and original length pcap4j stored for this packet
     * and hands the bytes to the sink. Nothing else happens per packet.
     */
    private static final class SinkListener implements RawPacketListener {
        private final PcapHandle handle;
        private final PacketSink sink;
        /** Packets pcap4j failed on before calling us. */
        final AtomicLong unreadable;
        /** Set when the sink threw; pcap4j swallows exceptions thrown by listeners. */
        Throwable failure;

        SinkListener(PcapHandle handle, PacketSink sink, AtomicLong unreadable) {
            this.handle = handle;
            this.sink = sink;
            this.unreadable = unreadable;
        }

        @Override public void gotPacket(byte[] data) {
            if (failure != null) return;
            Timestamp ts = handle.getTimestamp();
            // getTime() holds whole seconds plus milliseconds; getNanos() holds the whole fraction.
            long nanos = Math.floorDiv(ts.getTime(), MILLIS_PER_SECOND) * NANOS_PER_SECOND + ts.getNanos();
            try {
                sink.packet(nanos, data, data.length, handle.getOriginalLength());
            } catch (RuntimeException | Error e) {
                failure = e;
                breakLoop(handle);
            }
        }
    }
}
