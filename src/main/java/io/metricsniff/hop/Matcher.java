package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.paths.PathHash;

import java.nio.charset.StandardCharsets;

/**
 * Pairs the datapoints going into one hop with the copies coming out, knowing nothing of verdicts.
 * Datapoints with equal keys (see {@link Pending}) form a multiset: each out copy goes to the oldest
 * pending one that still lacks a copy for that destination, else to the oldest that lacks any
 * copy, else (a copy too many) to the oldest. A datapoint is settled {@link Ending#TIMEOUT} when the
 * timeout has passed in capture time, {@link Ending#EVICTED} when the pending limit (or the room for
 * names) pushes it out, {@link Ending#END} when the capture ends first. Settled in arrival order, so
 * always its key's oldest.
 *
 * <p>The datapoints live in a {@link PendingStore} (primitive arrays, no object per datapoint); keys
 * in an open-addressing table of chain heads (linear probing, backward-shift delete): neither a
 * lookup nor an insert allocates. Datapoints enter the table lazily, when a copy is next looked
 * up: one that settles before any copy came out of the hop never touches it (a hop nothing comes
 * out of, or the pending limit evicting under a flood, costs a ring append and release).
 */
public final class Matcher {
    /** How a pending datapoint was settled. */
    public enum Ending { TIMEOUT, EVICTED, END }

    /** Receives each settled datapoint with how it was settled. */
    public interface Settled { void settled(Pending p, Ending how); }

    /** Whether a timed-out datapoint should wait longer (its destination is stalled: copies may still come). */
    public interface Hold {
        Hold NEVER = (p, now) -> false;

        boolean hold(Pending p, long nowNanos);
    }

    private static final int INITIAL_SLOTS = 1024;
    private static final long SEQ = 0xFFFF_FFFFL;

    // Two longs a slot: the key's 64-bit hash (0: empty), then its chain's head and last sequence
    // numbers. A lookup, an insert and a settle each touch one slot and no datapoint but the ones
    // they change: at 200,000 pending the table and the ring are far beyond the CPU's caches.
    private long[] table = new long[INITIAL_SLOTS * 2];
    private int heads;
    private long evicted;
    private int unindexed; // the newest datapoints, not yet in the table
    private final PendingStore store = new PendingStore();
    private final Pending view = new Pending();
    private final long timeoutNanos;
    private final int maxPending;
    private final Settled settled;
    private final Hold hold;
    private final boolean detach;

    /** Hands {@code settled} a datapoint it may keep (a copy each: for tests and rare callers). */
    public Matcher(long timeoutNanos, int maxPending, Settled settled) { this(timeoutNanos, maxPending, settled, Hold.NEVER, true); }

    /**
     * With {@code hold}: a timed-out head it holds keeps everything behind it pending (settling stays
     * in arrival order). {@code settled} and {@code hold} get one reused view, valid during the call.
     */
    public Matcher(long timeoutNanos, int maxPending, Settled settled, Hold hold) { this(timeoutNanos, maxPending, settled, hold, false); }

    private Matcher(long timeoutNanos, int maxPending, Settled settled, Hold hold, boolean detach) {
        if (maxPending < 1) throw new IllegalArgumentException("maxPending must be positive");
        this.timeoutNanos = timeoutNanos;
        this.maxPending = maxPending;
        this.settled = settled;
        this.hold = hold;
        this.detach = detach;
    }

    public int pending() { return store.size(); }

    /** Datapoints settled because the pending limit pushed them out. */
    public long evicted() { return evicted; }

    /** A datapoint went in. */
    public void in(String name, double timestamp, double value, long timeNanos, Endpoint src, Endpoint dst,
                   int expected, String rejected) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        in(b, 0, b.length, PathHash.of(b, 0, b.length), timestamp, value, timeNanos, src, dst, expected, rejected);
    }

    /** A datapoint went in, its name {@code name[off, off+len)} with fingerprint {@code fp}. */
    public void in(byte[] name, int off, int len, long fp, double timestamp, double value, long timeNanos,
                   Endpoint src, Endpoint dst, int expected, String rejected) {
        while (store.size() > 0 && (store.size() >= maxPending || !store.nameFits(len))) {
            evicted++;
            settleHead(Ending.EVICTED);
        }
        store.add(fp, Pending.storedTimestamp(timestamp), Pending.valueBits(value), name, off, len, timeNanos, src, dst,
                expected, rejected);
        unindexed++;
    }

    /** Puts the datapoints that went in since the last lookup into the key table, in arrival order. */
    private void indexTail() {
        for (int seq = store.head() + store.size() - unindexed; unindexed > 0; seq++, unindexed--) {
            long key = Pending.key(store.fp(seq), store.timestamp(seq), store.valueBits(seq));
            int slot = find(key);
            if (slot >= 0) {
                long links = table[slot + 1];
                store.link((int) links, seq);
                table[slot + 1] = (links & ~SEQ) | (seq & SEQ);
                continue;
            }
            if ((heads + 1) * 4 > table.length) { // half full: linear probing stays short
                grow();
                slot = find(key);
            }
            table[-slot - 1] = key;
            table[-slot] = (long) seq << 32 | (seq & SEQ);
            heads++;
        }
    }

    /** A copy came out; false when no pending datapoint has this key (unmatched). */
    public boolean out(String name, double timestamp, double value, long timeNanos, Endpoint src, Endpoint dst) {
        return out(Pending.fingerprint(name), timestamp, value, timeNanos, src, dst);
    }

    /** A copy came out, its name's fingerprint {@code fp}; false when unmatched. */
    public boolean out(long fp, double timestamp, double value, long timeNanos, Endpoint src, Endpoint dst) {
        if (unindexed > 0) indexTail();
        if (heads == 0) return false;
        long ts = Pending.storedTimestamp(timestamp), vb = Pending.valueBits(value);
        int slot = find(Pending.key(fp, ts, vb));
        if (slot < 0) return false;
        int head = (int) (table[slot + 1] >>> 32), target = head, lacking = 0;
        boolean chosen = false, anyLacking = false; // sequence numbers wrap: no sentinel value
        for (int s = head; ; ) {
            if (store.copies(s) < store.expected(s)) {
                if (!store.sentTo(s, dst)) { target = s; chosen = true; break; }
                if (!anyLacking) { lacking = s; anyLacking = true; }
            }
            int n = store.next(s);
            if (n == s) break;
            s = n;
        }
        if (!chosen && anyLacking) target = lacking;
        store.addCopy(target, timeNanos, src, dst);
        return true;
    }

    /** Settles every datapoint whose timeout has passed by capture time {@code nowNanos}. */
    public void expire(long nowNanos) {
        while (store.size() > 0 && nowNanos - store.inNanos(store.head()) > timeoutNanos
                && !hold.hold(view.at(store, store.head()), nowNanos)) {
            settleHead(Ending.TIMEOUT);
        }
    }

    /** The capture ended at {@code endNanos}: settles everything still pending. */
    public void finish(long endNanos) {
        expire(endNanos);
        while (store.size() > 0) settleHead(Ending.END);
    }

    private void settleHead(Ending how) {
        int seq = store.head();
        if (unindexed == store.size()) { // never looked up: not in the table
            unindexed--;
        } else {
            int slot = find(Pending.key(store.fp(seq), store.timestamp(seq), store.valueBits(seq))); // its chain's head
            long links = table[slot + 1];
            if ((int) links != seq) table[slot + 1] = (long) store.next(seq) << 32 | (links & SEQ);
            else delete(slot);
        }
        Pending p = view.at(store, seq);
        settled.settled(detach ? p.detach() : p, how);
        store.removeHead();
    }

    private static int home(long key, int mask) { return (int) (key ^ key >>> 32) & mask; }

    /** The index of this key's slot in the table, or -(index of the free slot)-1. */
    private int find(long key) {
        int mask = table.length / 2 - 1;
        int i = home(key, mask);
        long e;
        while ((e = table[2 * i]) != 0) {
            if (e == key) return 2 * i;
            i = (i + 1) & mask;
        }
        return -2 * i - 1;
    }

    private void delete(int index) {
        int mask = table.length / 2 - 1;
        int hole = index / 2;
        int i = (hole + 1) & mask;
        long e;
        while ((e = table[2 * i]) != 0) { // move back entries whose home lies at or before the hole
            int home = home(e, mask);
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                table[2 * hole] = e;
                table[2 * hole + 1] = table[2 * i + 1];
                hole = i;
            }
            i = (i + 1) & mask;
        }
        table[2 * hole] = 0;
        heads--;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length / 2 - 1;
        for (int j = 0; j < old.length; j += 2) {
            if (old[j] == 0) continue;
            int i = home(old[j], mask);
            while (table[2 * i] != 0) i = (i + 1) & mask;
            table[2 * i] = old[j];
            table[2 * i + 1] = old[j + 1];
        }
    }
}
