package io.metricsniff.capture;

import java.util.OptionalLong;

/** A live device or a capture file, already opened and filtered. */
public interface PacketSource extends AutoCloseable {
    /** libpcap's DLT_ value of the link layer, for example 1 (EN10MB) or 113 (LINUX_SLL). */
    int linkType();

    /** What is captured, for headers and status lines: {@code lo: port 2003} or a file name. */
    String description();

    /**
     * Delivers packets to the sink until the file ends or {@link #stop()} is called. A truncated or
     * corrupt file ends the run with a CaptureException after the packets read so far were delivered.
     */
    void run(PacketSink sink) throws CaptureException;

    /** Asks {@link #run} to return soon; safe from any thread (signal handlers, the UI). */
    void stop();

    /**
     * Fraction digits the timestamps carry: 9 when libpcap delivers nanoseconds (it scales a
     * microsecond file up), 6 with a libpcap older than 1.5. Taken from the handle, so a stream
     * ({@code -I -}) is never read twice.
     */
    int timestampDigits();

    /**
     * Packets libpcap delivered that could not be turned into a record (an impossible timestamp):
     * counted as corrupt, never handed to the sink. Read after {@link #run} returned.
     */
    long unreadablePackets();

    /** Packets the kernel dropped (libpcap's ps_drop); empty for files. */
    OptionalLong kernelDrops();

    @Override void close();
}
