package io.metricsniff.health;

/**
 * Where the line ends sit in the bytes one sender wrote that the receiving application has not read
 * yet (as far as the headers tell), so that the lines an RST destroys and the lines a zero window
 * holds can be counted. Positions are absolute (64-bit) stream offsets, in order. At most {@code max}
 * are kept; older ones are only counted, and their count is dropped as soon as the read point passes
 * the last of them. Until then a count that includes them is an upper bound.
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

    /** The receiving application read everything before stream offset {@code read}. */
    void readTo(long read) {
        while (size > 0 && pos[head] < read) {
            head = (head + 1) % pos.length;
            size--;
        }
        if (olderLast >= 0 && olderLast < read) {
            older = 0;
            olderLast = -1;
        }
    }

    /** Line ends at or after stream offset {@code from} (at or after the read point). */
    long countFrom(long from) {
        int lo = 0, hi = size; // first index whose position is >= from (positions are in order)
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (pos[(head + mid) % pos.length] < from) lo = mid + 1;
            else hi = mid;
        }
        boolean olderCount = olderLast >= from;
        return size - lo + (olderCount ? older : 0);
    }

    /** False when {@link #countFrom} from {@code from} may include line ends whose place was forgotten. */
    boolean exactFrom(long from) { return older == 0 || olderLast < from; }
}
