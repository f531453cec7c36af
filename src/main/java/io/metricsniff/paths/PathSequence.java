package io.metricsniff.paths;

/**
 * One stream's order of paths, to predict the next record's path id. Senders write their series
 * in the same order every interval (collectd's plugins, a relay's queue, a StatsD flush), so the
 * path that followed this one last time is very likely the next one. A right guess is checked
 * against the fingerprint column (ids given in arrival order, so mostly the next cache line); a
 * lookup in the index's table touches a random slot of tens of MB: a cache and TLB miss at
 * millions of paths. A wrong guess costs its fingerprint read, itself a cache miss when the order
 * is random, so guesses are offered only while they mostly come true; then the lookups go to the
 * table, and the stream asks for its coming records' lookups to be warmed together ({@link #warm}).
 * One per TCP direction, processing thread only.
 */
public final class PathSequence {
    /**
     * How far the guess's record moves on a right guess (up) and a wrong one (down by 1): guesses
     * are offered while more than 1 in 3 would be right, where a right one saves about what a
     * wrong one costs (its fingerprint check, a cache miss when the order is random).
     */
    private static final int RIGHT = 2;
    /** Bounds of the record: a change of order is followed within a few dozen records. */
    private static final int RECORD_MIN = -16, RECORD_MAX = 32;
    /**
     * While no guesses are offered, only paths whose id is a multiple of this are scored and their
     * successor learnt: each learning is itself a random read, and one path in eight still notices
     * within one round when the order settles.
     */
    private static final int WATCHED_WHILE_OFF = 8;

    private final PathIndex index;
    private int last = PathIndex.NONE;
    private int record = RECORD_MAX; // how the guesses would have fared lately; above 0: offer them
    private boolean looked = true;   // a lookup went (or would have gone) to the table since warm()
    private long warmed;             // the sum warm() read: kept, so that the reads are not optimised away

    PathSequence(PathIndex index) { this.index = index; }

    /**
     * The id that followed the previous record's path last time, or {@link PathIndex#NONE}: none
     * learnt yet, or the stream's order changes too often for guesses to pay.
     */
    public int predict() { return last == PathIndex.NONE || record <= 0 ? PathIndex.NONE : index.successor(last); }

    /**
     * The record's path id ({@link PathIndex#NONE} or unknown: ignored): learnt as the previous one's
     * successor, and the guess scored as it would have fared, offered or not (while none are
     * offered, for one previous path in {@link #WATCHED_WHILE_OFF}).
     */
    public void seen(int id) {
        if (id < 0) return;
        if (last == PathIndex.NONE || record <= 0) looked = true; // no guess offered: the lookup read the table
        if (last != PathIndex.NONE && (record > 0 || last % WATCHED_WHILE_OFF == 0)) {
            int guess = index.successor(last);
            if (guess == id) record = Math.min(RECORD_MAX, record + RIGHT);
            else {
                looked = true;
                index.successor(last, id);
                if (guess != PathIndex.NONE) record = Math.max(RECORD_MIN, record - 1); // nothing learnt: no guess to score
            }
        }
        last = id;
    }

    /**
     * An array of {@link PathIndex#WARM_BATCH} for the fingerprints passed to {@link #warm}: the
     * index's one (everything here runs on the processing thread), not one per stream (100,000 flows).
     */
    public long[] warmBatch() { return index.warmBatch(); }

    /** Whether lookups went to the index's table since the last {@link #warm}: warming would pay. */
    public boolean wantsWarming() { return looked; }

    /**
     * Reads what the lookups of the coming records' paths (their fingerprints, {@code fps[0, n)})
     * will read, all together, before they are judged ({@link PathIndex#warm}).
     */
    public void warm(long[] fps, int n) {
        looked = false;
        warmed += index.warm(fps, n, record > 0);
    }
}
