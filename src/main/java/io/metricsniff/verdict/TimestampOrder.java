package io.metricsniff.verdict;

import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problems;
import io.metricsniff.record.Verdict;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Per-path ordering: a timestamp older than the newest one already seen for the same path.
 * carbon-relay-ng drops such points only with validate_order on (off by default, cfg/cfg.go
 * NewConfig); carbon and go-carbon write them into their slot, so by default it is only a note. Keyed by the path's bytes in an open-addressing
 * table, so carbon's hot path makes no String. Bounded: past {@link #MAX_PATHS} paths, new paths
 * are not tracked (counted in {@link #untracked()}).
 */
public final class TimestampOrder {
    /** Paths remembered; as many as a PathTable keeps, at ~100 bytes each. */
    public static final int MAX_PATHS = 200_000;

    private byte[][] keys = new byte[1024][];
    private int[] hashes = new int[1024];
    private double[] newest = new double[1024];
    private int size;
    private long untracked;
    private final boolean drops;
    private final String receiver;

    public TimestampOrder(String receiver, boolean receiverDropsThem) {
        this.receiver = receiver;
        this.drops = receiverDropsThem;
    }

    /** Flags {@code rec} when its timestamp goes backwards for its path; remembers the newest otherwise. */
    public void check(MetricRecord rec) {
        if (!rec.hasTimestamp() || !rec.hasPath() || rec.verdict() == Verdict.MALFORMED) return;
        double ts = rec.timestamp();
        if (!Double.isFinite(ts)) return;
        byte[] b;
        int off, len;
        if (rec.pathOffsetInRaw() >= 0) {
            b = rec.rawBytes();
            off = rec.pathOffsetInRaw();
            len = rec.pathLengthInRaw();
        } else {
            b = rec.path().getBytes(StandardCharsets.UTF_8);
            off = 0;
            len = b.length;
        }
        int h = hash(b, off, len);
        int mask = keys.length - 1;
        int i = h & mask;
        while (keys[i] != null) {
            if (hashes[i] == h && Arrays.equals(keys[i], 0, keys[i].length, b, off, off + len)) {
                double last = newest[i];
                if (ts < last) {
                    rec.flag(drops ? Verdict.MALFORMED : Verdict.OK, Problems.timestampBackwards(receiver, last - ts, drops));
                } else {
                    newest[i] = ts;
                }
                return;
            }
            i = (i + 1) & mask;
        }
        if (size >= MAX_PATHS) {
            untracked++;
            return;
        }
        keys[i] = Arrays.copyOfRange(b, off, off + len);
        hashes[i] = h;
        newest[i] = ts;
        if (++size * 2 > keys.length) grow();
    }

    /** Records whose path was not tracked because the table was full. */
    public long untracked() { return untracked; }

    // Eight bytes a step: this runs once per metric line.
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static int hash(byte[] b, int off, int len) {
        long h = len;
        int i = off, end = off + len;
        for (; i + 8 <= end; i += 8) h = (h ^ (long) LONGS.get(b, i)) * 0x9E3779B97F4A7C15L;
        for (; i < end; i++) h = (h ^ b[i]) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private void grow() {
        byte[][] ok = keys;
        int[] oh = hashes;
        double[] on = newest;
        int cap = ok.length * 2, mask = cap - 1;
        keys = new byte[cap][];
        hashes = new int[cap];
        newest = new double[cap];
        for (int j = 0; j < ok.length; j++) {
            if (ok[j] == null) continue;
            int i = oh[j] & mask;
            while (keys[i] != null) i = (i + 1) & mask;
            keys[i] = ok[j];
            hashes[i] = oh[j];
            newest[i] = on[j];
        }
    }
}
