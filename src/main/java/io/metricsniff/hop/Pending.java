package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;

import java.util.Arrays;
import java.util.List;

/**
 * One datapoint that went into a hop, with the copies of it seen coming out so far. Its key is
 * what it is matched by: the name as the hop sends it on, the timestamp as whisper stores it (whole
 * seconds, truncated as {@code int(timestamp)} does) and the value as a double (bit-exact, -0.0 as 0).
 */
public final class Pending {
    final String name;
    final long timestamp;
    final long valueBits;
    final int hash;
    final long inNanos;
    final Endpoint inSrc, inDst;
    /** How many copies the hop should send (its replication factor, or what its router says). */
    final int expected;
    /** Why the hop's receiver rejects it (a problem code), or null when it accepts it. */
    final String rejected;
    Pending next; // the next pending datapoint with the same key (a multiset, in arrival order)
    Pending last; // on a chain's head: its last datapoint, so that appending is O(1)
    private Copy[] copies;
    private int count;

    Pending(String name, long timestamp, long valueBits, int hash, long inNanos, Endpoint inSrc, Endpoint inDst,
            int expected, String rejected) {
        this.name = name;
        this.timestamp = timestamp;
        this.valueBits = valueBits;
        this.hash = hash;
        this.inNanos = inNanos;
        this.inSrc = inSrc;
        this.inDst = inDst;
        this.expected = expected;
        this.rejected = rejected;
    }

    /** Whisper's slot for a timestamp: {@code int(t)}. */
    static long storedTimestamp(double t) { return (long) t; }

    /** The value's bits, one for 0.0 and -0.0 (both print and store as 0). */
    static long valueBits(double v) { return Double.doubleToLongBits(v == 0.0 ? 0.0 : v); }

    static int hash(String name, long timestamp, long valueBits) {
        // each part times its own odd 64-bit constant, then a 64-bit finalizer: a plain *31 chain lets
        // (value, timestamp, name) steps cancel out, and linear probing then degrades into long clusters
        long h = name.hashCode() * 0x9E3779B97F4A7C15L ^ timestamp * 0xC2B2AE3D27D4EB4FL ^ valueBits * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) (h ^ (h >>> 32));
    }

    boolean is(String n, long ts, long vb, int h) {
        return hash == h && timestamp == ts && valueBits == vb && name.equals(n);
    }

    public String name() { return name; }
    public long timestamp() { return timestamp; }
    public double value() { return Double.longBitsToDouble(valueBits); }
    public Copy in() { return new Copy(inNanos, inSrc, inDst); }
    public int expected() { return expected; }
    public String rejected() { return rejected; }
    public int copies() { return count; }
    public Copy copy(int i) { return copies[i]; }

    void add(Copy c) {
        if (copies == null) copies = new Copy[Math.max(expected, 1)];
        else if (count == copies.length) copies = Arrays.copyOf(copies, count * 2);
        copies[count++] = c;
    }

    boolean sentTo(Endpoint dst) {
        for (int i = 0; i < count; i++) if (copies[i].dst().equals(dst)) return true;
        return false;
    }

    /** The copies as a list, for records. */
    public List<Copy> copyList() { return count == 0 ? List.of() : List.of(Arrays.copyOf(copies, count)); }
}
