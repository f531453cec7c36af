package io.metricsniff.verdict;

import io.metricsniff.paths.DoubleColumn;
import io.metricsniff.paths.PathIndex;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problems;
import io.metricsniff.record.Verdict;

/**
 * Per-path ordering: a timestamp older than the newest one already seen for the same path.
 * carbon-relay-ng drops such points only with validate_order on (off by default, cfg/cfg.go
 * NewConfig); carbon and go-carbon write them into their slot, so by default it is only a note.
 * The newest timestamp per path is a column of the run's {@link PathIndex} (no String, no object
 * per path); beyond the index's limit only its sample of paths is checked, as
 * {@link PathIndex#sampledFraction()} reports.
 */
public final class TimestampOrder {
    private final PathIndex index;
    private final DoubleColumn newest;
    private final boolean drops;
    private final String receiver;

    public TimestampOrder(PathIndex index, String receiver, boolean receiverDropsThem) {
        this.index = index;
        this.newest = index.doubles(Double.NaN);
        this.receiver = receiver;
        this.drops = receiverDropsThem;
    }

    /** Flags {@code rec} when its timestamp goes backwards for its path; remembers the newest otherwise. */
    public void check(MetricRecord rec) {
        if (!rec.hasTimestamp() || !rec.hasPath() || rec.verdict() == Verdict.MALFORMED) return;
        double ts = rec.timestamp();
        if (!Double.isFinite(ts)) return;
        int id = index.id(rec);
        if (id == PathIndex.NONE) return;
        double last = newest.get(id);
        if (ts < last) {
            rec.flag(drops ? Verdict.MALFORMED : Verdict.OK, Problems.timestampBackwards(receiver, last - ts, drops));
        } else if (!(ts == last)) {
            newest.set(id, ts);     // NaN (first point) compares false both ways
        }
    }
}
