package io.metricsniff.analysis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Path names kept once each as UTF-8 in 1 MiB pages, addressed by a long (page, offset): millions
 * of names without an object (and its 16-byte header) per name. Append-only: a name no longer
 * wanted stays until its owner copies the wanted ones into a new arena ({@link #copy}).
 */
final class NameArena {
    private static final int PAGE_BITS = 20;
    private static final int PAGE = 1 << PAGE_BITS;
    /** Longer names are kept cut (a page must hold one); carbon itself refuses far shorter ones. */
    static final int MAX_NAME = 0xFFFF;

    private byte[][] pages = new byte[1][];
    private int page = -1;
    private int used = PAGE;

    long add(byte[] name) { return add(name, 0, name.length); }

    /** The name at {@code ref} added to {@code to}; its reference there. */
    long copy(long ref, NameArena to) {
        byte[] p = pages[(int) (ref >>> PAGE_BITS)];
        int off = (int) (ref & (PAGE - 1));
        return to.add(p, off + 2, (p[off] & 0xFF) << 8 | (p[off + 1] & 0xFF));
    }

    private long add(byte[] name, int from, int length) {
        int len = Math.min(length, MAX_NAME);
        if (used + 2 + len > PAGE) {
            page++;
            if (page == pages.length) pages = Arrays.copyOf(pages, pages.length * 2);
            pages[page] = new byte[PAGE];
            used = 0;
        }
        byte[] p = pages[page];
        long ref = (long) page << PAGE_BITS | used;
        p[used] = (byte) (len >>> 8);
        p[used + 1] = (byte) len;
        System.arraycopy(name, from, p, used + 2, len);
        used += 2 + len;
        return ref;
    }

    String get(long ref) {
        byte[] p = pages[(int) (ref >>> PAGE_BITS)];
        int off = (int) (ref & (PAGE - 1));
        int len = (p[off] & 0xFF) << 8 | (p[off + 1] & 0xFF);
        return new String(p, off + 2, len, StandardCharsets.UTF_8);
    }
}
