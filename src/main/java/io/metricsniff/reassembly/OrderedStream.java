package io.metricsniff.reassembly;

/**
 * The delivery half of one direction: the stream position, what reaches the {@link StreamHandler}
 * (in-order bytes straight from the packet, buffered ranges drained in order, holes given up as
 * gaps) and making room under the buffer budgets. The TCP state machine that decides when is
 * {@link HalfStream}; this class only moves the position and never looks at flags or sequence
 * numbers.
 */
abstract class OrderedStream {
    /** Where the direction is in its life. */
    enum State {
        /** Nothing seen that starts the stream. */
        NEW,
        /** Midstream start: holding the first segments to find the lowest seq. */
        HOLDING,
        /** Established: delivering to the handler. */
        OPEN,
        /** The factory returned null: only FIN/RST are tracked. */
        DECLINED,
        /** Closed (FIN delivered, RST, idle, eviction, capture end). */
        ENDED
    }

    final ReassemblyStats stats;
    final SegmentBuffer ooo;
    State state = State.NEW;
    StreamHandler handler;
    /** Next byte the handler expects (while HOLDING: the lowest byte held). */
    long nextAbs;
    /** The sender's FIN was seen, at offset {@code finAbs} (its own sequence number). */
    boolean finSeen;
    long finAbs;

    OrderedStream(ReassemblyStats stats, ReassemblyLimits limits) {
        this.stats = stats;
        this.ooo = new SegmentBuffer(stats, limits);
    }

    State state() { return state; }

    /** Stops holding a midstream start: the handler is asked and what is held delivered. */
    abstract void release(long t);

    /** The fast path: in order, nothing buffered; straight from the packet buffer. */
    final void inOrder(long abs, long dataEnd, long end, byte[] buf, int off, long t) {
        if (dataEnd > nextAbs) {
            handler.data(buf, off + (int) (nextAbs - abs), (int) (dataEnd - nextAbs), t);
            nextAbs = dataEnd;
        }
        if (end > nextAbs) {
            gap(end - nextAbs, t);
            nextAbs = end;
        }
    }

    /**
     * Takes [abs,end) where no earlier copy exists: delivered at once when it is next in line,
     * buffered otherwise. {@code buf == null} marks bytes known to be missing.
     */
    final void place(long abs, long end, byte[] buf, int off, long t) {
        long pos = abs;
        while (state == State.OPEN || state == State.HOLDING) {
            if (state == State.OPEN && pos < nextAbs) pos = nextAbs;
            if (pos >= end) return;
            long have = ooo.coveredUntil(pos);
            if (have > pos) { // already have these bytes
                pos = have;
                continue;
            }
            long pieceEnd = Math.min(end, ooo.nextStart(pos));
            if (state == State.OPEN && pos == nextAbs) {
                emit(buf, off + (int) (pos - abs), pieceEnd - pos, t);
                nextAbs = pieceEnd;
                drain(t);
            } else if (makeRoom(pos, buf == null ? 0 : pieceEnd - pos, t)) {
                ooo.store(pos, pieceEnd, buf, off + (int) (pos - abs));
            } else {
                continue; // room was made by moving the stream on: look again
            }
            pos = pieceEnd;
        }
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
        boolean counted = false;
        while (true) {
            SegmentBuffer.Budget budget = ooo.budget(bytes);
            if (budget == SegmentBuffer.Budget.FITS) return true;
            if (!counted) {
                counted = true;
                if (budget == SegmentBuffer.Budget.TOTAL_FULL) stats.totalBufferLimitHits++;
                else stats.bufferLimitHits++;
            }
            if (state == State.HOLDING) { // stop holding: deliver what we have from the lowest byte
                release(t);
                return false;
            }
            if (!ooo.isEmpty() && ooo.firstStart() < pos) {
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
    final void drain(long t) {
        if (state != State.OPEN) return;
        SegmentBuffer.Segment s;
        while ((s = ooo.pollReady(nextAbs)) != null) {
            if (s.end > nextAbs) {
                emit(s.data, (int) (nextAbs - s.start), s.end - nextAbs, t);
                nextAbs = s.end;
            }
        }
    }

    private void emit(byte[] data, int off, long len, long t) {
        if (data == null) {
            gap(len, t);
        } else {
            handler.data(data, off, (int) len, t);
        }
    }

    final void gap(long bytes, long t) {
        if (bytes <= 0) return;
        stats.gap(bytes);
        handler.gap(bytes, t);
    }

    /** Gives up the hole before the first buffered range and delivers what follows it. */
    final void skipFirstHole(long t) {
        gap(ooo.firstStart() - nextAbs, t);
        nextAbs = ooo.firstStart();
        drain(t);
    }

    /** Gives up every hole before {@code target}, delivering the buffered ranges between them. */
    final void giveUpTo(long target, long t) {
        while (state == State.OPEN && nextAbs < target) {
            long holeEnd = ooo.isEmpty() ? target : Math.min(ooo.firstStart(), target);
            gap(holeEnd - nextAbs, t);
            nextAbs = holeEnd;
            drain(t);
        }
    }

    /** Gives up every hole: gaps and buffered data in order, then a gap up to the FIN if one was seen. */
    final void flushHoles(long t) {
        while (!ooo.isEmpty()) skipFirstHole(t);
        if (finSeen && nextAbs < finAbs) {
            gap(finAbs - nextAbs, t);
            nextAbs = finAbs;
        }
    }

    /** Ends the stream; the handler hears of it unless {@code reason} is null (nothing was opened). */
    final void end(EndReason reason, long t) {
        state = State.ENDED;
        ooo.clear();
        StreamHandler h = handler;
        handler = null;
        if (h != null && reason != null) h.end(reason, t);
    }
}
