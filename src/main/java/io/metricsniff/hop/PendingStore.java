package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;

import java.util.Arrays;

/**
 * The pending datapoints of one hop as a ring, no object per datapoint: settling is strictly in
 * arrival order, so a datapoint is a sequence number (an int that wraps; its slot is {@code seq &
 * mask}) appended at the tail and removed at the head. Each slot is {@link #WORDS} longs of one
 * array (one cache line: adding and settling each stream through memory once, where an array per
 * field made as many streams as fields), its endpoints {@link #REFS} references of another. Names
 * sit in a {@link NameRing} (matching uses the 64-bit fingerprint), the first copy inline, further
 * copies in a {@link CopyStore}.
 */
final class PendingStore {
    /** Copies kept per datapoint (a replication factor is small); more are counted, not kept. */
    static final int MAX_COPIES_KEPT = 16;
    /** Copies expected per datapoint at most (16 bits of a word; a replication factor is small). */
    static final int MAX_EXPECTED = 0xFFFF;
    private static final int INITIAL_SLOTS = 1024;
    private static final int WORDS = 8, FP = 0, TS = 1, VB = 2, IN = 3, COPY_TIME = 4, NAME = 5, LINKS = 6, COUNTS = 7; // LINKS: seq delta to the next same key
    private static final int REFS = 4, IN_SRC = 0, IN_DST = 1, COPY_SRC = 2, COPY_DST = 3;

    private int mask = INITIAL_SLOTS - 1;
    private long[] words = new long[INITIAL_SLOTS * WORDS];
    private Endpoint[] refs = new Endpoint[INITIAL_SLOTS * REFS];
    private int[] extra = new int[INITIAL_SLOTS]; // the CopyStore chain, valid once a second copy came
    private int head, size;
    private final NameRing names = new NameRing();
    private final CopyStore copies = new CopyStore();
    private final RejectCodes rejects = new RejectCodes();

    int size() { return size; }
    int head() { return head; }

    /** Room for a name of {@code len} bytes (false: evict the oldest first). */
    boolean nameFits(int len) { return names.fits(Math.min(len, NameRing.MAX_NAME)); }

    /** Appends a datapoint (after {@link #nameFits}); returns its sequence number. */
    int add(long key, long timestamp, long valueBits, byte[] name, int off, int len, long t, Endpoint src, Endpoint dst,
            int expect, String reject) {
        if (size == mask + 1) grow();
        int seq = head + size++, w = (seq & mask) * WORDS, r = (seq & mask) * REFS;
        int n = Math.min(len, NameRing.MAX_NAME);
        words[w + FP] = key;
        words[w + TS] = timestamp;
        words[w + VB] = valueBits;
        words[w + IN] = t;
        words[w + NAME] = (long) names.append(name, off, n) << 32 | n;
        words[w + LINKS] = 0;
        words[w + COUNTS] = (long) rejects.id(reject) << 16 | Math.min(expect, MAX_EXPECTED); // copies (high half) 0
        refs[r + IN_SRC] = src;
        refs[r + IN_DST] = dst;
        return seq;
    }

    /** Forgets the oldest datapoint (its endpoint references stay until the slot is reused: bounded). */
    void removeHead() {
        int w = (head & mask) * WORDS;
        long name = words[w + NAME];
        names.release((int) (name >>> 32), (int) name);
        if (copies(head) > 1) copies.release(extra[head & mask]);
        head++;
        size--;
    }

    private long word(int s, int field) { return words[(s & mask) * WORDS + field]; }
    private Endpoint ref(int s, int field) { return refs[(s & mask) * REFS + field]; }

    long fp(int s) { return word(s, FP); }
    long timestamp(int s) { return word(s, TS); }
    long valueBits(int s) { return word(s, VB); }
    long inNanos(int s) { return word(s, IN); }
    Endpoint inSrc(int s) { return ref(s, IN_SRC); }
    Endpoint inDst(int s) { return ref(s, IN_DST); }
    int expected(int s) { return (int) word(s, COUNTS) & 0xFFFF; }
    String rejected(int s) { return rejects.code((int) word(s, COUNTS) >>> 16 & 0xFFFF); }
    int copies(int s) { return (int) (word(s, COUNTS) >>> 32); }

    String name(int s) {
        long name = word(s, NAME);
        return names.string((int) (name >>> 32), (int) name);
    }

    /** The next datapoint with the same key (a multiset, in arrival order), or {@code s} itself when none. */
    int next(int s) { return s + (int) word(s, LINKS); }

    void link(int s, int after) { words[(s & mask) * WORDS + LINKS] = after - s; }

    void addCopy(int s, long t, Endpoint src, Endpoint dst) {
        int i = s & mask, w = i * WORDS;
        int n = (int) (words[w + COUNTS] >>> 32);
        if (n < Integer.MAX_VALUE) words[w + COUNTS] += 1L << 32;
        if (n == 0) {
            words[w + COPY_TIME] = t;
            refs[i * REFS + COPY_SRC] = src;
            refs[i * REFS + COPY_DST] = dst;
        } else if (n < MAX_COPIES_KEPT) {
            extra[i] = copies.add(n == 1 ? CopyStore.NONE : extra[i], t, src, dst);
        }
    }

    /** Copies kept for {@code s}: {@link #copies} up to {@link #MAX_COPIES_KEPT}. */
    int kept(int s) { return Math.min(copies(s), MAX_COPIES_KEPT); }

    long copyTime(int s, int c) { return c == 0 ? word(s, COPY_TIME) : copies.time(node(s, c)); }
    Endpoint copySrc(int s, int c) { return c == 0 ? ref(s, COPY_SRC) : copies.src(node(s, c)); }
    Endpoint copyDst(int s, int c) { return c == 0 ? ref(s, COPY_DST) : copies.dst(node(s, c)); }

    boolean sentTo(int s, Endpoint dst) {
        int n = copies(s);
        if (n == 0) return false;
        if (ref(s, COPY_DST).equals(dst)) return true;
        if (n == 1) return false;
        for (int c = extra[s & mask]; c != CopyStore.NONE; c = copies.next(c)) if (copies.dst(c).equals(dst)) return true;
        return false;
    }

    private int node(int s, int c) { return copies.at(extra[s & mask], c - 1); }

    /** Doubles the ring: each live datapoint moves from slot seq & oldMask to seq & mask (its number stays). */
    private void grow() {
        int oldMask = mask;
        mask = (mask + 1) * 2 - 1;
        long[] w = new long[(mask + 1) * WORDS];
        Endpoint[] r = new Endpoint[(mask + 1) * REFS];
        int[] x = new int[mask + 1];
        for (int k = 0, s = head; k < size; k++, s++) {
            int from = s & oldMask, to = s & mask;
            System.arraycopy(words, from * WORDS, w, to * WORDS, WORDS);
            System.arraycopy(refs, from * REFS, r, to * REFS, REFS);
            x[to] = extra[from];
        }
        words = w;
        refs = r;
        extra = x;
    }

    /** The receivers' problem codes a rejected datapoint carries, by a small id (0: none). */
    private static final class RejectCodes {
        private String[] codes = new String[] {null};

        int id(String code) {
            if (code == null) return 0;
            for (int i = 1; i < codes.length; i++) if (codes[i].equals(code)) return i;
            if (codes.length > MAX_EXPECTED) return 0; // cannot happen: problem codes are a fixed set
            codes = Arrays.copyOf(codes, codes.length + 1);
            codes[codes.length - 1] = code;
            return codes.length - 1;
        }

        String code(int id) { return codes[id]; }
    }
}
