package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;

import java.util.ArrayDeque;

/**
 * Pairs the datapoints going into one hop with the copies coming out, knowing nothing of verdicts.
 * Datapoints with equal keys (see {@link Pending}) form a multiset: each out copy goes to the oldest
 * pending one that still lacks a copy for that destination, else to the oldest that lacks any
 * copy, else (a copy too many) to the oldest. A datapoint is settled {@link Ending#TIMEOUT} when the
 * timeout has passed in capture time, {@link Ending#EVICTED} when the pending limit pushes it out,
 * {@link Ending#END} when the capture ends first. Settled in arrival order, so always its key's oldest.
 *
 * <p>Keys live in an open-addressing table of chain heads (linear probing, backward-shift delete):
 * a lookup allocates nothing, an insert only the {@link Pending} itself.
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

    private Pending[] table = new Pending[INITIAL_SLOTS];
    private int[] hashes = new int[INITIAL_SLOTS]; // beside the table: a probe reads no Pending it does not match
    private int heads;
    private long evicted;
    private final ArrayDeque<Pending> order = new ArrayDeque<>();
    private final long timeoutNanos;
    private final int maxPending;
    private final Settled settled;
    private final Hold hold;

    public Matcher(long timeoutNanos, int maxPending, Settled settled) { this(timeoutNanos, maxPending, settled, Hold.NEVER); }

    /** With {@code hold}: a timed-out head it holds keeps everything behind it pending (settling stays in arrival order). */
    public Matcher(long timeoutNanos, int maxPending, Settled settled, Hold hold) {
        if (maxPending < 1) throw new IllegalArgumentException("maxPending must be positive");
        this.timeoutNanos = timeoutNanos;
        this.maxPending = maxPending;
        this.settled = settled;
        this.hold = hold;
    }

    public int pending() { return order.size(); }

    /** Datapoints settled because the pending limit pushed them out. */
    public long evicted() { return evicted; }

    /** A datapoint went in. */
    public void in(String name, double timestamp, double value, long timeNanos, Endpoint src, Endpoint dst,
                   int expected, String rejected) {
        if (order.size() >= maxPending) {
            evicted++;
            settleHead(Ending.EVICTED);
        }
        long ts = Pending.storedTimestamp(timestamp), vb = Pending.valueBits(value);
        int h = Pending.hash(name, ts, vb);
        Pending p = new Pending(name, ts, vb, h, timeNanos, src, dst, expected, rejected);
        int slot = find(name, ts, vb, h);
        if (slot >= 0) {
            Pending head = table[slot];
            (head.last == null ? head : head.last).next = p;
            head.last = p;
        } else {
            if ((heads + 1) * 2 > table.length) {
                grow();
                slot = find(name, ts, vb, h);
            }
            table[-slot - 1] = p;
            hashes[-slot - 1] = h;
            heads++;
        }
        order.addLast(p);
    }

    /** A copy came out; false when no pending datapoint has this key (unmatched). */
    public boolean out(String name, double timestamp, double value, long timeNanos, Endpoint src, Endpoint dst) {
        if (heads == 0) return false;
        long ts = Pending.storedTimestamp(timestamp), vb = Pending.valueBits(value);
        int slot = find(name, ts, vb, Pending.hash(name, ts, vb));
        if (slot < 0) return false;
        Pending head = table[slot], target = null, lacking = null;
        for (Pending p = head; p != null; p = p.next) {
            if (p.copies() < p.expected) {
                if (!p.sentTo(dst)) { target = p; break; }
                if (lacking == null) lacking = p;
            }
        }
        if (target == null) target = lacking != null ? lacking : head;
        target.add(new Copy(timeNanos, src, dst));
        return true;
    }

    /** Settles every datapoint whose timeout has passed by capture time {@code nowNanos}. */
    public void expire(long nowNanos) {
        Pending p;
        while ((p = order.peekFirst()) != null && nowNanos - p.inNanos > timeoutNanos && !hold.hold(p, nowNanos)) {
            settleHead(Ending.TIMEOUT);
        }
    }

    /** The capture ended at {@code endNanos}: settles everything still pending. */
    public void finish(long endNanos) {
        expire(endNanos);
        while (!order.isEmpty()) settleHead(Ending.END);
    }

    private void settleHead(Ending how) {
        Pending p = order.pollFirst();
        int mask = table.length - 1;
        int slot = p.hash & mask;
        while (table[slot] != p) slot = (slot + 1) & mask; // it is its chain's head: found by identity
        if (p.next != null) {
            table[slot] = p.next;
            if (p.last != p.next) p.next.last = p.last;
        } else {
            delete(slot);
        }
        settled.settled(p, how);
    }

    /** The slot holding this key's chain, or -(free slot)-1. */
    private int find(String name, long ts, long vb, int h) {
        int mask = table.length - 1;
        int i = h & mask;
        Pending p;
        while ((p = table[i]) != null) {
            if (hashes[i] == h && p.is(name, ts, vb, h)) return i;
            i = (i + 1) & mask;
        }
        return -i - 1;
    }

    private void delete(int slot) {
        int mask = table.length - 1;
        int hole = slot;
        int i = (slot + 1) & mask;
        Pending p;
        while ((p = table[i]) != null) { // move back entries whose home lies at or before the hole
            int home = hashes[i] & mask;
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                table[hole] = p;
                hashes[hole] = hashes[i];
                hole = i;
            }
            i = (i + 1) & mask;
        }
        table[hole] = null;
        heads--;
    }

    private void grow() {
        Pending[] old = table;
        table = new Pending[old.length * 2];
        hashes = new int[old.length * 2];
        int mask = table.length - 1;
        for (Pending p : old) {
            if (p == null) continue;
            int i = p.hash & mask;
            while (table[i] != null) i = (i + 1) & mask;
            table[i] = p;
            hashes[i] = p.hash;
        }
    }
}
