package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;

import java.util.Arrays;
import java.util.HashMap;

/**
 * Where each name was seen going when a hop has no router: relays route a name the same way every
 * time (consistent hashing), so a missing datapoint was meant for where its name went before.
 */
final class RouteMemory {
    /** Names remembered; later ones are not (their drops are then attributed by wire evidence only). */
    static final int MAX_NAMES = 200_000;
    /** Destinations remembered per name: a replication factor is small. */
    static final int MAX_DESTINATIONS_PER_NAME = 16;

    private final HashMap<String, Endpoint[]> routes = new HashMap<>();
    private long limitHits;

    void saw(String name, Endpoint dst) {
        Endpoint[] known = routes.get(name);
        if (known == null) {
            if (routes.size() < MAX_NAMES) routes.put(name, new Endpoint[] {dst});
            else limitHits++;
            return;
        }
        for (Endpoint e : known) if (e.equals(dst)) return;
        if (known.length >= MAX_DESTINATIONS_PER_NAME) return;
        Endpoint[] more = Arrays.copyOf(known, known.length + 1);
        more[known.length] = dst;
        routes.put(name, more);
    }

    /** Names not remembered because {@link #MAX_NAMES} were already. */
    long limitHits() { return limitHits; }

    /** The destinations seen for {@code name}, or an empty array. */
    Endpoint[] of(String name) {
        Endpoint[] e = routes.get(name);
        return e == null ? new Endpoint[0] : e;
    }
}
