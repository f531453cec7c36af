package io.metricsniff.capture;

/** Receives raw packets from a {@link PacketSource}, one at a time, on the capture thread. */
public interface PacketSink {
    /**
     * @param timeNanos capture time, nanoseconds since the epoch (microsecond captures end in 000)
     * @param data      the captured bytes; owned by the sink from now on (sources never reuse it)
     * @param capLength bytes captured (data.length may be larger)
     * @param origLength length of the packet on the wire; larger than capLength when snaplen cut it
     */
    void packet(long timeNanos, byte[] data, int capLength, int origLength);
}
