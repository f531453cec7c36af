package io.metricsniff.paths;

import io.metricsniff.record.MetricRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Path bytes to a dense id, for every per-path feature of a run (order check, statistics,
 * retention intervals): one lookup per record, the id cached on the record. Open addressing with
 * linear probing over two primitive arrays (fingerprint, id); no object per path. Per-path state
 * lives in {@link Column}s indexed by the id.
 *
 * <p>Bounded: at {@code maxPaths} tracked paths the index halves its sample (level + 1): only paths
 * whose fingerprint has its top {@code level} bits zero stay, so a path is consistently in or out;
 * the others' ids are released (their columns reset) and reused. {@link #sampledFraction()} says
 * what is covered. Single-threaded: the processing thread alone calls it.
 */
public final class PathIndex {
    /** Paths tracked before sampling: ~45 bytes each with the order check (384 MB peak RSS at 5 M). */
    public static final int DEFAULT_MAX_PATHS = 5_000_000;
    /** Returned for a record with no path, or one whose path is outside the sample. */
    public static final int NONE = -1;
    /** The table grows at 3/4 full: linear probing stays short with a mixed hash. */
    private static final int LOAD_NUM = 3, LOAD_DEN = 4;
    private static final int INITIAL_SLOTS = 1024;

    private final int maxPaths;
    private long[] keys = new long[INITIAL_SLOTS];   // 0 = empty; a fingerprint of 0 is stored as 1
    private int[] ids = new int[INITIAL_SLOTS];
    private int size;
    private int nextId;
    private int[] free = new int[0];
    private int freeCount;
    private int level;
    private long sampledOut;
    private final List<Column> columns = new ArrayList<>();

    public PathIndex() { this(DEFAULT_MAX_PATHS); }

    public PathIndex(int maxPaths) {
        if (maxPaths < 1) throw new IllegalArgumentException("maxPaths must be positive");
        this.maxPaths = maxPaths;
    }

    /** The record's path id (computed once, then cached on it), or {@link #NONE}. */
    public int id(MetricRecord r) {
        int cached = r.pathId();
        if (cached != MetricRecord.PATH_ID_UNSET) return cached;
        int id;
        if (!r.hasPath()) id = NONE;
        else if (r.pathOffsetInRaw() >= 0) id = id(r.rawBytes(), r.pathOffsetInRaw(), r.pathLengthInRaw());
        else {
            byte[] b = r.path().getBytes(StandardCharsets.UTF_8);
            id = id(b, 0, b.length);
        }
        r.pathId(id);
        return id;
    }

    public int id(byte[] b, int off, int len) { return idOf(PathHash.of(b, off, len)); }

    /** The id of the path with this fingerprint, added if new and sampled in; {@link #NONE} if out. */
    public int idOf(long fingerprint) {
        long fp = fingerprint == 0 ? 1 : fingerprint;
        if (!sampled(fp)) { sampledOut++; return NONE; }
        int mask = keys.length - 1;
        int i = (int) fp & mask;
        for (long k; (k = keys[i]) != 0; i = (i + 1) & mask) {
            if (k == fp) return ids[i];
        }
        if (size >= maxPaths) {
            halveSample();
            return idOf(fp);
        }
        keys[i] = fp;
        int id = freeCount > 0 ? free[--freeCount] : nextId++;
        ids[i] = id;
        if (++size * LOAD_DEN > keys.length * LOAD_NUM) grow();
        return id;
    }

    /** Paths tracked now. */
    public int size() { return size; }

    /** One past the highest id handed out: columns never need more. */
    public int idLimit() { return nextId; }

    /** The fraction of paths tracked: 1 until the limit, then 1/2, 1/4 ... */
    public double sampledFraction() { return 1.0 / (1L << level); }

    /** Lookups of paths outside the sample (records no per-path feature saw). */
    public long sampledOutRecords() { return sampledOut; }

    public int maxPaths() { return maxPaths; }

    private boolean sampled(long fp) { return level == 0 || fp >>> (64 - level) == 0; }

    /** A column of doubles indexed by path id; entries go back to {@code initial} when an id is released. */
    public DoubleColumn doubles(double initial) { return register(new DoubleColumn(initial)); }

    public LongColumn longs(long initial) { return register(new LongColumn(initial)); }

    /** Called with each id released when the sample halves, before the id is reused. */
    public void onRelease(java.util.function.IntConsumer reset) {
        register(new Column() { @Override void reset(int id) { reset.accept(id); } });
    }

    private <C extends Column> C register(C c) {
        columns.add(c);
        return c;
    }

    private void halveSample() {
        if (level == 63) throw new IllegalStateException("path sample exhausted"); // needs 2^63 paths
        level++;
        int mask = keys.length - 1;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == 0 || sampled(keys[i])) continue;
            release(ids[i]);
            keys[i] = 0;
            size--;
        }
        // linear probing: re-place every entry, walking once round the ring from an empty slot
        int start = 0;
        while (keys[start] != 0) start++;
        for (int n = 1; n <= mask; n++) {
            int j = (start + n) & mask;
            long k = keys[j];
            if (k == 0) continue;
            int id = ids[j];
            keys[j] = 0;
            int i = (int) k & mask;
            while (keys[i] != 0) i = (i + 1) & mask;
            keys[i] = k;
            ids[i] = id;
        }
    }

    private void release(int id) {
        if (freeCount == free.length) free = Arrays.copyOf(free, Math.max(1024, free.length * 2));
        free[freeCount++] = id;
        for (Column c : columns) c.reset(id);
    }

    private void grow() {
        long[] ok = keys;
        int[] oi = ids;
        keys = new long[ok.length * 2];
        ids = new int[ok.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < ok.length; j++) {
            long k = ok[j];
            if (k == 0) continue;
            int i = (int) k & mask;
            while (keys[i] != 0) i = (i + 1) & mask;
            keys[i] = k;
            ids[i] = oi[j];
        }
    }
}
