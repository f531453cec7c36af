package io.metricsniff.reassembly;

/**
 * A direction that starts without a SYN holds its first payload segments before delivering, so
 * a segment reordered ahead of an earlier one at capture start is not lost: the stream starts at
 * the lowest sequence number held. This keeps when the hold ends and how far the held span reaches.
 */
final class MidstreamHold {
    /** Hold this many payload segments (or {@link #MIDSTREAM_HOLD_NANOS}) before delivering. */
    static final int MIDSTREAM_HOLD_SEGMENTS = 4;
    /** 1 s: capture-start reordering is within milliseconds; a quiet sender's data waits no longer. */
    static final long MIDSTREAM_HOLD_NANOS = 1_000_000_000L;
    /**
     * 1 MiB: how far before the first data held a SYN captured late may start and still be taken
     * for this stream's start; far more than capture reordering moves a SYN, far less than 2^32.
     */
    static final int LATE_START_DISTANCE = 1 << 20;

    private int count;
    /** Capture time the hold began. */
    long since;
    private long high; // end of the highest byte held

    void start(long t) {
        count = 0;
        since = t;
        high = 0;
    }

    /** Whether a start at {@code abs} keeps the held span within {@code window}. */
    boolean spans(long abs, int window) { return high - abs <= window; }

    void extend(long end) { high = Math.max(high, end); }

    /** One more segment held at {@code t}: true when the hold has had enough segments or time. */
    boolean full(long t) { return ++count >= MIDSTREAM_HOLD_SEGMENTS || expired(t); }

    boolean expired(long now) { return now - since >= MIDSTREAM_HOLD_NANOS; }
}
