package io.metricsniff.reassembly;

import io.metricsniff.decode.Endpoint;

/**
 * One direction of a TCP connection as a state machine (Zeek's {@code TCP_Reassembler}): where the
 * stream starts (SYN, peer's SYN-ACK, midstream hold), window checks and resync, FIN, and the ACK
 * past a hole. It turns segments into an ordered byte stream for its {@link StreamHandler}; bytes
 * beyond a hole wait in its {@link SegmentBuffer}; delivery is {@link OrderedStream}'s. Counts
 * into the shared {@link ReassemblyStats}; knows nothing of the flow table.
 *
 * <p>Positions are 64-bit stream offsets ("abs"); a 32-bit sequence number is turned into one by
 * its signed 32-bit distance from the next expected byte, so wrap-around at 2^32 needs no special
 * case. In-order bytes go to the handler straight from the packet buffer; only bytes beyond a hole
 * are copied into the buffer.
 */
final class HalfStream extends OrderedStream {
    final Endpoint src, dst;
    private final StreamHandlerFactory factory;
    private final int window;
    private final AckGrace ack = new AckGrace();
    private final MidstreamHold hold = new MidstreamHold();
    private final ResyncRun resync = new ResyncRun();

    boolean synSeen;
    int isn;
    /** The seq of the first data byte is known (from our SYN or the peer's SYN-ACK). */
    boolean startKnown;
    int startSeq;

    private int seqAtZero;  // the sequence number of stream offset 0

    HalfStream(Endpoint src, Endpoint dst, StreamHandlerFactory factory, ReassemblyLimits limits,
               ReassemblyStats stats) {
        super(stats, limits);
        this.src = src;
        this.dst = dst;
        this.factory = factory;
        this.window = limits.maxWindow();
    }

    boolean ackPending() { return ack.pending; }

    private int seqOf(long abs) { return (int) (seqAtZero + abs); }

    // ---- events from the reassembler ----

    /** Our SYN (first one for this direction). */
    void onSyn(int seq, long t) {
        synSeen = true;
        isn = seq;
        if (state != State.NEW) return; // data already flowing (late SYN): keep the position we have
        startKnown = true;
        startSeq = seq + 1;
        openHandler(false, t);
        if (state == State.OPEN) {
            seqAtZero = startSeq;
            nextAbs = 0;
        }
    }

    /** The peer's SYN-ACK tells where our data starts even if our SYN was not captured. */
    void inferStart(int firstSeq, long t) {
        if (state == State.NEW && !startKnown) {
            startKnown = true;
            startSeq = firstSeq;
        } else if (state == State.HOLDING) {
            adoptStart(firstSeq, t);
        }
    }

    void onData(int seq, byte[] buf, int off, int len, int missing, long t) {
        if (state == State.ENDED || state == State.DECLINED) {
            if (state == State.ENDED && finSeen && !ack.isKeepAlive(seq, len + missing)) {
                afterEnd(seq, len + missing);
            }
            return;
        }
        if (ack.isKeepAlive(seq, len + missing)) {
            stats.keepAlives++; // one old byte the peer already acknowledged
            return;
        }
        if (state == State.NEW && !begin(seq, t)) return;
        ingest(seq, buf, off, len, missing, t);
    }

    /** First data: open at the known start, or hold to find the lowest seq. False when declined. */
    private boolean begin(int seq, long t) {
        if (startKnown) {
            openHandler(false, t);
            if (state != State.OPEN) return false;
            seqAtZero = startSeq;
        } else { // the handler is asked at release, when we know whether the start was found
            state = State.HOLDING;
            seqAtZero = seq;
            hold.start(t);
        }
        nextAbs = 0;
        return true;
    }

    private void openHandler(boolean midstream, long t) {
        handler = factory.open(src, dst, midstream, t);
        state = handler == null ? State.DECLINED : State.OPEN;
    }

    private void ingest(int seq, byte[] buf, int off, int len, int missing, long t) {
        int d = seq - seqOf(nextAbs);
        if (d > window || d < -window) {
            if (!outOfWindow(seq, t)) return;
            d = seq - seqOf(nextAbs); // resynchronised: now d == 0
        } else {
            resync.reset();
        }
        long abs = nextAbs + d;
        long dataEnd = abs + len;
        long end = dataEnd + missing;
        if (finSeen && end > finAbs) { // nothing after the FIN belongs to the stream
            stats.afterFinBytes += end - Math.max(abs, finAbs);
            end = finAbs;
            dataEnd = Math.min(dataEnd, end);
        }
        if (state == State.HOLDING) {
            if (!widenHold(abs, end)) return;
        } else if (end <= nextAbs) {
            stats.duplicateSegments++;
            return;
        }
        if (state == State.OPEN && ooo.isEmpty() && abs <= nextAbs) {
            inOrder(abs, dataEnd, end, buf, off, t);
            checkFin(t);
            return;
        }
        if (dataEnd > abs) {
            ooo.compare(abs, dataEnd, buf, off);
            place(abs, dataEnd, buf, off, t);
        }
        if (end > dataEnd) place(dataEnd, end, null, 0, t);
        if (state == State.HOLDING && hold.full(t)) {
            release(t);
        } else {
            checkFin(t);
        }
    }

    /** While holding, an earlier segment moves the start down. False when the held span would exceed a window. */
    private boolean widenHold(long abs, long end) {
        if (abs < nextAbs && end > abs) {
            if (!hold.spans(abs, window)) {
                stats.outOfWindowSegments++;
                return false;
            }
            nextAbs = abs; // an earlier segment: start there instead
        }
        hold.extend(end);
        return true;
    }

    /** Data for an ended stream: the bytes beyond its FIN are counted, the rest are old copies. */
    private void afterEnd(int seq, int bytes) {
        int d = seq - seqOf(finAbs);
        if (d > window || d < -window) { // not placeable after the end either: counted, like any such segment
            stats.outOfWindowSegments++;
            return;
        }
        long end = finAbs + d + bytes;
        long from = Math.max(finAbs + d, finAbs);
        if (end > from) stats.afterFinBytes += end - from;
    }

    /**
     * A segment far outside the window. Dropped, unless a run of them agrees on a new position:
     * then the bytes in between are reported as one gap (its size is the forward distance modulo
     * 2^32, a lower bound) and the stream continues there.
     *
     * @return true when the stream was moved to {@code seq}
     */
    private boolean outOfWindow(int seq, long t) {
        stats.outOfWindowSegments++;
        if (!resync.agrees(seq, window) || finSeen) return false;
        stats.resyncs++;
        if (state == State.HOLDING && !leaveHold(t)) return false;
        flushHoles(t);
        long distance = (seq - seqOf(nextAbs)) & 0xFFFFFFFFL;
        gap(distance, t);
        nextAbs += distance;
        return true;
    }

    /** Capture time a midstream hold began, for the reassembler's hold timer. */
    long holdSince() { return hold.since; }

    /** Called by the reassembler's timer: stop holding once the hold time has passed. */
    void holdExpired(long now) {
        if (state == State.HOLDING && hold.expired(now)) release(now);
    }

    @Override
    void release(long t) {
        if (state != State.HOLDING || !leaveHold(t)) return;
        drain(t);
        checkFin(t);
    }

    /**
     * HOLDING to OPEN: now the factory is asked, told midstream unless a late SYN showed the start.
     *
     * @return false when the factory declined: the held bytes are dropped
     */
    private boolean leaveHold(long t) {
        openHandler(!startKnown, t);
        if (state == State.OPEN) return true;
        ooo.clear();
        return false;
    }

    /**
     * While holding a midstream start, a SYN (or the peer's SYN-ACK) captured after the first data
     * tells where the stream really starts: start there, not midstream.
     *
     * @return false when {@code firstSeq} is not just before the data held (another connection)
     */
    boolean adoptStart(int firstSeq, long t) {
        if (state != State.HOLDING) return false;
        int d = firstSeq - seqOf(nextAbs);
        if (d > 0 || d < -MidstreamHold.LATE_START_DISTANCE || !hold.spans(nextAbs + d, window)) return false;
        nextAbs += d;
        startKnown = true;
        startSeq = firstSeq;
        release(t);
        return true;
    }

    private void checkFin(long t) {
        if (state == State.OPEN && finSeen && nextAbs >= finAbs) end(EndReason.FIN, t);
    }

    /** FIN at sequence number {@code finSeq} (after any payload of the same segment). */
    void onFin(int finSeq, long t) {
        if (state == State.ENDED) return;
        if (state == State.NEW || state == State.DECLINED) {
            end(null, t);
            return;
        }
        if (!finSeen) {
            int d = finSeq - seqOf(nextAbs);
            if (d > window || d < -window) return; // not this stream's FIN
            long at = nextAbs + d;
            // Behind the stream: stale, unless just one behind (the peer's ACK, which counts the
            // FIN, moved us past it before the FIN itself was seen).
            if (state == State.OPEN && at < nextAbs - 1) return;
            finSeen = true;
            finAbs = at;
            stats.afterFinBytes += ooo.dropFrom(finAbs); // held bytes beyond it never belong
        }
        release(t);
        checkFin(t);
    }

    /** The peer acknowledged everything before {@code ackNo}; see {@link AckGrace}. */
    void onPeerAck(int ackNo, long packets) {
        ack.acked(ackNo);
        if (state != State.HOLDING && state != State.OPEN) return;
        int d = ackNo - seqOf(nextAbs);
        if (d <= 0 || d > window) return;
        ack.ahead(nextAbs + d, nextAbs, packets);
    }

    /** Called after each packet of the connection while an ACK past the stream position is pending. */
    void checkAck(long packets, long t) {
        if (state != State.HOLDING && state != State.OPEN || ack.target <= nextAbs) {
            ack.pending = false;
            return;
        }
        if (!ack.expired(nextAbs, packets)) return;
        release(t);
        giveUpTo(finSeen ? Math.min(ack.target, finAbs) : ack.target, t);
        checkFin(t);
    }

    /**
     * Ends the stream now (RST, idle, eviction, capture end, a new connection on the tuple): holes
     * become gaps, buffered data after them is delivered. The reason is FIN when the sender's FIN
     * was seen, since every byte up to it is then accounted for as data or gap.
     */
    void close(EndReason reason, long t) {
        if (state == State.ENDED) return;
        if (state == State.NEW || state == State.DECLINED) {
            end(null, t);
            return;
        }
        if (state == State.HOLDING && !leaveHold(t)) { // a held midstream start is delivered from its lowest byte
            end(null, t);
            return;
        }
        flushHoles(t);
        end(finSeen ? EndReason.FIN : reason, t);
    }
}
