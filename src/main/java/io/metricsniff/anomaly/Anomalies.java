package io.metricsniff.anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The one place every stage reports its anomalies to. A stage either counts into it
 * ({@link #count}, for the processing thread's hot path: a plain array increment) or keeps its own
 * stats object and connects a getter once ({@link #source}, one line per counter). Counts are
 * read at the end of the run, after the processing thread has been joined.
 */
public final class Anomalies {
    private final long[] counted = new long[Anomaly.values().length];
    private final List<List<LongSupplier>> sources = new ArrayList<>();

    public Anomalies() {
        for (int i = 0; i < counted.length; i++) sources.add(new ArrayList<>(1));
    }

    /** One more occurrence (one packet, one flow...). */
    public void count(Anomaly a) { counted[a.ordinal()]++; }

    /** {@code n} more (bytes, for the byte codes). */
    public void add(Anomaly a, long n) { counted[a.ordinal()] += n; }

    /** Connects a counter a stage keeps itself; its value is added whenever the code is read. */
    public Anomalies source(Anomaly a, LongSupplier counter) {
        sources.get(a.ordinal()).add(counter);
        return this;
    }

    /** Everything reported under {@code a} so far. */
    public long get(Anomaly a) {
        long n = counted[a.ordinal()];
        for (LongSupplier s : sources.get(a.ordinal())) n += s.getAsLong();
        return n;
    }
}
