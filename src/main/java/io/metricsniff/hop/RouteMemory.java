package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;

import java.util.Arrays;

/**
 * Where each name was seen going when a hop has no router: relays route a name the same way every
 * time (consistent hashing), so a missing datapoint was meant for where its name went before.
 * Names by their 64-bit fingerprint, in an open-addressing table (linear probing, never shrinks).
 */
final class RouteMemory {
    /** Names remembered; later ones are not (their drops are then attributed by wire evidence only). */
    static final int MAX_NAMES = 200_000;
    /** Destinations remembered per name: a replication factor is small. */
    static final int MAX_DESTINATIONS_PER_NAME = 16;
    private static final Endpoint[] NONE = new Endpoint[0];

    private long[] keys = new long[1024];          // fingerprint, 0 = empty (a fingerprint 0 is kept as 1)
    private Endpoint[][] routes = new Endpoint[1024][];
    private int size;
    private long limitHits;

    void saw(long fp, Endpoint dst) {
        int i = slot(fp);
        Endpoint[] known = routes[i];
        if (known == null) {
            if (size >= MAX_NAMES) { limitHits++; return; }
            keys[i] = key(fp);
            routes[i] = new Endpoint[] {dst};
            if (++size * 2 > keys.length) grow();
            return;
        }
        for (Endpoint e : known) if (e.equals(dst)) return;
        if (known.length >= MAX_DESTINATIONS_PER_NAME) return;
        Endpoint[] more = Arrays.copyOf(known, known.length + 1);
        more[known.length] = dst;
        routes[i] = more;
    }

    /** Names not remembered because {@link #MAX_NAMES} were already. */
    long limitHits() { return limitHits; }

    /** The destinations seen for the name with fingerprint {@code fp}, or an empty array. */
    Endpoint[] of(long fp) {
        Endpoint[] e = routes[slot(fp)];
        return e == null ? NONE : e;
    }

    private static long key(long fp) { return fp == 0 ? 1 : fp; }

    /** The slot holding {@code fp}, or the empty slot where it would go. */
    private int slot(long fp) {
        long k = key(fp);
        int mask = keys.length - 1, i = (int) (k ^ (k >>> 32)) & mask;
        while (keys[i] != 0 && keys[i] != k) i = (i + 1) & mask;
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        Endpoint[][] oldRoutes = routes;
        keys = new long[oldKeys.length * 2];
        routes = new Endpoint[keys.length][];
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == 0) continue;
            int i = slot(oldKeys[j]);
            keys[i] = oldKeys[j];
            routes[i] = oldRoutes[j];
        }
    }
}
