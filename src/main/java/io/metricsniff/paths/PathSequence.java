package io.metricsniff.paths;

/**
 * One stream's order of paths, to predict the next record's path id. Senders write their series
 * in the same order every interval (collectd's plugins, a relay's queue, a StatsD flush), so the
 * path that followed this one last time is very likely the next one. A right guess is checked
 * against the fingerprint column (ids given in arrival order, so mostly the next cache line); a
 * lookup in the index's table touches a random slot of tens of MB: a cache and TLB miss at
 * millions of paths. A wrong guess costs one compare. One per TCP direction, processing thread only.
 */
public final class PathSequence {
    private final PathIndex index;
    private int last = PathIndex.NONE;

    PathSequence(PathIndex index) { this.index = index; }

    /** The id that followed the previous record's path last time, or {@link PathIndex#NONE}. */
    public int predict() { return last == PathIndex.NONE ? PathIndex.NONE : index.successor(last); }

    /** The record's path id ({@link PathIndex#NONE} or unknown: ignored): learnt as the previous one's successor. */
    public void seen(int id) {
        if (id < 0) return;
        if (last != PathIndex.NONE && index.successor(last) != id) index.successor(last, id);
        last = id;
    }
}
