package io.metricsniff.capture;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;

/**
 * Reads a file's packets with {@code pcap_next_ex}, one direct JNA call per packet, instead of
 * pcap4j's loop, whose JNA callback, JNA structures and per-packet {@code Timestamp} cost ~3.5 us
 * a packet (measured: 2.7 s of CPU for the 756,499 packets of scripts/bench's 2 M-path capture,
 * 1.2 s this way). pcap4j still opens the file, installs the filter and closes it; it exposes no
 * {@code pcap_t *}, so it is read from its handle's field. Where that fails (another pcap4j),
 * {@link #available} is false and the caller keeps pcap4j's loop.
 */
final class NextPacket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int MICROS_TO_NANOS = 1_000;
    /** pcap_next_ex: a packet was read; 0 (timeout) never happens on a file; -2: the end or a break. */
    private static final int READ = 1, ERROR = -1;
    // struct pcap_pkthdr: struct timeval (two C longs), then caplen and len (32 bits each)
    private static final int USEC_AT = NativeLong.SIZE, CAPLEN_AT = 2 * NativeLong.SIZE, LEN_AT = CAPLEN_AT + 4;

    private static final Field HANDLE = handleField();
    private static final boolean BOUND = bind();

    private NextPacket() { }

    private static native int pcap_next_ex(Pointer pcap, Pointer header, Pointer data);

    private static native String pcap_geterr(Pointer pcap);

    /** Whether packets can be read this way (libpcap bound, pcap4j's handle readable). */
    static boolean available() { return BOUND && HANDLE != null; }

    /**
     * Hands every packet to {@code sink} until the end of the file or {@code stopped}; a packet
     * whose timestamp cannot be a time (fraction of a second out of range) is counted in
     * {@code unreadable}, as pcap4j's loop counts it.
     *
     * @return libpcap's read error (a truncated or inconsistent file), or null
     */
    static PcapNativeException loop(PcapHandle handle, PacketSink sink, AtomicLong unreadable, BooleanSupplier stopped) {
        Pointer pcap = pcapT(handle);
        boolean micro = handle.getTimestampPrecision() == PcapHandle.TimestampPrecision.MICRO;
        Memory out = new Memory(2L * Native.POINTER_SIZE);
        Pointer dataOut = out.share(Native.POINTER_SIZE);
        Pointer header = new Pointer(0), data = new Pointer(0); // re-aimed at each packet
        int r = READ;
        while (!stopped.getAsBoolean() && (r = pcap_next_ex(pcap, out, dataOut)) >= READ) {
            Pointer.nativeValue(header, address(out, 0));
            Pointer.nativeValue(data, address(out, Native.POINTER_SIZE));
            int fraction = fraction(header, micro);
            if (fraction < 0) {
                unreadable.incrementAndGet();
                continue;
            }
            long nanos = cLong(header, 0) * NANOS_PER_SECOND + fraction; // seconds: signed 32 bits in the file
            int caplen = header.getInt(CAPLEN_AT);
            byte[] bytes = new byte[caplen];
            data.read(0, bytes, 0, caplen);
            sink.packet(nanos, bytes, caplen, header.getInt(LEN_AT));
        }
        return r == ERROR && !stopped.getAsBoolean() ? new PcapNativeException(pcap_geterr(pcap)) : null;
    }

    /**
     * The timestamp's fraction in nanoseconds, or -1 when it is not one: pcap4j reads it as a C long
     * cut to an int, and {@code Timestamp.setNanos} refuses it outside 0..999,999,999.
     */
    private static int fraction(Pointer header, boolean micro) {
        int fraction = (int) cLong(header, USEC_AT);
        if (micro) fraction *= MICROS_TO_NANOS;
        return fraction < 0 || fraction >= NANOS_PER_SECOND ? -1 : fraction;
    }

    private static long cLong(Pointer p, long offset) {
        return NativeLong.SIZE == Long.BYTES ? p.getLong(offset) : p.getInt(offset);
    }

    private static long address(Pointer p, long offset) {
        return Native.POINTER_SIZE == Long.BYTES ? p.getLong(offset) : p.getInt(offset) & 0xFFFF_FFFFL;
    }

    private static Pointer pcapT(PcapHandle handle) {
        try {
            return (Pointer) HANDLE.get(handle);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e); // made accessible in handleField
        }
    }

    private static Field handleField() {
        try {
            Field f = PcapHandle.class.getDeclaredField("handle");
            if (f.getType() != Pointer.class) return null;
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The same libpcap pcap4j loaded (its library name property, as pcap4j reads it). */
    private static boolean bind() {
        try {
            Native.register(NextPacket.class, NativeLibrary.getInstance(System.getProperty("org.pcap4j.core.pcapLibName", "pcap")));
            return true;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }
}
