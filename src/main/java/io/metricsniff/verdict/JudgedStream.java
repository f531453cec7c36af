package io.metricsniff.verdict;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.paths.PathSequence;
import io.metricsniff.protocol.StreamConsumer;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.RecordSink;

/** What the judging consumers of one TCP direction share: its endpoints, the judge, the sink. */
abstract class JudgedStream implements StreamConsumer {
    protected final Endpoint src;
    protected final Endpoint dst;
    protected final Judge judge;
    protected final RecordSink sink;
    /** This stream's order of paths (its guesses, and the warming of its lookups). */
    protected final PathSequence paths;

    JudgedStream(Endpoint src, Endpoint dst, Judge judge, RecordSink sink) {
        this.src = src;
        this.dst = dst;
        this.judge = judge;
        this.sink = sink;
        this.paths = judge.pathSequence();
    }

    /** A new record of this stream, with its likely path id from the stream's order (checked when used). */
    protected final MetricRecord hinted(MetricRecord rec) { return rec.pathHint(paths.predict()); }

    /** Hands a judged record on, and learns its path's place in this stream's order. */
    protected final void emit(MetricRecord rec) {
        sink.metric(rec);
        paths.seen(rec.pathId());
    }

    @Override public final void gap(long bytes, long timeNanos) { sink.gap(timeNanos, src, dst, bytes); }

    @Override public final void skipped(long bytes, String why, long timeNanos) { sink.skipped(timeNanos, src, dst, bytes, why); }
}
