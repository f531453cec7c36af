package io.metricsniff.reassembly;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.decode.Packet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * Turns TCP segments into one ordered byte stream per direction, in the manner of Zeek's
 * reassembler: it knows nothing of the application and reports every hole as an explicit gap.
 *
 * <p>Policies, in one place:
 * <ul>
 * <li><b>Connections.</b> A connection is created by a SYN or by payload; pure ACK/FIN/RST
 *     segments of unknown connections are ignored. The flow table is keyed by the 4-tuple
 *     independent of direction, looked up without allocating, and kept in least-recently-active
 *     order: past {@link ReassemblyLimits#maxFlows()} the oldest is ended with
 *     {@link EndReason#EVICTED}; {@link #expireIdle} ends those quiet for the idle timeout with
 *     {@link EndReason#IDLE}. Closed connections stay in the table (without buffers) for
 *     {@link #CLOSED_LINGER_NANOS}, so late retransmissions of a closed connection are absorbed
 *     rather than starting a new one; when the table is full they are the first to go.</li>
 * <li><b>Opening.</b> The factory is asked when a direction first carries a SYN or payload
 *     (for a midstream start: when its hold ends, see below). {@code midstream} is false when the
 *     SYN was seen, or the peer's SYN-ACK told where the data starts; a null handler makes the
 *     direction skipped (only its FIN/RST are tracked).</li>
 * <li><b>Midstream start.</b> Without a SYN the stream starts at the lowest sequence number among
 *     its first {@value MidstreamHold#MIDSTREAM_HOLD_SEGMENTS} payload segments: those are held
 *     (copied) until that many arrived, a second of capture time passed (checked on the next
 *     packet or {@link #expireIdle}), an ACK past them was believed, a FIN/RST or a limit; so a
 *     segment reordered at capture start is not lost. A SYN (or SYN-ACK) captured after the first
 *     data but starting just before it ends the hold: the stream then starts there, not
 *     midstream.</li>
 * <li><b>Overlaps.</b> The first copy of a byte wins. Where a retransmission overlaps bytes still
 *     buffered and differs, it is counted in {@link ReassemblyStats#overlapConflicts()}. Bytes
 *     already delivered are not kept, so overlaps with them cannot be compared.</li>
 * <li><b>Holes</b> wait for a retransmission until: the peer acknowledged past them and the
 *     stream made no progress for {@value AckGrace#ACK_GRACE_PACKETS} packets of the connection
 *     (the capture lost bytes the receiver got; the grace covers ACKs captured before their
 *     data), a buffer limit is reached (the oldest hole goes first), an
 *     RST, idle expiry, eviction or {@link #finish}. Then they become {@code gap(bytes)} and the
 *     buffered bytes after them are delivered. Payload cut by the snapshot length is a hole that is
 *     given up at once.</li>
 * <li><b>FIN</b> ends a direction after every byte before the FIN's sequence number was delivered
 *     (or given up as a gap). When a stream ends early for another cause after its FIN was seen,
 *     the reason is still FIN: all bytes up to it are accounted for.</li>
 * <li><b>RST</b> from either side ends both directions at once.</li>
 * <li><b>SYN</b> retransmits (same ISN) are ignored. A SYN with another ISN, a SYN on a closed
 *     connection or a SYN on a direction already carrying data (unless it is a late SYN of a held
 *     midstream start) starts a new connection on the tuple; a still-open old one is ended as by {@link EndReason#RST} (it vanished unseen).</li>
 * <li><b>Sequence numbers</b> are compared by signed 32-bit difference from the next expected
 *     byte, so wrap-around needs no special case. A segment more than
 *     {@link ReassemblyLimits#maxWindow()} away is garbage and dropped (counted) unless
 *     {@value ResyncRun#RESYNC_SEGMENTS} consecutive ones agree on a new position: then the
 *     stream moves there with a gap (capture loss larger than a window).</li>
 * <li><b>Keep-alives</b> (0 or 1 byte at the last acknowledged seq - 1) and zero-window probes are
 *     never delivered twice: old bytes are dropped by position.</li>
 * <li><b>Memory.</b> In-order bytes go to the handler from the packet buffer; only bytes after a
 *     hole are copied. Buffered bytes are charged with
 *     {@value SegmentBuffer#SEGMENT_COST} bytes of bookkeeping per range, and bounded per direction
 *     and in total: a direction that needs room it cannot get gives up its own oldest hole (or
 *     skips to the new segment), so one busy flow cannot make another lose bytes it already holds.
 *     Flows are bounded by count.</li>
 * </ul>
 * Not thread-safe: call from the one processing thread.
 */
public final class TcpReassembler {
    /**
     * 30 s: a closed connection stays this long to absorb late copies of its packets (a few
     * retransmission timeouts), then leaves the table so churn cannot crowd out live flows.
     */
    public static final long CLOSED_LINGER_NANOS = 30L * 1_000_000_000L;

    private final StreamHandlerFactory factory;
    private final ReassemblyLimits limits;
    private final ReassemblyStats stats;

    private final LinkedHashMap<FlowKey, Connection> flows = new LinkedHashMap<>(1024, 0.75f, true);
    private final FlowKey probe = new FlowKey();
    /** Closed connections in closing order: removed after the linger, or first when the table is full. */
    private final ArrayDeque<Connection> closed = new ArrayDeque<>();
    /** Directions holding a midstream start, oldest first, for the hold timer. */
    private final ArrayDeque<HalfStream> holding = new ArrayDeque<>();

    /**
     * @param stats where every part of the reassembler counts; the caller reads it for the summary
     */
    public TcpReassembler(StreamHandlerFactory factory, ReassemblyLimits limits, ReassemblyStats stats) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    public TcpReassembler(StreamHandlerFactory factory, ReassemblyLimits limits) {
        this(factory, limits, new ReassemblyStats());
    }

    public TcpReassembler(StreamHandlerFactory factory) {
        this(factory, ReassemblyLimits.defaults());
    }

    /** One decoded packet; anything but TCP is ignored. */
    public void segment(Packet p, long timeNanos) {
        if (p.protocol != Packet.TCP) return;
        boolean fromA = probe.set(p);
        Connection c = flows.get(probe);
        int flags = p.tcpFlags;
        boolean syn = (flags & Packet.SYN) != 0;
        boolean hasData = p.payloadLength > 0 || p.payloadMissing > 0;
        if (c == null) {
            if (!syn && !hasData || (flags & Packet.RST) != 0) return; // nothing to start or end
            c = create(p, fromA, timeNanos);
        }
        c.lastSeen = timeNanos;
        c.packets++;
        if ((flags & Packet.RST) != 0) {
            close(c, EndReason.RST, fromA, timeNanos);
            return;
        }
        c = directions(c, p, fromA, timeNanos);
        if (c.open && c.bothEnded()) closed(c, timeNanos);
    }

    /** Hands one segment's SYN, ACK, payload and FIN to its directions; returns the connection it went to. */
    private Connection directions(Connection c, Packet p, boolean fromA, long timeNanos) {
        int flags = p.tcpFlags;
        boolean syn = (flags & Packet.SYN) != 0;
        HalfStream out = fromA ? c.ab : c.ba;
        int seq = (int) p.seq;
        if (syn) {
            if (out.synSeen) {
                if (seq != out.isn) {
                    c = reuse(c, p, fromA, timeNanos);
                    out = fromA ? c.ab : c.ba;
                }
            } else if (!c.open || (out.state() != OrderedStream.State.NEW && !(out.startKnown && seq + 1 == out.startSeq)
                    && !out.adoptStart(seq + 1, timeNanos))) {
                c = reuse(c, p, fromA, timeNanos);
                out = fromA ? c.ab : c.ba;
            }
            if (!out.synSeen) out.onSyn(seq, timeNanos);
            if ((flags & Packet.ACK) != 0) (fromA ? c.ba : c.ab).inferStart((int) p.ack, timeNanos);
            seq++; // the SYN takes one sequence number
        }
        if ((flags & Packet.ACK) != 0) (fromA ? c.ba : c.ab).onPeerAck((int) p.ack, c.packets);
        if (p.payloadLength > 0 || p.payloadMissing > 0) {
            boolean fresh = out.state() == OrderedStream.State.NEW;
            out.onData(seq, p.buf, p.payloadOffset, p.payloadLength, p.payloadMissing, timeNanos);
            // it began a midstream hold (which may already have ended: the timer checks)
            if (fresh && !out.startKnown && out.state() != OrderedStream.State.NEW) holding(out, timeNanos);
        }
        if ((flags & Packet.FIN) != 0) out.onFin(seq + p.payloadLength + p.payloadMissing, timeNanos);
        if (c.ab.ackPending()) c.ab.checkAck(c.packets, timeNanos);
        if (c.ba.ackPending()) c.ba.checkAck(c.packets, timeNanos);
        return c;
    }

    /** Ends connections that saw no packet for the idle timeout. {@code nowNanos} is capture time. */
    public void expireIdle(long nowNanos) {
        while (!holding.isEmpty() && nowNanos - holding.peekFirst().holdSince() >= MidstreamHold.MIDSTREAM_HOLD_NANOS) {
            holding.pollFirst().holdExpired(nowNanos);
        }
        while (!closed.isEmpty() && nowNanos - closed.peekFirst().closedAt >= CLOSED_LINGER_NANOS) {
            forget(closed.pollFirst());
        }
        Iterator<Connection> it = flows.values().iterator();
        while (it.hasNext()) {
            Connection c = it.next();
            if (nowNanos - c.lastSeen < limits.idleTimeoutNanos()) break; // the rest are more recent
            it.remove();
            if (c.open) {
                stats.idleExpiries++;
                close(c, EndReason.IDLE, true, nowNanos);
            }
        }
    }

    /** The capture ended: every open direction gets its gaps, its buffered data and CAPTURE_END. */
    public void finish(long timeNanos) {
        List<Connection> all = new ArrayList<>(flows.values());
        flows.clear();
        for (Connection c : all) close(c, EndReason.CAPTURE_END, true, timeNanos);
        closed.clear();
        holding.clear();
    }

    private Connection create(Packet p, boolean fromA, long now) {
        if (flows.size() >= limits.maxFlows()) evictOldest(now);
        Endpoint s = p.src(), d = p.dst();
        FlowKey key = probe.copy();
        Connection c = fromA ? new Connection(key, s, d, now, factory, limits, stats)
                : new Connection(key, d, s, now, factory, limits, stats);
        flows.put(key, c);
        stats.connections++;
        stats.activeFlows++;
        return c;
    }

    private void evictOldest(long now) {
        while (!closed.isEmpty()) {
            if (forget(closed.pollFirst())) return;
        }
        Iterator<Connection> it = flows.values().iterator();
        Connection c = it.next();
        it.remove();
        if (c.open) {
            stats.evictions++;
            close(c, EndReason.EVICTED, true, now);
        }
    }

    /** A new connection on the tuple of {@code old}. */
    private Connection reuse(Connection old, Packet p, boolean fromA, long now) {
        stats.portReuses++;
        flows.remove(old.key);
        close(old, EndReason.RST, fromA, now);
        probe.set(p);
        return create(p, fromA, now);
    }

    /** Removes a closed connection if it is still the one in the table for its key. */
    private boolean forget(Connection c) {
        return flows.remove(c.key, c);
    }

    private void close(Connection c, EndReason reason, boolean fromA, long now) {
        if (!c.open) return;
        // the side whose packet caused it first
        (fromA ? c.ab : c.ba).close(reason, now);
        (fromA ? c.ba : c.ab).close(reason, now);
        if (c.bothEnded()) closed(c, now);
    }

    /** A direction began holding a midstream start: time its hold. */
    private void holding(HalfStream h, long t) {
        holding.addLast(h);
        // entries of directions that stopped holding early linger until their time; bound them
        if (holding.size() > 2L * limits.maxFlows()) holding.pollFirst().release(t);
    }

    /** Both directions of {@code c} ended: it lingers closed, then leaves the table. */
    private void closed(Connection c, long t) {
        c.open = false;
        c.closedAt = t;
        stats.activeFlows--;
        closed.addLast(c);
        if (closed.size() > limits.maxFlows()) forget(closed.pollFirst()); // bound stale entries
    }

    // ---- statistics ----

    /** Every counter of the reassembler (the summary reads them here). */
    public ReassemblyStats stats() { return stats; }
    /** Connections seen (created), including ones already ended. */
    public long connections() { return stats.connections; }
    /** Connections in the table, open or lingering closed until idle expiry. */
    public int trackedFlows() { return flows.size(); }
}
