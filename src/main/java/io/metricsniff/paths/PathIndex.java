package io.metricsniff.paths;

import io.metricsniff.record.MetricRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Path bytes to a dense id, for every per-path feature of a run (order check, statistics,
 * retention intervals): one lookup per record, the id cached on the record. Open addressing with
 * linear probing over one {@code long} a slot (tag and id) and a fingerprint column by id; no object
 * per path. Per-path state lives in {@link Column}s indexed by the id.
 *
 * <p>Bounded: at {@code maxPaths} tracked paths the index halves its sample (level + 1): only paths
 * whose fingerprint has its low {@code level} bits zero stay, so a path is consistently in or out;
 * the others' ids are released (their columns reset) and reused. {@link #sampledFraction()} says
 * what is covered. Single-threaded: the processing thread alone calls it.
 */
public final class PathIndex {
    /** Paths tracked before sampling: ~50 bytes each with the order check (384 MB peak RSS at 5 M). */
    public static final int DEFAULT_MAX_PATHS = 5_000_000;
    /**
     * With the retention advice's interval figures (~85 bytes a path more, with its name): at 5 M
     * paths they did not fit the launcher's 288 MB heap (the run thrashed in GC for minutes), so
     * fewer paths are tracked and the rest sampled, as the summary says.
     */
    public static final int MAX_PATHS_WITH_INTERVALS = 1_000_000;
    /** Returned for a record with no path, or one whose path is outside the sample. */
    public static final int NONE = -1;
    /** Bits of a slot for id + 1; the other 41 hold the fingerprint's tag. */
    private static final int ID_BITS = 23;
    private static final long ID = (1L << ID_BITS) - 1, TAG = ~ID;
    /** Ids (and so paths before sampling) one slot can name. */
    public static final int MAX_IDS = (int) ID - 1;
    /** The table grows at 3/4 full: linear probing stays short with a mixed hash. */
    private static final int LOAD_NUM = 3, LOAD_DEN = 4;
    private static final int INITIAL_SLOTS = 1024;
    /**
     * Lookups warmed together ({@link #warm}): more than a 1500-byte segment's lines, few enough
     * that what they read stays in cache (and the TLB) until the lines are judged.
     */
    public static final int WARM_BATCH = 64;

    private final int maxPaths;
    // One long a slot: the fingerprint's high 41 bits (the tag) over id + 1 (0 = empty). A path's home
    // slot is the top bits of its tag, so the table keeps paths in fingerprint order and growing it is
    // two sequential streams: slot s of the old table goes to 2s or 2s+1 of the new (placing paths
    // by id was a random write each: 10 % of a 5 M-path replay). The home bits say little within a
    // probe run, so a tag match is checked against the full fingerprint (by id), which keeps the
    // index exact; a path new to the index meets a matching tag only by chance (~1 in 2^18 a slot at
    // 5 M paths).
    private long[] slots = new long[INITIAL_SLOTS];
    private int shift = Long.SIZE - Integer.numberOfTrailingZeros(INITIAL_SLOTS); // home = fp >>> shift
    private final LongColumn fingerprints = new LongColumn(0);
    private int size;
    private int nextId;
    private int[] free = new int[0];
    private int freeCount;
    private int level;
    private long sampledOut;
    private final List<Column> columns = new ArrayList<>();
    private final long[] warmFps = new long[WARM_BATCH]; // filled by the warming stream (see PathSequence)
    private final int[] warmIds = new int[WARM_BATCH];
    /** Per id, the id that followed it last in some stream (see {@link PathSequence}). */
    private final IntColumn successors = register(new IntColumn(NONE));

    public PathIndex() { this(DEFAULT_MAX_PATHS); }

    public PathIndex(int maxPaths) {
        if (maxPaths < 1 || maxPaths > MAX_IDS) throw new IllegalArgumentException("maxPaths must be 1 to " + MAX_IDS);
        this.maxPaths = maxPaths;
    }

    /** The record's path id (computed once, then cached on it), or {@link #NONE}. */
    public int id(MetricRecord r) {
        int cached = r.pathId();
        if (cached != MetricRecord.PATH_ID_UNSET) return cached;
        int id;
        if (!r.hasPath()) id = NONE;
        else {
            long fp;
            if (r.pathOffsetInRaw() >= 0) fp = PathHash.of(r.rawBytes(), r.pathOffsetInRaw(), r.pathLengthInRaw());
            else {
                byte[] b = r.path().getBytes(StandardCharsets.UTF_8);
                fp = PathHash.of(b, 0, b.length);
            }
            r.pathFingerprint(fp);
            id = idOf(fp, r.pathHint());
        }
        r.pathId(id);
        return id;
    }

    public int id(byte[] b, int off, int len) { return idOf(PathHash.of(b, off, len)); }

    /** The id of the path with this fingerprint, added if new and sampled in; {@link #NONE} if out. */
    public int idOf(long fp) { return idOf(fp, NONE); }

    /**
     * As {@link #idOf(long)}, trying {@code predicted} first: it is the answer when its fingerprint
     * is {@code fp} (a released id keeps a fingerprint outside the sample, which the check below
     * turns away first).
     */
    public int idOf(long fp, int predicted) {
        if (!sampled(fp)) { sampledOut++; return NONE; }
        if (predicted >= 0 && predicted < nextId && fingerprints.get(predicted) == fp) return predicted;
        int mask = slots.length - 1;
        int i = (int) (fp >>> shift);
        for (long e; (e = slots[i]) != 0; i = (i + 1) & mask) {
            if (((e ^ fp) & TAG) == 0) {
                int id = (int) (e & ID) - 1;
                if (fingerprints.get(id) == fp) return id;
            }
        }
        if (size >= maxPaths) {
            halveSample();
            return idOf(fp);
        }
        int id = freeCount > 0 ? free[--freeCount] : nextId++;
        if ((id & Column.MASK) == 0) allocate(id);
        slots[i] = (fp & TAG) | (id + 1);
        fingerprints.set(id, fp);
        if (++size * LOAD_DEN > slots.length * LOAD_NUM) grow();
        return id;
    }

    /**
     * Reads, changing nothing, what lookups of these fingerprints will read: their slots, then for
     * each path found its fingerprint and column entries. Each step is a tight loop over all of
     * them, so the processor has many cache misses in flight at once (one at a time, behind each
     * line's work, each cost its full latency). The ids are a guess by tag, good enough for
     * warming.
     *
     * @param successorsToo whether the stream will read these paths' successors (see
     *                      {@link PathSequence}: not while it offers no guesses)
     * @return a sum of what was read, for the caller to keep (else the reads could be dropped)
     */
    long warm(long[] fps, int n, boolean successorsToo) {
        long sum = 0;
        long[] table = slots;
        for (int k = 0; k < n; k++) sum += table[(int) (fps[k] >>> shift)];
        int found = 0;
        for (int k = 0; k < n; k++) {
            int id = idByTag(fps[k]);
            if (id >= 0) warmIds[found++] = id;
        }
        sum += fingerprints.read(warmIds, found);
        for (Column c : columns) if (successorsToo || c != successors) sum += c.read(warmIds, found);
        return sum;
    }

    long[] warmBatch() { return warmFps; }

    /** The id in the first slot whose tag matches {@code fp}'s, or -1: for warming, unchecked. */
    private int idByTag(long fp) {
        int mask = slots.length - 1;
        for (int i = (int) (fp >>> shift); slots[i] != 0; i = (i + 1) & mask) {
            if (((slots[i] ^ fp) & TAG) == 0) return (int) (slots[i] & ID) - 1;
        }
        return -1;
    }

    /** A new order of paths for one stream (a TCP direction), to predict its next path id. */
    public PathSequence sequence() { return new PathSequence(this); }

    int successor(int id) { return successors.get(id); }

    void successor(int id, int next) { successors.set(id, next); }

    /** Paths tracked now. */
    public int size() { return size; }

    /** One past the highest id handed out: columns never need more. */
    public int idLimit() { return nextId; }

    /** The fraction of paths tracked: 1 until the limit, then 1/2, 1/4 ... */
    public double sampledFraction() { return 1.0 / (1L << level); }

    /** Lookups of paths outside the sample (records no per-path feature saw). */
    public long sampledOutRecords() { return sampledOut; }

    public int maxPaths() { return maxPaths; }

    private boolean sampled(long fp) { return inSample(fp, level); }

    /**
     * In the sample of {@code level}: the fingerprint's low {@code level} bits are zero (the top
     * bits place a path in the table: a sample of them would crowd one end of it).
     */
    private static boolean inSample(long fp, int level) { return (fp & ((1L << level) - 1)) == 0; }

    /** A column of doubles indexed by path id; entries go back to {@code initial} when an id is released. */
    public DoubleColumn doubles(double initial) { return register(new DoubleColumn(initial)); }

    public LongColumn longs(long initial) { return register(new LongColumn(initial)); }

    /** Called with each id released when the sample halves, before the id is reused. */
    public void onRelease(java.util.function.IntConsumer reset) {
        register(new Column() {
            @Override void reset(int id) { reset.accept(id); }
            @Override void allocate(int id) { }
            @Override long read(int[] ids, int n) { return 0; }
        });
    }

    private <C extends Column> C register(C c) {
        columns.add(c);
        for (int id = 0; id < nextId; id += Column.PAGE) c.allocate(id);
        return c;
    }

    /**
     * Every column's page for ids from {@code id} on, when the first id of a page is given out, so
     * that the columns' own checks for a missing page never come true in compiled code. The JIT
     * compiles a branch never taken so far as a trap: each of those checks, first met there, cost
     * a deoptimisation and a recompilation of the whole inlined line path (up to ~0.5 s of the
     * compiler's time each, the line path running slower meanwhile; -XX:+LogCompilation at 5 M
     * paths). The branch that calls this is the one left.
     */
    private void allocate(int id) {
        fingerprints.allocate(id);
        for (Column c : columns) c.allocate(id);
    }

    /**
     * Halves the sample: ids whose fingerprint falls out are released, the rest placed anew. Both
     * walk the ids in order, so the columns are reset and the fingerprints read sequentially (in
     * table order each was a cache miss, at 5 M paths a few million of them).
     */
    private void halveSample() {
        if (level == 40) throw new IllegalStateException("path sample exhausted"); // needs 2^40 paths
        level++;
        for (int id = 0; id < nextId; id++) {
            long fp = fingerprints.get(id);
            if (inSample(fp, level - 1) && !inSample(fp, level)) { // tracked until now (a free id is outside both)
                release(id);
                size--;
            }
        }
        placeByIds();
    }

    private void release(int id) {
        if (freeCount == free.length) free = Arrays.copyOf(free, Math.max(1024, free.length * 2));
        free[freeCount++] = id;
        for (Column c : columns) c.reset(id);
    }

    /**
     * Twice the slots, old table walked in order: its paths come in home order, and a path with home
     * h goes to 2h or 2h+1, so reads and writes both stream (and no fingerprint is read).
     */
    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        shift--;
        for (long e : old) if (e != 0) place(e);
    }

    /**
     * After the sample halved: the table emptied in place and every tracked path placed anew,
     * walking the ids (the fingerprints column is read in order). A tracked id is one below
     * {@link #nextId} whose fingerprint is in the sample: a released id keeps one that is not.
     */
    private void placeByIds() {
        Arrays.fill(slots, 0);
        for (int id = 0; id < nextId; id++) {
            long fp = fingerprints.get(id);
            if (sampled(fp)) place((fp & TAG) | (id + 1));
        }
    }

    /** Puts slot entry {@code e} at its home or the first free slot after it (its tag holds the home bits). */
    private void place(long e) {
        int mask = slots.length - 1;
        int i = (int) (e >>> shift);
        while (slots[i] != 0) i = (i + 1) & mask;
        slots[i] = e;
    }
}
