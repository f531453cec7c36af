package io.metricsniff.reassembly;

/**
 * The bounds that keep {@link TcpReassembler} memory and work finite whatever peers send. When a
 * limit trips it is counted in the reassembler's statistics and the bytes it costs become gaps.
 *
 * @param maxBufferedPerDirection out-of-order bytes one direction may hold while waiting for a hole
 *                                to fill; past it the oldest hole is given up as a gap
 * @param maxBufferedTotal        out-of-order bytes all directions together may hold
 * @param maxFlows                connections tracked at once; past it the least recently active
 *                                one is ended with {@link EndReason#EVICTED}
 * @param idleTimeoutNanos        a connection with no packet for this long (capture time) is ended
 *                                with {@link EndReason#IDLE}
 * @param maxWindow               a segment starting further than this from the stream position
 *                                (either way, modulo 2^32) is not part of the stream; must be below 2^31
 */
public record ReassemblyLimits(long maxBufferedPerDirection, long maxBufferedTotal, int maxFlows,
                               long idleTimeoutNanos, int maxWindow) {

    /** 1 MiB: several round trips of a fast sender; a hole not filled by then is capture loss. */
    public static final long MAX_BUFFERED_PER_DIRECTION = 1L << 20;
    /** 64 MiB: caps reordering memory across all flows on a small monitoring host. */
    public static final long MAX_BUFFERED_TOTAL = 64L << 20;
    /** 100,000 connections: far above a relay's fan-in, a few tens of MB of flow state. */
    public static final int MAX_FLOWS = 100_000;
    /** 5 minutes: longer than typical metric send intervals, so quiet senders keep their stream. */
    public static final long IDLE_TIMEOUT_NANOS = 5L * 60 * 1_000_000_000L;
    /** 2^30: the largest window TCP can advertise (65535 scaled by 2^14); beyond it is garbage. */
    public static final int MAX_WINDOW = 1 << 30;

    public ReassemblyLimits {
        if (maxBufferedPerDirection < 0 || maxBufferedTotal < 0) {
            throw new IllegalArgumentException("buffer limits must be >= 0");
        }
        if (maxFlows < 1) throw new IllegalArgumentException("maxFlows must be >= 1");
        if (idleTimeoutNanos <= 0) throw new IllegalArgumentException("idleTimeoutNanos must be > 0");
        if (maxWindow < 1 || maxWindow > (1 << 30)) {
            throw new IllegalArgumentException("maxWindow must be in 1..2^30");
        }
    }

    public static ReassemblyLimits defaults() {
        return new ReassemblyLimits(MAX_BUFFERED_PER_DIRECTION, MAX_BUFFERED_TOTAL, MAX_FLOWS,
                IDLE_TIMEOUT_NANOS, MAX_WINDOW);
    }

    public ReassemblyLimits withMaxBufferedPerDirection(long v) {
        return new ReassemblyLimits(v, maxBufferedTotal, maxFlows, idleTimeoutNanos, maxWindow);
    }

    public ReassemblyLimits withMaxBufferedTotal(long v) {
        return new ReassemblyLimits(maxBufferedPerDirection, v, maxFlows, idleTimeoutNanos, maxWindow);
    }

    public ReassemblyLimits withMaxFlows(int v) {
        return new ReassemblyLimits(maxBufferedPerDirection, maxBufferedTotal, v, idleTimeoutNanos, maxWindow);
    }

    public ReassemblyLimits withIdleTimeoutNanos(long v) {
        return new ReassemblyLimits(maxBufferedPerDirection, maxBufferedTotal, maxFlows, v, maxWindow);
    }

    public ReassemblyLimits withMaxWindow(int v) {
        return new ReassemblyLimits(maxBufferedPerDirection, maxBufferedTotal, maxFlows, idleTimeoutNanos, v);
    }
}
