package io.metricsniff.reassembly;

/**
 * Every counter of the reassembler in one place, read by the summary and the tests. The parts of
 * the reassembler (flow table, direction state machines, segment buffers) are handed this one
 * object at construction and count into it; none touches another's fields. Plain fields: the
 * per-packet path increments them without indirection. Not thread-safe, like the reassembler.
 */
public final class ReassemblyStats {
    long connections, activeFlows, evictions, idleExpiries, portReuses;
    long gaps, gapBytes, duplicateSegments, keepAlives, outOfWindowSegments, resyncs;
    long overlapConflicts, overlapConflictBytes, bufferLimitHits, totalBufferLimitHits;
    long afterFinBytes;
    long bufferedTotal, maxBufferedTotal;

    /** Moves the buffered total (all directions) by {@code delta}, keeping its high-water mark. */
    void addBuffered(long delta) {
        bufferedTotal += delta;
        if (bufferedTotal > maxBufferedTotal) maxBufferedTotal = bufferedTotal;
    }

    /** Reports a hole given up: one gap event of {@code bytes}. */
    void gap(long bytes) {
        gaps++;
        gapBytes += bytes;
    }

    /** Connections seen (created), including ones already ended. */
    public long connections() { return connections; }
    /** Connections with a direction still open. */
    public long activeFlows() { return activeFlows; }
    /** Open connections ended because the flow table was full. */
    public long evictions() { return evictions; }
    /** Open connections ended by the idle timeout. */
    public long idleExpiries() { return idleExpiries; }
    /** New connections started on a tuple that was still in the table. */
    public long portReuses() { return portReuses; }
    /** Gap events reported to handlers. */
    public long gaps() { return gaps; }
    /** Bytes the gap events covered. */
    public long gapBytes() { return gapBytes; }
    /** Segments wholly before the stream position (retransmissions of delivered bytes). */
    public long duplicateSegments() { return duplicateSegments; }
    /** Keep-alive probes recognised and dropped. */
    public long keepAlives() { return keepAlives; }
    /** Segments dropped as far outside the window. */
    public long outOfWindowSegments() { return outOfWindowSegments; }
    /** Times a direction jumped to a new position after a run of out-of-window segments. */
    public long resyncs() { return resyncs; }
    /** Retransmitted ranges whose bytes differed from the buffered first copy (which was kept). */
    public long overlapConflicts() { return overlapConflicts; }
    /** Bytes of those ranges that overlapped the buffered copy. */
    public long overlapConflictBytes() { return overlapConflictBytes; }
    /** Times a direction's buffer limit forced a hole to be given up. */
    public long bufferLimitHits() { return bufferLimitHits; }
    /** Times the total buffer limit forced a hole to be given up. */
    public long totalBufferLimitHits() { return totalBufferLimitHits; }
    /** Payload bytes beyond the sender's FIN (e.g. after a conflicting FIN): dropped, never delivered. */
    public long afterFinBytes() { return afterFinBytes; }
    /** Out-of-order bytes held now (plus per-range bookkeeping charge), across all flows. */
    public long bufferedBytes() { return bufferedTotal; }
    /** The most {@link #bufferedBytes()} ever was. */
    public long maxBufferedBytes() { return maxBufferedTotal; }
}
