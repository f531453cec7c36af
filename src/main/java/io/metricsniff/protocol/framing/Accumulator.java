package io.metricsniff.protocol.framing;

import java.util.Arrays;

/**
 * The part of a frame that arrived so far, kept up to a limit and counted in full. Grows with
 * what arrives (never with what a length prefix claims) and shrinks when cleared, so an idle
 * flow holds little.
 */
final class Accumulator {
    /** First size; lines are ~50 bytes, so most partial lines fit without growing. */
    private static final int INITIAL = 256;
    /** Capacity above which clear() lets the buffer go (don't hold 64 KiB per idle flow). */
    private static final int KEEP_AT_MOST = 4 * INITIAL;

    private byte[] buf = new byte[0];
    private int kept;
    private long total;

    /** Keeps what fits under {@code limit} bytes, counts all {@code len}. */
    void append(byte[] b, int off, int len, int limit) {
        total += len;
        int keep = Math.min(len, limit - kept);
        if (keep <= 0) return;
        if (kept + keep > buf.length) {
            int cap = Math.max(INITIAL, buf.length);
            while (cap < kept + keep) cap *= 2;
            buf = Arrays.copyOf(buf, Math.min(cap, limit));
        }
        System.arraycopy(b, off, buf, kept, keep);
        kept += keep;
    }

    /** Bytes seen, kept or not. */
    long total() { return total; }
    int kept() { return kept; }
    boolean isEmpty() { return total == 0; }
    byte[] array() { return buf; }

    /** A copy of the kept bytes, then clear. */
    byte[] take() {
        byte[] out = Arrays.copyOf(buf, kept);
        clear();
        return out;
    }

    void clear() {
        kept = 0;
        total = 0;
        if (buf.length > KEEP_AT_MOST) buf = new byte[0];
    }
}
