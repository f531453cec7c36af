package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.paths.PathHash;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One datapoint that went into a hop, with the copies of it seen coming out so far. Its key is
 * what it is matched by: the name as the hop sends it on (by its 64-bit {@link PathHash}
 * fingerprint), the timestamp as whisper stores it (whole seconds, truncated as {@code
 * int(timestamp)} does) and the value as a double (bit-exact, -0.0 as 0).
 *
 * <p>The {@link Matcher} hands out one reused view over its {@link PendingStore}, valid during the
 * call it is passed to; {@link #detach()} makes a copy to keep.
 */
public final class Pending {
    private PendingStore store; // null when detached
    private int seq;
    private String name;        // made on first use
    // the rest when detached only
    private long fp, timestamp, valueBits, inNanos;
    private Endpoint inSrc, inDst;
    private int expected;
    private String rejected;
    private int copies;
    private List<Copy> kept;

    Pending() { }

    /** Points this view at datapoint {@code s} of {@code st} (read on demand: an evicted one is never read). */
    Pending at(PendingStore st, int s) {
        store = st;
        seq = s;
        name = null;
        return this;
    }

    /** A copy of this datapoint that stays valid after the call it was handed to. */
    Pending detach() {
        Pending d = new Pending();
        d.name = name();
        d.fp = fingerprint();
        d.timestamp = timestamp();
        d.valueBits = Pending.valueBits(value());
        d.inNanos = inNanos();
        Copy in = in();
        d.inSrc = in.src();
        d.inDst = in.dst();
        d.expected = expected();
        d.rejected = rejected();
        d.copies = copies();
        d.kept = copyList();
        return d;
    }

    /** Whisper's slot for a timestamp: {@code int(t)}. */
    static long storedTimestamp(double t) { return (long) t; }

    /** The value's bits, one for 0.0 and -0.0 (both print and store as 0). */
    static long valueBits(double v) { return Double.doubleToLongBits(v == 0.0 ? 0.0 : v); }

    /** The fingerprint of a name given as a String (its UTF-8 bytes, as the wire carries it). */
    static long fingerprint(String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        return PathHash.of(b, 0, b.length);
    }

    /**
     * The key as one 64-bit hash, never 0, which the matcher compares instead of the three parts (a
     * false match needs a 64-bit collision, as with the name's fingerprint). Built from bijections,
     * so equal name and timestamp with different values never collide: fmix(fmix(fp ^ ts * K1) ^ vb * K2).
     */
    static long key(long fingerprint, long timestamp, long valueBits) {
        long k = PathHash.fmix(PathHash.fmix(fingerprint ^ timestamp * 0xC2B2AE3D27D4EB4FL) ^ valueBits * 0x165667B19E3779F9L);
        return k == 0 ? 1 : k;
    }

    public String name() {
        if (name == null) name = store.name(seq);
        return name;
    }

    long fingerprint() { return store != null ? store.fp(seq) : fp; }
    public long timestamp() { return store != null ? store.timestamp(seq) : timestamp; }
    public double value() { return Double.longBitsToDouble(store != null ? store.valueBits(seq) : valueBits); }
    long inNanos() { return store != null ? store.inNanos(seq) : inNanos; }
    public Copy in() { return store != null ? new Copy(store.inNanos(seq), store.inSrc(seq), store.inDst(seq)) : new Copy(inNanos, inSrc, inDst); }
    /** How many copies the hop should send (its replication factor, or what its router says). */
    public int expected() { return store != null ? store.expected(seq) : expected; }
    /** Why the hop's receiver rejects it (a problem code), or null when it accepts it. */
    public String rejected() { return store != null ? store.rejected(seq) : rejected; }
    /** Copies seen leaving (all counted; the first {@link PendingStore#MAX_COPIES_KEPT} kept). */
    public int copies() { return store != null ? store.copies(seq) : copies; }
    int kept() { return store != null ? store.kept(seq) : kept.size(); }
    long copyTime(int i) { return store != null ? store.copyTime(seq, i) : kept.get(i).timeNanos(); }
    Endpoint copyDst(int i) { return store != null ? store.copyDst(seq, i) : kept.get(i).dst(); }
    public Copy copy(int i) { return store != null ? new Copy(store.copyTime(seq, i), store.copySrc(seq, i), store.copyDst(seq, i)) : kept.get(i); }

    boolean sentTo(Endpoint dst) {
        if (store != null) return store.sentTo(seq, dst);
        for (Copy c : kept) if (c.dst().equals(dst)) return true;
        return false;
    }

    /** The copies kept, for records. */
    public List<Copy> copyList() {
        if (store == null) return kept;
        int n = kept();
        if (n == 0) return List.of();
        List<Copy> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(copy(i));
        return List.copyOf(out);
    }
}
