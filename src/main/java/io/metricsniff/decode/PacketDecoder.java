package io.metricsniff.decode;

/**
 * Decodes link layer, IPv4/IPv6 and TCP/UDP headers of one captured packet into a reused
 * {@link Packet}. Reads only within the captured bytes, never throws on any input and allocates
 * nothing. One instance per capture thread (it keeps the link-layer result in fields).
 */
public final class PacketDecoder {
    // libpcap DLT_/LINKTYPE_ values this decoder understands.
    public static final int DLT_NULL = 0;
    public static final int DLT_EN10MB = 1;
    /** DLT_RAW as Linux and most systems define it (pcap_datalink of a LINKTYPE_RAW file on Linux). */
    public static final int DLT_RAW_12 = 12;
    /** DLT_RAW on OpenBSD. */
    public static final int DLT_RAW_14 = 14;
    /** LINKTYPE_RAW, as written in capture files. */
    public static final int DLT_RAW = 101;
    public static final int DLT_LOOP = 108;
    public static final int DLT_LINUX_SLL = 113;
    public static final int DLT_LINUX_SLL2 = 276;
    /** LINKTYPE_IPV4 / LINKTYPE_IPV6: bare IP like RAW, one version only. */
    public static final int DLT_IPV4 = 228;
    public static final int DLT_IPV6 = 229;
    /** The decoded link types by libpcap's names, for error messages. */
    public static final String SUPPORTED_NAMES = "EN10MB, LINUX_SLL, LINUX_SLL2, NULL, LOOP, RAW, IPV4, IPV6";

    /** Stacked VLAN tags (802.1Q/802.1ad/QinQ) followed; real networks use one or two. */
    public static final int MAX_VLAN_TAGS = 8;
    /** IPv6 extension headers followed before giving up; bounds the work per packet. */
    public static final int MAX_IPV6_EXTENSION_HEADERS = 8;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88a8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;

    private static final int ETHERNET_HEADER = 14;
    private static final int VLAN_TAG = 4;
    private static final int SLL_HEADER = 16;
    private static final int SLL2_HEADER = 20;
    private static final int NULL_HEADER = 4;

    private static final int AF_INET = 2;
    // AF_INET6 differs by the OS that wrote the capture: Linux, NetBSD/OpenBSD, FreeBSD, macOS.
    private static final int AF_INET6_LINUX = 10;
    private static final int AF_INET6_BSD = 24;
    private static final int AF_INET6_FREEBSD = 28;
    private static final int AF_INET6_DARWIN = 30;

    private static final int IPV4_MIN_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int TCP_MIN_HEADER = 20;
    private static final int UDP_HEADER = 8;
    private static final int IPV4_MORE_FRAGMENTS = 0x2000;
    private static final int IPV4_OFFSET_MASK = 0x1fff;

    private static final int IPPROTO_HOPOPTS = 0;
    private static final int IPPROTO_TCP = 6;
    private static final int IPPROTO_UDP = 17;
    private static final int IPPROTO_ROUTING = 43;
    private static final int IPPROTO_FRAGMENT = 44;
    private static final int IPPROTO_AH = 51;
    private static final int IPPROTO_DSTOPTS = 60;
    private static final int IPV6_FRAGMENT_HEADER = 8;

    /** Where the network layer starts and which it is (4, 6 or 0 for other), set by the link decoders. */
    private int netOffset;
    private int netVersion;

    /** Whether {@link #decode} reads this link type; a source's link type is fixed, so ask once. */
    public static boolean supports(int linkType) {
        switch (linkType) {
            case DLT_EN10MB: case DLT_LINUX_SLL: case DLT_LINUX_SLL2: case DLT_NULL: case DLT_LOOP:
            case DLT_RAW: case DLT_RAW_12: case DLT_RAW_14: case DLT_IPV4: case DLT_IPV6:
                return true;
            default:
                return false;
        }
    }

    /**
     * Decodes one packet.
     *
     * @param linkType   libpcap DLT_ value of the capture
     * @param data       the captured bytes; becomes {@code out.buf} when OK
     * @param capLength  bytes captured (clamped to data.length)
     * @param origLength bytes on the wire
     * @param out        filled when the result is {@link DecodeResult#OK}; otherwise left in an unspecified state
     */
    public DecodeResult decode(int linkType, byte[] data, int capLength, int origLength, Packet out) {
        if (data == null || out == null) return DecodeResult.CORRUPT;
        int cap = Math.min(capLength, data.length);
        if (cap < 0) return DecodeResult.CORRUPT;
        // Bytes on the wire can never be fewer than the bytes captured.
        int wire = Math.max(origLength, cap);

        DecodeResult link = decodeLink(linkType, data, cap);
        if (link != DecodeResult.OK) return link;
        if (netVersion == 4) return decodeIpv4(data, cap, wire, netOffset, out);
        if (netVersion == 6) return decodeIpv6(data, cap, wire, netOffset, out);
        return DecodeResult.IGNORED;
    }

    private DecodeResult decodeLink(int linkType, byte[] b, int cap) {
        switch (linkType) {
            case DLT_EN10MB:
                if (cap < ETHERNET_HEADER) return DecodeResult.TRUNCATED;
                return etherType(b, cap, ETHERNET_HEADER, u16(b, 12));
            case DLT_LINUX_SLL:
                if (cap < SLL_HEADER) return DecodeResult.TRUNCATED;
                return etherType(b, cap, SLL_HEADER, u16(b, 14));
            case DLT_LINUX_SLL2:
                if (cap < SLL2_HEADER) return DecodeResult.TRUNCATED;
                return etherType(b, cap, SLL2_HEADER, u16(b, 0));
            case DLT_NULL: {
                if (cap < NULL_HEADER) return DecodeResult.TRUNCATED;
                // Host byte order of the machine that captured: AF values are small, so a value
                // with high bytes set was written in the other byte order.
                int af = (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
                if ((af & 0xffff0000) != 0) af = Integer.reverseBytes(af);
                return addressFamily(af);
            }
            case DLT_LOOP: {
                if (cap < NULL_HEADER) return DecodeResult.TRUNCATED;
                return addressFamily(u16(b, 0) << 16 | u16(b, 2));
            }
            case DLT_RAW:
            case DLT_RAW_12:
            case DLT_RAW_14:
                if (cap < 1) return DecodeResult.TRUNCATED;
                netOffset = 0;
                netVersion = (b[0] & 0xff) >>> 4;
                return netVersion == 4 || netVersion == 6 ? DecodeResult.OK : DecodeResult.CORRUPT;
            case DLT_IPV4:
            case DLT_IPV6:
                if (cap < 1) return DecodeResult.TRUNCATED;
                netOffset = 0;
                netVersion = (b[0] & 0xff) >>> 4;
                return netVersion == (linkType == DLT_IPV4 ? 4 : 6) ? DecodeResult.OK : DecodeResult.CORRUPT;
            default:
                return DecodeResult.UNSUPPORTED_LINK;
        }
    }

    private DecodeResult addressFamily(int af) {
        netOffset = NULL_HEADER;
        switch (af) {
            case AF_INET: netVersion = 4; break;
            case AF_INET6_LINUX: case AF_INET6_BSD: case AF_INET6_FREEBSD: case AF_INET6_DARWIN:
                netVersion = 6;
                break;
            default: netVersion = 0;
        }
        return DecodeResult.OK;
    }

    /** Follows VLAN tags from an EtherType field to the network layer. */
    private DecodeResult etherType(byte[] b, int cap, int offset, int type) {
        int tags = 0;
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
            if (++tags > MAX_VLAN_TAGS) return DecodeResult.CORRUPT;
            if (cap < offset + VLAN_TAG) return DecodeResult.TRUNCATED;
            type = u16(b, offset + 2);
            offset += VLAN_TAG;
        }
        netOffset = offset;
        // Anything else (ARP, LLDP, an 802.3 length below 0x0600 for LLC frames) is not ours.
        netVersion = type == ETHERTYPE_IPV4 ? 4 : type == ETHERTYPE_IPV6 ? 6 : 0;
        return netVersion == 0 ? DecodeResult.IGNORED : DecodeResult.OK;
    }

    private static DecodeResult decodeIpv4(byte[] b, int cap, int wire, int ip, Packet out) {
        if (cap < ip + IPV4_MIN_HEADER) return wire < ip + IPV4_MIN_HEADER ? DecodeResult.CORRUPT : DecodeResult.TRUNCATED;
        int first = b[ip] & 0xff;
        if (first >>> 4 != 4) return DecodeResult.CORRUPT;
        int headerLength = (first & 0x0f) * 4;
        if (headerLength < IPV4_MIN_HEADER) return DecodeResult.CORRUPT;
        int totalLength = u16(b, ip + 2);
        // TSO/GSO: a capture on the sending host may show 0 here; the frame length is what was sent.
        if (totalLength == 0) totalLength = wire - ip;
        if (totalLength < headerLength) return DecodeResult.CORRUPT;
        int ipEnd = ip + totalLength;
        if (ipEnd > wire) return DecodeResult.CORRUPT; // claims more bytes than the link carried
        if (cap < ip + headerLength) return DecodeResult.TRUNCATED;
        int fragment = u16(b, ip + 6);
        if ((fragment & (IPV4_MORE_FRAGMENTS | IPV4_OFFSET_MASK)) != 0) return DecodeResult.IGNORED;
        int protocol = b[ip + 9] & 0xff;
        if (protocol != IPPROTO_TCP && protocol != IPPROTO_UDP) return DecodeResult.IGNORED;
        out.ipVersion = 4;
        System.arraycopy(b, ip + 12, out.srcAddr, 0, 4);
        System.arraycopy(b, ip + 16, out.dstAddr, 0, 4);
        return decodeTransport(b, cap, ip + headerLength, ipEnd, protocol, out);
    }

    private static DecodeResult decodeIpv6(byte[] b, int cap, int wire, int ip, Packet out) {
        if (cap < ip + IPV6_HEADER) return wire < ip + IPV6_HEADER ? DecodeResult.CORRUPT : DecodeResult.TRUNCATED;
        if ((b[ip] & 0xff) >>> 4 != 6) return DecodeResult.CORRUPT;
        int payloadLength = u16(b, ip + 4);
        // 0 means a jumbogram or a TSO/GSO capture; take the frame length.
        int ipEnd = payloadLength == 0 ? wire : ip + IPV6_HEADER + payloadLength;
        if (ipEnd > wire) return DecodeResult.CORRUPT;
        int next = b[ip + 6] & 0xff;
        int offset = ip + IPV6_HEADER;
        for (int n = 0; next != IPPROTO_TCP && next != IPPROTO_UDP; n++) {
            if (n >= MAX_IPV6_EXTENSION_HEADERS) return DecodeResult.IGNORED;
            int length;
            if (next == IPPROTO_HOPOPTS || next == IPPROTO_ROUTING || next == IPPROTO_DSTOPTS) {
                if (offset + 2 > ipEnd) return DecodeResult.CORRUPT;
                if (offset + 2 > cap) return DecodeResult.TRUNCATED;
                length = ((b[offset + 1] & 0xff) + 1) * 8;
            } else if (next == IPPROTO_AH) {
                if (offset + 2 > ipEnd) return DecodeResult.CORRUPT;
                if (offset + 2 > cap) return DecodeResult.TRUNCATED;
                length = ((b[offset + 1] & 0xff) + 2) * 4;
            } else if (next == IPPROTO_FRAGMENT) {
                if (offset + IPV6_FRAGMENT_HEADER > ipEnd) return DecodeResult.CORRUPT;
                if (offset + IPV6_FRAGMENT_HEADER > cap) return DecodeResult.TRUNCATED;
                // Offset != 0 or more-fragments set: part of a fragmented datagram. An atomic
                // fragment (both zero) carries a whole datagram and is decoded.
                if ((u16(b, offset + 2) & 0xfff9) != 0) return DecodeResult.IGNORED;
                length = IPV6_FRAGMENT_HEADER;
            } else {
                return DecodeResult.IGNORED; // ICMPv6, ESP, no-next-header...
            }
            if (offset + length > ipEnd) return DecodeResult.CORRUPT;
            next = b[offset] & 0xff;
            offset += length;
        }
        out.ipVersion = 6;
        System.arraycopy(b, ip + 8, out.srcAddr, 0, 16);
        System.arraycopy(b, ip + 24, out.dstAddr, 0, 16);
        return decodeTransport(b, cap, offset, ipEnd, next, out);
    }

    /** TCP or UDP header at {@code l4}; the datagram ends at {@code ipEnd} on the wire. */
    private static DecodeResult decodeTransport(byte[] b, int cap, int l4, int ipEnd, int protocol, Packet out) {
        int payloadOffset;
        int payloadEnd;
        if (protocol == IPPROTO_TCP) {
            if (l4 + TCP_MIN_HEADER > ipEnd) return DecodeResult.CORRUPT;
            if (l4 + TCP_MIN_HEADER > cap) return DecodeResult.TRUNCATED;
            int headerLength = ((b[l4 + 12] & 0xff) >>> 4) * 4;
            if (headerLength < TCP_MIN_HEADER || l4 + headerLength > ipEnd) return DecodeResult.CORRUPT;
            if (l4 + headerLength > cap) return DecodeResult.TRUNCATED;
            out.protocol = Packet.TCP;
            out.seq = u32(b, l4 + 4);
            out.ack = u32(b, l4 + 8);
            out.tcpFlags = b[l4 + 13] & 0xff;
            out.window = u16(b, l4 + 14);
            payloadOffset = l4 + headerLength;
            payloadEnd = ipEnd;
        } else {
            if (l4 + UDP_HEADER > ipEnd) return DecodeResult.CORRUPT;
            if (l4 + UDP_HEADER > cap) return DecodeResult.TRUNCATED;
            int udpLength = u16(b, l4 + 4);
            if (udpLength < UDP_HEADER || l4 + udpLength > ipEnd) return DecodeResult.CORRUPT;
            out.protocol = Packet.UDP;
            out.seq = 0;
            out.ack = 0;
            out.tcpFlags = 0;
            out.window = 0;
            payloadOffset = l4 + UDP_HEADER;
            payloadEnd = l4 + udpLength;
        }
        out.srcPort = u16(b, l4);
        out.dstPort = u16(b, l4 + 2);
        out.buf = b;
        out.payloadOffset = payloadOffset;
        int captured = Math.min(cap, payloadEnd) - payloadOffset;
        out.payloadLength = Math.max(captured, 0);
        out.payloadMissing = payloadEnd - payloadOffset - out.payloadLength;
        return DecodeResult.OK;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xff) << 24) | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }
}
