package io.metricsniff.pipeline;

import io.metricsniff.capture.PacketSink;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded hand-off between the capture thread (one producer) and the processing thread (one
 * consumer). Bounded in packets and in bytes, because loopback packets can be 64 KiB each.
 * When full, a file replay waits (nothing may be lost); a live capture drops the packet and counts
 * it, so that libpcap's callback never blocks behind parsing or output.
 */
public final class PacketRing implements PacketSink {
    /** Slots: enough to ride out a GC pause at a few hundred thousand packets per second. */
    public static final int DEFAULT_SLOTS = 1 << 14;
    /**
     * Replay waits instead of dropping, so a shallow ring suffices; shallow also lets packets die
     * young: a deep one kept ~24 MB of them alive across young collections, promoted them and
     * caused a full GC every few young ones (seen with JFR on scripts/bench replay).
     */
    public static final int REPLAY_SLOTS = 1 << 10;
    /** Bytes held in the ring at most; keeps the heap small whatever the packet sizes. */
    public static final long DEFAULT_MAX_BYTES = 48L << 20;
    /** How long an idle side sleeps before looking again: short enough for live latency. */
    private static final long IDLE_PARK_NANOS = 50_000;
    /**
     * Short sleeps before the consumer sleeps until woken (about 1 ms of them): a burst's next
     * packet usually comes within that, and 50 us polling for ever cost 11 % of a core idle.
     */
    private static final int SHORT_SLEEPS = 20;
    /** Longest sleep once idle; the producer wakes the consumer sooner, this only bounds a missed wake-up. */
    private static final long IDLE_SLEEP_NANOS = 200_000_000;

    private final int mask;
    private final long[] times;
    private final byte[][] data;
    private final int[] capLengths;
    private final int[] origLengths;
    private final long maxBytes;
    private final boolean dropWhenFull;

    private final AtomicLong head = new AtomicLong(); // next slot to write (producer)
    private final AtomicLong tail = new AtomicLong(); // next slot to read (consumer)
    private final AtomicLong bytesHeld = new AtomicLong();
    private volatile boolean closed;
    private volatile long dropped;
    private volatile Thread sleeper; // the consumer, while it sleeps until woken
    private volatile Thread waiter;  // the replaying producer, while it waits for room
    private int idleRounds;          // consumer only

    /** Live: sized for bursts, dropping (counted) rather than stalling the kernel's buffer; replay: waits. */
    public static PacketRing forCapture(boolean live) {
        return live ? new PacketRing(DEFAULT_SLOTS, DEFAULT_MAX_BYTES, true) : new PacketRing(REPLAY_SLOTS, DEFAULT_MAX_BYTES, false);
    }

    public PacketRing(int slots, long maxBytes, boolean dropWhenFull) {
        if (Integer.bitCount(slots) != 1) throw new IllegalArgumentException("slots must be a power of two");
        this.mask = slots - 1;
        this.times = new long[slots];
        this.data = new byte[slots][];
        this.capLengths = new int[slots];
        this.origLengths = new int[slots];
        this.maxBytes = maxBytes;
        this.dropWhenFull = dropWhenFull;
    }

    /** Producer side: called by the capture source for each packet. */
    @Override public void packet(long timeNanos, byte[] bytes, int capLength, int origLength) {
        long h = head.get();
        while (h - tail.get() > mask || bytesHeld.get() + capLength > maxBytes && h != tail.get()) {
            if (dropWhenFull || closed) {
                dropped++; // single writer: no lost updates
                return;
            }
            awaitRoom(h, capLength);
        }
        int i = (int) (h & mask);
        times[i] = timeNanos;
        data[i] = bytes;
        capLengths[i] = capLength;
        origLengths[i] = origLength;
        bytesHeld.addAndGet(capLength);
        head.set(h + 1); // publishes the slot's fields; a full fence, so that the read below cannot pass it
        Thread s = sleeper;
        if (s != null) LockSupport.unpark(s);
    }

    /**
     * Replay's producer sleeps until the consumer has made room, instead of polling: replay runs
     * with the ring full most of the time (processing is the slower side), and polling every 50 us
     * cost ~0.5 s of the capture thread's CPU on the 2 M-path bench capture (2.55 -> 2.05 s).
     */
    private void awaitRoom(long h, int capLength) {
        waiter = Thread.currentThread(); // volatile write, then the re-check: no lost wake-up
        if (h - tail.get() > mask || bytesHeld.get() + capLength > maxBytes && h != tail.get()) {
            LockSupport.parkNanos(IDLE_SLEEP_NANOS);
        }
        waiter = null;
    }

    /** Producer side: no more packets will come. */
    public void close() {
        closed = true;
        Thread s = sleeper;
        if (s != null) LockSupport.unpark(s);
    }

    /**
     * Consumer side: hands every available packet to {@code sink}, waiting while the ring is empty.
     *
     * @return false once the ring is closed and drained
     */
    public boolean drainTo(PacketSink sink) {
        long t = tail.get();
        long h = head.get();
        if (t == h) {
            if (closed && t == head.get()) return false;
            idle();
            return true;
        }
        idleRounds = 0;
        for (; t < h; t++) {
            int i = (int) (t & mask);
            byte[] bytes = data[i];
            data[i] = null;
            int cap = capLengths[i];
            sink.packet(times[i], bytes, cap, origLengths[i]);
            bytesHeld.addAndGet(-cap);
            tail.lazySet(t + 1);
        }
        VarHandle.fullFence(); // the tail's stores before the read of waiter (its awaitRoom re-checks after writing it)
        Thread w = waiter;
        if (w != null) LockSupport.unpark(w);
        return true;
    }

    /** Consumer side: a few short sleeps, then sleep until the producer publishes or closes. */
    private void idle() {
        if (++idleRounds <= SHORT_SLEEPS) {
            LockSupport.parkNanos(IDLE_PARK_NANOS);
            return;
        }
        sleeper = Thread.currentThread(); // volatile write, then the re-check: no lost wake-up
        if (tail.get() == head.get() && !closed) LockSupport.parkNanos(IDLE_SLEEP_NANOS);
        sleeper = null;
    }

    /** Consumer side: nothing waiting right now. */
    public boolean isEmpty() { return tail.get() == head.get(); }

    /** Packets dropped because processing fell behind (live capture only). */
    public long dropped() { return dropped; }
}
