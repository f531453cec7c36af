package io.metricsniff.health;

/**
 * Where the line ends sit in one sender's unacknowledged bytes, so that the lines an RST destroys can
 * be counted. Positions are absolute (64-bit) stream offsets. At most {@code max} positions are kept;
 * older ones are only counted, and their count is dropped as soon as an acknowledgement passes the
 * last of them. Until then a count that includes them is an upper bound.
 */
final class LineEnds {
    private static final long[] EMPTY = {};
    private static final int FIRST_CAPACITY = 16;

    private final int max;
    private long[] pos = EMPTY;
    private int head, size;
    private long older;          // line ends pushed out of the ring, all at or before olderLast
    private long olderLast = -1;

    LineEnds(int max) { this.max = max; }

    /** Records the line ends in {@code buf[off, off+len)}, whose first byte is at stream offset {@code start}. */
    void scan(byte[] buf, int off, int len, long start) {
        for (int i = 0; i < len; i++) {
            if (buf[off + i] == '\n') add(start + i);
        }
    }

    private void add(long p) {
        if (size == pos.length) {
            if (size < max) {
                grow();
            } else {
                older++;
                olderLast = pos[head];
                head = (head + 1) % pos.length;
                size--;
            }
        }
        pos[(head + size) % pos.length] = p;
        size++;
    }

    private void grow() {
        long[] n = new long[Math.min(max, Math.max(FIRST_CAPACITY, pos.length * 2))];
        for (int i = 0; i < size; i++) n[i] = pos[(head + i) % pos.length];
        pos = n;
        head = 0;
    }

    /** Everything before stream offset {@code acked} reached the receiver. */
    void ackedTo(long acked) {
        while (size > 0 && pos[head] < acked) {
            head = (head + 1) % pos.length;
            size--;
        }
        if (olderLast >= 0 && olderLast < acked) {
            older = 0;
            olderLast = -1;
        }
    }

    /** Line ends not yet acknowledged (call {@link #ackedTo} first). */
    long unacked() { return size + older; }

    /** False when {@link #unacked()} includes line ends whose place was forgotten (an upper bound). */
    boolean exact() { return older == 0; }
}
