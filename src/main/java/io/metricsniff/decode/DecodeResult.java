package io.metricsniff.decode;

/** What {@link PacketDecoder#decode} made of a packet. Everything but OK is counted and skipped. */
public enum DecodeResult {
    /** TCP or UDP over IPv4/IPv6, headers sane: the {@link Packet} is filled. */
    OK,
    /** A well-formed packet we have no use for (ARP, ICMP, a non-first IP fragment...). */
    IGNORED,
    /** Headers cut short by the snapshot length. */
    TRUNCATED,
    /** Header fields that contradict each other or the captured length. */
    CORRUPT,
    /** A link type this tool does not decode. */
    UNSUPPORTED_LINK
}
