package io.metricsniff.hop.route;

import io.metricsniff.testutil.Oracle.Received;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.hop.Router;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Holds what real destinations received against a Router's prediction, copy by copy. */
final class RouteOracle {
    private RouteOracle() { }

    /**
     * For every sent line (value = index): the destinations that received it, with their number of
     * copies, equal the router's list. Lines the relay made itself (its self-metrics, {@code carbon.})
     * must have gone where the router sends their name.
     */
    static void assertRoutes(Router router, List<String> names, List<Received> got) {
        Map<Integer, List<String>> seen = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        int selfMetrics = 0;
        for (Received r : got) {
            if (r.name().startsWith("carbon.")) {
                selfMetrics++;
                if (!strings(router.destinations(r.name())).contains(r.dst())) wrong.add("self-metric " + r.name() + " at " + r.dst());
                continue;
            }
            int i = (int) r.value();
            assertTrue(i >= 0 && i < names.size() && i == r.value(), "a line nobody sent: " + r);
            seen.computeIfAbsent(i, k -> new ArrayList<>()).add(r.dst());
        }
        for (int i = 0; i < names.size(); i++) {
            List<String> want = strings(router.destinations(names.get(i)));
            List<String> have = seen.getOrDefault(i, List.of());
            want.sort(null);
            have = new ArrayList<>(have);
            have.sort(null);
            if (!want.equals(have)) wrong.add("'" + names.get(i) + "': router " + want + ", relay " + have);
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())),
                wrong.size() + " of " + names.size() + " names routed otherwise (" + router.describe() + ")");
        assertTrue(got.size() - selfMetrics >= names.size(), "every name arrived somewhere");
    }

    static List<String> strings(List<Endpoint> l) {
        List<String> s = new ArrayList<>(l.size());
        for (Endpoint e : l) s.add(e.toString());
        return s;
    }

    /** The router's total number of copies for these names (what the sinks should hold). */
    static int copies(Router router, List<String> names) {
        int n = 0;
        for (String s : names) n += router.destinations(s).size();
        return n;
    }
}
