package io.metricsniff.decode;

/**
 * A decoded view over one captured packet: addresses, ports, TCP header fields and where the
 * payload sits in the original buffer. Mutable and reused by {@link PacketDecoder} so that the
 * per-packet path allocates nothing it does not keep.
 */
public final class Packet {
    public static final int TCP = 6;
    public static final int UDP = 17;

    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;

    /** 4 or 6. */
    public int ipVersion;
    /** Source and destination addresses live in these buffers at offset 0 (4 or 16 bytes used). */
    public final byte[] srcAddr = new byte[16];
    public final byte[] dstAddr = new byte[16];
    public int srcPort, dstPort;
    /** {@link #TCP} or {@link #UDP}. */
    public int protocol;
    /** TCP only: sequence and acknowledgement numbers as unsigned 32-bit values. */
    public long seq, ack;
    public int tcpFlags;
    /** TCP only: the advertised window as on the wire (unscaled; 0 means the receiver stopped reading). */
    public int window;
    /** The buffer the payload lives in (the captured packet itself). */
    public byte[] buf;
    public int payloadOffset, payloadLength;
    /**
     * Payload bytes that were on the wire but not captured (snaplen). For TCP this is a hole in the
     * stream of that many bytes right after the captured payload.
     */
    public int payloadMissing;

    public int addrLength() { return ipVersion == 6 ? 16 : 4; }
    public Endpoint src() { return Endpoint.of(srcAddr, 0, addrLength(), srcPort); }
    public Endpoint dst() { return Endpoint.of(dstAddr, 0, addrLength(), dstPort); }
    public boolean has(int flag) { return (tcpFlags & flag) != 0; }
}
