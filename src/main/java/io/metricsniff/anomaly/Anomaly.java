package io.metricsniff.anomaly;

/**
 * Every way the capture path can lose, skip or refuse bytes or packets, as a stable code (the
 * summary key) and a one-line reason, like Zeek's weirds or Wireshark's expert info. The first
 * eight are contract keys that every summary carries, in this order; the rest appear when they
 * happened. Codes never change once released: scripts read them.
 */
public enum Anomaly {
    GAP_BYTES("gap_bytes", "bytes of a TCP direction missing from the capture", true),
    SKIPPED_BYTES("skipped_bytes", "captured bytes no decoder could read (binary junk, resynchronising)", true),
    QUEUE_DROPS("queue_drops", "packets dropped because processing fell behind the live capture", true),
    TRUNCATED_PACKETS("truncated_packets", "packets whose headers the snapshot length cut short", true),
    CORRUPT_PACKETS("corrupt_packets", "packets with contradictory headers or an impossible timestamp", true),
    IGNORED_PACKETS("ignored_packets", "packets that are not TCP/UDP over IP, fragments, or not metric traffic", true),
    OVERLAP_CONFLICTS("overlap_conflicts", "retransmitted TCP bytes that differ from the first copy (first copy kept)", true),
    EVICTED_FLOWS("evicted_flows", "TCP flows dropped to stay within the flow-table limit", true),
    UNKNOWN_STREAMS("unknown_streams", "TCP directions and datagrams sent to a port --protocol auto does not map", false),
    FLOW_BUFFER_LIMIT("flow_buffer_limit_hits", "out-of-order data over one flow's buffer limit, skipped as a gap", false),
    TOTAL_BUFFER_LIMIT("total_buffer_limit_hits", "out-of-order data over the all-flows buffer limit, skipped as a gap", false),
    OUT_OF_WINDOW("out_of_window_segments", "TCP segments far outside the expected window, not placed", false),
    AFTER_FIN_BYTES("after_fin_bytes", "bytes a sender put after its own FIN (conflicting FINs), dropped", false),
    RIEMANN_OVERSIZED_FRAMES("riemann_oversized_frames",
            "Riemann frames over metricsniff's buffer limit (Riemann reads them): the rest of their connection skipped", false),
    HOP_PENDING_EVICTED("hop_pending_evicted", "datapoints a hop had pending past its limit (--hop-max-pending), settled unresolved", false),
    HOP_DESTINATIONS_LIMIT("hop_destinations_limit_hits", "destinations past the limit of those watched for hop causes", false),
    HOP_ROUTES_LIMIT("hop_routes_limit_hits", "names past the limit of those whose route a hop remembers", false),
    REPORT_DROPPED_LINES("report_dropped_lines", "--report-to lines dropped: the receiver was unreachable longer than the report buffer holds", false);

    private final String code;
    private final String reason;
    private final boolean alwaysShown;

    Anomaly(String code, String reason, boolean alwaysShown) {
        this.code = code;
        this.reason = reason;
        this.alwaysShown = alwaysShown;
    }

    /** The stable summary key. */
    public String code() { return code; }

    /** What happened, in one line. */
    public String reason() { return reason; }

    /** A contract key: in every summary, zero included. Others only when they happened. */
    public boolean alwaysShown() { return alwaysShown; }
}
