package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;

import java.util.ArrayDeque;
import java.util.HashMap;

/**
 * Pairs the datapoints going into one hop with the copies coming out, knowing nothing of verdicts.
 * Datapoints with equal keys form a multiset: each out copy goes to the oldest pending one that
 * still lacks a copy for that destination, else to the oldest that lacks any copy, else (a copy too
 * many) to the oldest. A datapoint is settled {@link Ending#TIMEOUT} when the timeout has passed in
 * capture time, {@link Ending#EVICTED} when the pending limit pushes it out, {@link Ending#END} when
 * the capture ends before its timeout. Settled in arrival order, so it is always its key's oldest.
 */
public final class Matcher {
    /** How a pending datapoint was settled. */
    public enum Ending { TIMEOUT, EVICTED, END }

    /** Receives each settled datapoint with how it was settled. */
    public interface Settled { void settled(Pending p, Ending how); }

    private final HashMap<Key, Pending> byKey = new HashMap<>();
    private final ArrayDeque<Pending> order = new ArrayDeque<>();
    private final long timeoutNanos;
    private final int maxPending;
    private final Settled settled;

    public Matcher(long timeoutNanos, int maxPending, Settled settled) {
        if (maxPending < 1) throw new IllegalArgumentException("maxPending must be positive");
        this.timeoutNanos = timeoutNanos;
        this.maxPending = maxPending;
        this.settled = settled;
    }

    public int pending() { return order.size(); }

    /** A datapoint went in. */
    public void in(Key key, long timeNanos, Endpoint src, Endpoint dst, int expected, String rejected) {
        if (order.size() >= maxPending) settleHead(Ending.EVICTED);
        Pending p = new Pending(key, new Copy(timeNanos, src, dst), expected, rejected);
        Pending head = byKey.putIfAbsent(key, p);
        if (head != null) {
            while (head.next != null) head = head.next;
            head.next = p;
        }
        order.addLast(p);
    }

    /** A copy came out; false when no pending datapoint has this key (unmatched). */
    public boolean out(Key key, long timeNanos, Endpoint src, Endpoint dst) {
        Pending head = byKey.get(key);
        if (head == null) return false;
        Pending target = null, lacking = null;
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
        while ((p = order.peekFirst()) != null && nowNanos - p.in.timeNanos() > timeoutNanos) settleHead(Ending.TIMEOUT);
    }

    /** The capture ended at {@code endNanos}: settles everything still pending. */
    public void finish(long endNanos) {
        expire(endNanos);
        while (!order.isEmpty()) settleHead(Ending.END);
    }

    private void settleHead(Ending how) {
        Pending p = order.pollFirst();
        if (p.next == null) byKey.remove(p.key);
        else byKey.put(p.key, p.next);
        settled.settled(p, how);
    }
}
