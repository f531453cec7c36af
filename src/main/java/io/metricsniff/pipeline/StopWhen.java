package io.metricsniff.pipeline;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.RecordSink;

import java.util.function.BooleanSupplier;

/**
 * Passes records on until a condition holds ({@code -n N} reached, every {@code --expect} met),
 * then asks the capture to stop and lets nothing more through, so that exactly N records are
 * reported even when the last packet held more.
 */
public final class StopWhen implements RecordSink {
    private final RecordSink next;
    private final long maxRecords;         // Long.MAX_VALUE: no -n
    private final BooleanSupplier done;    // checked after each record; null: none
    private final Runnable stop;
    private long passed;
    private boolean stopped;

    public StopWhen(RecordSink next, long maxRecords, BooleanSupplier done, Runnable stop) {
        this.next = next;
        this.maxRecords = maxRecords;
        this.done = done;
        this.stop = stop;
    }

    @Override public void metric(MetricRecord record) {
        if (stopped) return;
        next.metric(record);
        if (++passed >= maxRecords || done != null && done.getAsBoolean()) {
            stopped = true;
            stop.run();
        }
    }

    @Override public void gap(long timeNanos, Endpoint src, Endpoint dst, long bytes) {
        if (!stopped) next.gap(timeNanos, src, dst, bytes);
    }

    @Override public void skipped(long timeNanos, Endpoint src, Endpoint dst, long bytes, String why) {
        if (!stopped) next.skipped(timeNanos, src, dst, bytes, why);
    }

    @Override public void finish() { next.finish(); }
}
