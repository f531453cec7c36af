package io.metricsniff.cli;

import io.metricsniff.capture.PacketSink;

import java.util.concurrent.locks.LockSupport;

/** {@code --pace}: hands packets on at the pace they were recorded, for watching a replay live. */
final class Pacer implements PacketSink {
    private final PacketSink next;
    private long firstCapture = Long.MIN_VALUE;
    private long firstWall;

    Pacer(PacketSink next) { this.next = next; }

    @Override public void packet(long timeNanos, byte[] data, int capLength, int origLength) {
        if (firstCapture == Long.MIN_VALUE) {
            firstCapture = timeNanos;
            firstWall = System.nanoTime();
        }
        long wait = (timeNanos - firstCapture) - (System.nanoTime() - firstWall);
        if (wait > 0) LockSupport.parkNanos(wait);
        next.packet(timeNanos, data, capLength, origLength);
    }
}
