package io.metricsniff.hop;

import java.nio.charset.StandardCharsets;

/**
 * The names of the pending datapoints, in one FIFO ring of bytes: appended as datapoints go in,
 * released as the oldest settles (settling is in arrival order), so no String or array per
 * datapoint. Positions are logical (an int that wraps; the buffer index is {@code pos & mask}), so
 * growing keeps every position valid and a name may wrap round the buffer's end.
 */
final class NameRing {
    /** Bytes of names held: 160 per datapoint at the default pending limit; longer names evict sooner. */
    static final int MAX_BYTES = 32 << 20;
    /** Bytes of one name kept for printing (matching uses the whole name's fingerprint): above any relay's longest line. */
    static final int MAX_NAME = 65_536;
    private static final int INITIAL_BYTES = 4096;

    private byte[] buf = new byte[INITIAL_BYTES];
    private int head, tail; // logical: the oldest live byte, the next free one

    int used() { return tail - head; }

    /** True when {@code len} more bytes fit (growing the ring up to {@link #MAX_BYTES}); false: release the oldest first. */
    boolean fits(int len) {
        while (used() + len > buf.length) {
            if (buf.length >= MAX_BYTES) return false;
            grow();
        }
        return true;
    }

    /** Appends {@code len} bytes (call {@link #fits} first); returns their logical position. */
    int append(byte[] b, int off, int len) {
        int pos = tail, mask = buf.length - 1, at = pos & mask;
        int first = Math.min(len, buf.length - at);
        System.arraycopy(b, off, buf, at, first);
        System.arraycopy(b, off + first, buf, 0, len - first);
        tail += len;
        return pos;
    }

    /** The oldest name, at {@code pos} with {@code len} bytes, settled. */
    void release(int pos, int len) {
        head = pos + len;
        if (head == tail) head = tail = 0;
    }

    String string(int pos, int len) {
        byte[] b = new byte[len];
        int mask = buf.length - 1, at = pos & mask;
        int first = Math.min(len, buf.length - at);
        System.arraycopy(buf, at, b, 0, first);
        System.arraycopy(buf, 0, b, first, len - first);
        return new String(b, StandardCharsets.UTF_8);
    }

    private void grow() {
        byte[] bigger = new byte[buf.length * 2];
        int oldMask = buf.length - 1, newMask = bigger.length - 1;
        for (int p = head; p != tail; p++) bigger[p & newMask] = buf[p & oldMask];
        buf = bigger;
    }
}
