package io.metricsniff.reassembly;

import io.metricsniff.decode.Endpoint;

import java.util.Map;
import java.util.TreeMap;

/**
 * One direction of a TCP connection: turns segments into an ordered byte stream for its
 * {@link StreamHandler}.
 *
 * <p>Positions are kept as 64-bit stream offsets ("abs"); a 32-bit sequence number is turned into
 * one by its signed 32-bit distance from the next expected byte, so wrap-around at 2^32 needs no
 * special case. In-order bytes go to the handler straight from the packet buffer; only bytes beyond
 * a hole are copied into {@link #ooo}, which holds disjoint ranges (the first copy of a byte wins).
 * A range may be a marker (no data) for bytes the capture cut off (snaplen): it becomes a gap.
 */
final class HalfStream {
    static final int NEW = 0;      // nothing seen that starts the stream
    static final int HOLD = 1;     // midstream start: holding the first segments to find the lowest seq
    static final int OPEN = 2;     // delivering
    static final int DECLINED = 3; // the factory returned null: only FIN/RST are tracked
    static final int ENDED = 4;

    /**
     * Midstream start: hold this many payload segments (or {@link #MIDSTREAM_HOLD_NANOS}) before
     * delivering, so a segment reordered ahead of an earlier one at capture start is not lost.
     */
    static final int MIDSTREAM_HOLD_SEGMENTS = 4;
    /**
     * 1 MiB: how far before the first data held a SYN captured late may start and still be taken
     * for this stream's start; far more than capture reordering moves a SYN, far less than 2^32.
     */
    static final int LATE_START_DISTANCE = 1 << 20;
    /** 1 s: capture-start reordering is within milliseconds; a quiet sender's data waits no longer. */
    static final long MIDSTREAM_HOLD_NANOS = 1_000_000_000L;
    /**
     * Consecutive out-of-window segments, each within a window of the previous one, after which the
     * stream is taken to have really moved there (e.g. capture loss larger than a window).
     */
    static final int RESYNC_SEGMENTS = 8;
    /**
     * Packets of a connection during which an ACK may run ahead of the data it acknowledges
     * (capture reordering) before the hole it passes is taken as lost by the capture.
     */
    static final int ACK_GRACE_PACKETS = 32;
    /** Bookkeeping charged per buffered range on top of its bytes, so tiny segments cannot exhaust memory. */
    static final int SEGMENT_COST = 96;

    private static final class Segment {
        final long start;
        long end;          // may be trimmed below start + data.length by a FIN
        final byte[] data; // null: bytes known to be missing (cut by snaplen)
        final long cost;

        Segment(long start, long end, byte[] data) {
            this.start = start;
            this.end = end;
            this.data = data;
            this.cost = SEGMENT_COST + (data == null ? 0 : data.length);
        }
    }

    final TcpReassembler r;
    final Connection conn;
    final Endpoint src, dst;

    int state = NEW;
    private StreamHandler handler;

    boolean synSeen;
    int isn;
    /** The seq of the first data byte is known (from our SYN or the peer's SYN-ACK). */
    boolean startKnown;
    int startSeq;

    private int seqAtZero;  // the sequence number of stream offset 0
    private long nextAbs;   // next byte the handler expects (in HOLD: lowest byte held)
    private TreeMap<Long, Segment> ooo;
    private long buffered;  // accounted cost of ooo

    private boolean finSeen;
    private long finAbs;    // offset of the FIN's own sequence number

    private boolean peerAckSeen;
    private int peerAck;
    boolean ackPending;     // the peer acknowledged past nextAbs
    private long ackTarget;
    private long ackProgressAbs;
    private long ackSincePacket;

    private int holdCount;
    long holdSince;
    private long holdHigh; // end of the highest byte held
    private int oowRun;
    private int oowAnchor;

    HalfStream(TcpReassembler r, Connection conn, Endpoint src, Endpoint dst) {
        this.r = r;
        this.conn = conn;
        this.src = src;
        this.dst = dst;
    }

    long buffered() { return buffered; }

    private int seqOf(long abs) { return (int) (seqAtZero + abs); }

    private int window() { return r.limits.maxWindow(); }

    // ---- events from the connection ----

    /** Our SYN (first one for this direction). */
    void onSyn(int seq, long t) {
        synSeen = true;
        isn = seq;
        if (state != NEW) return; // data already flowing (late SYN): keep the position we have
        startKnown = true;
        startSeq = seq + 1;
        openHandler(false, t);
        if (state == OPEN) {
            seqAtZero = startSeq;
            nextAbs = 0;
        }
    }

    /** The peer's SYN-ACK tells where our data starts even if our SYN was not captured. */
    void inferStart(int firstSeq, long t) {
        if (state == NEW && !startKnown) {
            startKnown = true;
            startSeq = firstSeq;
        } else if (state == HOLD) {
            adoptStart(firstSeq, t);
        }
    }

    void onData(int seq, byte[] buf, int off, int len, int missing, long t) {
        if (state == ENDED || state == DECLINED) return;
        if (len + missing <= 1 && peerAckSeen && seq == peerAck - 1) {
            r.keepAlives++; // keep-alive: one old byte the peer already acknowledged
            return;
        }
        if (state == NEW) {
            if (startKnown) {
                openHandler(false, t);
                if (state != OPEN) return;
                seqAtZero = startSeq;
            } else { // the handler is asked at release, when we know whether the start was found
                state = HOLD;
                seqAtZero = seq;
                holdCount = 0;
                holdSince = t;
                holdHigh = 0;
                r.holding(this, t);
            }
            nextAbs = 0;
        }
        ingest(seq, buf, off, len, missing, t);
    }

    private void openHandler(boolean midstream, long t) {
        handler = r.factory.open(src, dst, midstream, t);
        state = handler == null ? DECLINED : OPEN;
    }

    private void ingest(int seq, byte[] buf, int off, int len, int missing, long t) {
        int d = seq - seqOf(nextAbs);
        if (d > window() || d < -window()) {
            if (!outOfWindow(seq, t)) return;
            d = seq - seqOf(nextAbs); // resynchronised: now d == 0
        } else {
            oowRun = 0;
        }
        long abs = nextAbs + d;
        long dataEnd = abs + len;
        long end = dataEnd + missing;
        if (finSeen) { // nothing after the FIN belongs to the stream
            end = Math.min(end, finAbs);
            dataEnd = Math.min(dataEnd, end);
        }
        if (state == HOLD) {
            if (abs < nextAbs && end > abs) {
                if (holdHigh - abs > window()) { // the held span stays within one window
                    r.outOfWindowSegments++;
                    return;
                }
                nextAbs = abs; // an earlier segment: start there instead
            }
            holdHigh = Math.max(holdHigh, end);
        } else if (end <= nextAbs) {
            r.duplicateSegments++;
            return;
        }
        if (state == OPEN && ooo == null && abs <= nextAbs) { // fast path: in order, nothing buffered
            if (dataEnd > nextAbs) {
                handler.data(buf, off + (int) (nextAbs - abs), (int) (dataEnd - nextAbs), t);
                nextAbs = dataEnd;
            }
            if (end > nextAbs) {
                gap(end - nextAbs, t);
                nextAbs = end;
            }
            checkFin(t);
            return;
        }
        if (dataEnd > abs) {
            compareOverlaps(abs, dataEnd, buf, off, t);
            place(abs, dataEnd, buf, off, t);
        }
        if (end > dataEnd) place(dataEnd, end, null, 0, t);
        if (state == HOLD && (++holdCount >= MIDSTREAM_HOLD_SEGMENTS || t - holdSince >= MIDSTREAM_HOLD_NANOS)) {
            release(t);
        } else {
            checkFin(t);
        }
    }

    /**
     * A segment far outside the window. Dropped, unless a run of them agrees on a new position:
     * then the bytes in between are reported as one gap (its size is the forward distance modulo
     * 2^32, a lower bound) and the stream continues there.
     *
     * @return true when the stream was moved to {@code seq}
     */
    private boolean outOfWindow(int seq, long t) {
        r.outOfWindowSegments++;
        int fromAnchor = seq - oowAnchor;
        if (oowRun > 0 && fromAnchor <= window() && fromAnchor >= -window()) {
            oowRun++;
        } else {
            oowRun = 1;
        }
        oowAnchor = seq;
        if (oowRun < RESYNC_SEGMENTS || finSeen) return false;
        oowRun = 0;
        r.resyncs++;
        if (state == HOLD && !leaveHold(t)) return false;
        flushHoles(t);
        long distance = (seq - seqOf(nextAbs)) & 0xFFFFFFFFL;
        gap(distance, t);
        nextAbs += distance;
        return true;
    }

    /** Counts (and reports) buffered ranges the new data overlaps with different bytes. */
    private void compareOverlaps(long abs, long end, byte[] buf, int off, long t) {
        if (ooo == null) return;
        Long from = ooo.floorKey(abs);
        Map<Long, Segment> view = ooo.subMap(from == null ? abs : from, true, end, false);
        for (Segment s : view.values()) {
            if (s.data == null) continue;
            long lo = Math.max(s.start, abs), hi = Math.min(s.end, end);
            if (lo >= hi) continue;
            int a = off + (int) (lo - abs), b = (int) (lo - s.start), n = (int) (hi - lo);
            if (!java.util.Arrays.equals(buf, a, a + n, s.data, b, b + n)) {
                r.overlapConflict(this, n, t);
            }
        }
    }

    /**
     * Takes [abs,end) where no earlier copy exists: delivered at once when it is next in line,
     * buffered otherwise. {@code buf == null} marks bytes known to be missing.
     */
    private void place(long abs, long end, byte[] buf, int off, long t) {
        long pos = abs;
        while (state == OPEN || state == HOLD) {
            if (state == OPEN && pos < nextAbs) pos = nextAbs;
            if (pos >= end) return;
            if (ooo != null) {
                Map.Entry<Long, Segment> below = ooo.floorEntry(pos);
                if (below != null && below.getValue().end > pos) { // already have these bytes
                    pos = below.getValue().end;
                    continue;
                }
            }
            Long above = ooo == null ? null : ooo.higherKey(pos);
            long pieceEnd = above == null ? end : Math.min(end, above);
            if (state == OPEN && pos == nextAbs) {
                emit(buf, off + (int) (pos - abs), pieceEnd - pos, t);
                nextAbs = pieceEnd;
                drain(t);
            } else if (makeRoom(pos, buf == null ? 0 : pieceEnd - pos, t)) {
                store(pos, pieceEnd, buf, off + (int) (pos - abs));
            } else {
                continue; // room was made by moving the stream on: look again
            }
            pos = pieceEnd;
        }
    }

    private void store(long start, long end, byte[] buf, int off) {
        byte[] copy = null;
        if (buf != null) {
            copy = new byte[(int) (end - start)];
            System.arraycopy(buf, off, copy, 0, copy.length);
        }
        Segment s = new Segment(start, end, copy);
        if (ooo == null) ooo = new TreeMap<>();
        ooo.put(start, s);
        buffered += s.cost;
        r.addBuffered(s.cost);
    }

    /**
     * Ensures {@code bytes} more can be buffered at {@code pos}. When a limit is in the way, the
     * oldest hole is given up (a gap) and what follows it delivered; if no hole lies before
     * {@code pos}, the stream skips straight to {@code pos}.
     *
     * @return true when the range can be stored; false when the stream moved and the caller must
     *         look again (the range may now be in order)
     */
    private boolean makeRoom(long pos, long bytes, long t) {
        long cost = SEGMENT_COST + bytes;
        boolean counted = false;
        while (true) {
            boolean dirOk = buffered + cost <= r.limits.maxBufferedPerDirection();
            boolean totalOk = r.buffered() + cost <= r.limits.maxBufferedTotal();
            if (dirOk && totalOk) return true;
            if (!counted) {
                counted = true;
                r.limitReached(this, dirOk ? ReassemblyListener.Limit.BUFFER_TOTAL
                        : ReassemblyListener.Limit.BUFFER_PER_DIRECTION, t);
            }
            if (state == HOLD) { // stop holding: deliver what we have from the lowest byte
                release(t);
                return false;
            }
            if (ooo != null && ooo.firstKey() < pos) {
                skipFirstHole(t);
                if (nextAbs >= pos) return false;
            } else {
                gap(pos - nextAbs, t);
                nextAbs = pos;
                return false;
            }
        }
    }

    /** Delivers buffered ranges that are next in line. */
    private void drain(long t) {
        if (state != OPEN) return;
        while (ooo != null) {
            long first = ooo.firstKey();
            if (first > nextAbs) return;
            Segment s = ooo.pollFirstEntry().getValue();
            unbuffer(s);
            if (s.end > nextAbs) {
                emit(s.data, (int) (nextAbs - s.start), s.end - nextAbs, t);
                nextAbs = s.end;
            }
        }
    }

    private void unbuffer(Segment s) {
        buffered -= s.cost;
        r.addBuffered(-s.cost);
        if (ooo.isEmpty()) ooo = null;
    }

    private void emit(byte[] data, int off, long len, long t) {
        if (data == null) {
            gap(len, t);
        } else {
            handler.data(data, off, (int) len, t);
        }
    }

    private void gap(long bytes, long t) {
        if (bytes <= 0) return;
        r.gaps++;
        r.gapBytes += bytes;
        handler.gap(bytes, t);
    }

    /** Gives up the hole before the first buffered range and delivers what follows it. */
    private void skipFirstHole(long t) {
        long first = ooo.firstKey();
        gap(first - nextAbs, t);
        nextAbs = first;
        drain(t);
    }

    /** Gives up every hole: gaps and buffered data in order, then a gap up to the FIN if one was seen. */
    private void flushHoles(long t) {
        while (ooo != null) skipFirstHole(t);
        if (finSeen && nextAbs < finAbs) {
            gap(finAbs - nextAbs, t);
            nextAbs = finAbs;
        }
    }

    /** Called by the reassembler's timer: stop holding once the hold time has passed. */
    void holdExpired(long now) {
        if (state == HOLD && now - holdSince >= MIDSTREAM_HOLD_NANOS) release(now);
    }

    void stopHolding(long t) {
        release(t);
    }

    private void release(long t) {
        if (state != HOLD || !leaveHold(t)) return;
        drain(t);
        checkFin(t);
    }

    /**
     * HOLD to OPEN: now the factory is asked, told midstream unless a late SYN showed the start.
     *
     * @return false when the factory declined: the held bytes are dropped
     */
    private boolean leaveHold(long t) {
        openHandler(!startKnown, t);
        if (state == OPEN) return true;
        if (ooo != null) {
            r.addBuffered(-buffered);
            buffered = 0;
            ooo = null;
        }
        return false;
    }

    /**
     * While holding a midstream start, a SYN (or the peer's SYN-ACK) captured after the first data
     * tells where the stream really starts: start there, not midstream.
     *
     * @return false when {@code firstSeq} is not just before the data held (another connection)
     */
    boolean adoptStart(int firstSeq, long t) {
        if (state != HOLD) return false;
        int d = firstSeq - seqOf(nextAbs);
        if (d > 0 || d < -LATE_START_DISTANCE || holdHigh - (nextAbs + d) > window()) return false;
        nextAbs += d;
        startKnown = true;
        startSeq = firstSeq;
        release(t);
        return true;
    }

    private void checkFin(long t) {
        if (state == OPEN && finSeen && nextAbs >= finAbs) end(EndReason.FIN, t);
    }

    /** FIN at sequence number {@code finSeq} (after any payload of the same segment). */
    void onFin(int finSeq, long t) {
        if (state == ENDED) return;
        if (state == NEW || state == DECLINED) {
            end(null, t);
            return;
        }
        if (!finSeen) {
            int d = finSeq - seqOf(nextAbs);
            if (d > window() || d < -window()) return; // not this stream's FIN
            long at = nextAbs + d;
            // Behind the stream: stale, unless just one behind (the peer's ACK, which counts the
            // FIN, moved us past it before the FIN itself was seen).
            if (state == OPEN && at < nextAbs - 1) return;
            finSeen = true;
            finAbs = at;
            dropBeyondFin();
        }
        release(t);
        checkFin(t);
    }

    private void dropBeyondFin() {
        if (ooo == null) return;
        while (ooo != null && ooo.lastKey() >= finAbs) unbuffer(ooo.pollLastEntry().getValue());
        if (ooo != null) {
            Segment last = ooo.lastEntry().getValue();
            if (last.end > finAbs) last.end = finAbs;
        }
    }

    /**
     * The peer acknowledged everything before {@code ack}. If that is past a hole, the receiver has
     * bytes the capture does not and they will not be sent again, unless the capture merely shows
     * the ACK before the data (reordering). So only note it; {@link #checkAck} gives the hole up
     * once the stream made no progress for {@link #ACK_GRACE_PACKETS} packets of the connection.
     */
    void onPeerAck(int ack, long t) {
        peerAckSeen = true;
        peerAck = ack;
        if (state != HOLD && state != OPEN) return;
        int d = ack - seqOf(nextAbs);
        if (d <= 0 || d > window()) return;
        long target = nextAbs + d;
        if (!ackPending) {
            ackPending = true;
            ackTarget = target;
            ackProgressAbs = nextAbs;
            ackSincePacket = conn.packets;
        } else if (target > ackTarget) {
            ackTarget = target;
        }
    }

    /** Called after each packet of the connection while an ACK past the stream position is pending. */
    void checkAck(long t) {
        if (state != HOLD && state != OPEN || ackTarget <= nextAbs) {
            ackPending = false;
            return;
        }
        if (nextAbs != ackProgressAbs) { // data is still arriving: give it time
            ackProgressAbs = nextAbs;
            ackSincePacket = conn.packets;
            return;
        }
        if (conn.packets - ackSincePacket < ACK_GRACE_PACKETS) return;
        ackPending = false;
        release(t);
        long target = ackTarget;
        if (finSeen && target > finAbs) target = finAbs;
        while (state == OPEN && nextAbs < target) {
            long holeEnd = ooo == null ? target : Math.min(ooo.firstKey(), target);
            gap(holeEnd - nextAbs, t);
            nextAbs = holeEnd;
            drain(t);
        }
        checkFin(t);
    }

    /**
     * Ends the stream now (RST, idle, eviction, capture end, a new connection on the tuple): holes
     * become gaps, buffered data after them is delivered. The reason is FIN when the sender's FIN
     * was seen, since every byte up to it is then accounted for as data or gap.
     */
    void close(EndReason reason, long t) {
        if (state == ENDED) return;
        if (state == NEW || state == DECLINED) {
            end(null, t);
            return;
        }
        if (state == HOLD && !leaveHold(t)) { // a held midstream start is delivered from its lowest byte
            end(null, t);
            return;
        }
        flushHoles(t);
        end(finSeen ? EndReason.FIN : reason, t);
    }

    private void end(EndReason reason, long t) {
        state = ENDED;
        if (ooo != null) {
            r.addBuffered(-buffered);
            buffered = 0;
            ooo = null;
        }
        StreamHandler h = handler;
        handler = null;
        if (h != null && reason != null) h.end(reason, t);
        r.halfEnded(conn, t);
    }
}
