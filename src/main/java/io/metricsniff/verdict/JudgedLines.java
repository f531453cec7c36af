package io.metricsniff.verdict;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.paths.PathHash;
import io.metricsniff.paths.PathIndex;
import io.metricsniff.protocol.LineConsumer;
import io.metricsniff.protocol.graphite.PlaintextStreamDecoder;
import io.metricsniff.reassembly.EndReason;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Transport;
import io.metricsniff.text.LineScan;

/**
 * The judging consumer of one TCP direction's plaintext lines: each line becomes a record, the
 * {@link Judge} gives its verdict, the sink gets it. Remembers the line on which the receiver
 * closed the connection, so that every later line is reported {@code lost-after-close}.
 */
public final class JudgedLines extends JudgedStream implements LineConsumer {
    /** Characters of the killing line quoted in later lines' problem. */
    private static final int KILLER_EXCERPT = 40;

    private long lines;
    private String killer;         // what closed the connection, null while it is open

    public JudgedLines(Endpoint src, Endpoint dst, Judge judge, RecordSink sink) {
        super(src, dst, judge, sink);
    }

    @Override
    public void line(byte[] raw, long length, long timeNanos) {
        lines++;
        MetricRecord rec = record(raw, length, timeNanos);
        if (killer != null) {
            judge.judgeLostLine(rec, killer);
        } else if (judge.judgeLine(rec, Transport.TCP)) {
            killer = "line " + lines + " ('" + LineScan.excerpt(raw, 0, raw.length, KILLER_EXCERPT) + "')";
        }
        emit(rec);
    }

    @Override
    public void unterminated(byte[] raw, long length, EndReason reason, long timeNanos) {
        lines++;
        MetricRecord rec = record(raw, length, timeNanos);
        judge.judgeUnterminated(rec, reason, killer);
        sink.metric(rec);
    }

    /**
     * The coming lines' paths, hashed for the index to warm their lookups together: judged one by
     * one, each line waited for its own cache misses in turn (at 2 M paths in random order ~3 a
     * line, most of its time). Each path is taken up to the line's first space, a guess that is
     * right for the well-formed lines; a wrong one only warms the wrong slot.
     *
     * @return after {@link PathIndex#WARM_BATCH} lines, else {@code to}
     */
    @Override public int ahead(byte[] buf, int from, int to) {
        if (!paths.wantsWarming()) return to;
        long[] coming = paths.warmBatch();
        int n = 0, i = from;
        while (i < to && n < coming.length) {
            int nl = LineScan.indexOf(buf, i, to, PlaintextStreamDecoder.NEWLINE); // where the framer cuts
            if (nl < 0) break;
            coming[n++] = PathHash.of(buf, i, LineScan.spaceCandidate(buf, i, nl) - i);
            i = nl + 1;
        }
        paths.warm(coming, n);
        return n == coming.length ? i : to;
    }

    private MetricRecord record(byte[] raw, long length, long timeNanos) {
        return hinted(new MetricRecord(timeNanos, src, dst, Transport.TCP, Protocol.GRAPHITE, raw, length));
    }

    /** Lines reported so far (complete and unterminated). */
    public long lines() { return lines; }

    /** What closed the connection at the receiver, or null. */
    public String killer() { return killer; }
}
