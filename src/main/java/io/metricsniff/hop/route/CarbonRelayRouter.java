package io.metricsniff.hop.route;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.hop.Router;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * carbon-relay's {@code consistent-hashing} method (lib/carbon/routers.py ConsistentHashingRouter
 * over hashing.py ConsistentHashRing). The key is the metric name as received (getKey returns it
 * unchanged). carbon's client manager (client.py CarbonClientManager.getFactories) collects the
 * destinations into a set, so a node the ring yields twice is sent one copy.
 */
public final class CarbonRelayRouter implements Router {
    /** One DESTINATIONS entry: {@code host:port[:instance]} as util.py parseDestination reads it. */
    public record Destination(String server, int port, String instance, Endpoint endpoint) { }

    private final CarbonHashRing ring;
    private final CarbonHashRing.HashType hashType;
    private final int replicationFactor;
    private final boolean diverseReplicas;
    private final Map<CarbonHashRing.Node, Destination> byNode = new LinkedHashMap<>();

    public CarbonRelayRouter(List<Destination> destinations, int replicationFactor, boolean diverseReplicas,
                             boolean fnv1a) {
        if (destinations.isEmpty()) throw new IllegalArgumentException("carbon relay: DESTINATIONS is empty");
        if (replicationFactor < 1) throw new IllegalArgumentException("carbon relay: REPLICATION_FACTOR must be at least 1");
        this.hashType = fnv1a ? CarbonHashRing.HashType.FNV1A_CH : CarbonHashRing.HashType.CARBON_CH;
        this.ring = new CarbonHashRing(hashType);
        this.replicationFactor = replicationFactor;
        this.diverseReplicas = diverseReplicas;
        for (Destination d : destinations) {
            CarbonHashRing.Node node = new CarbonHashRing.Node(d.server(), d.instance());
            if (byNode.containsKey(node)) {
                // routers.py addDestination raises "destination instance (...) already configured"
                throw new IllegalArgumentException("carbon relay: destination instance (" + d.server() + ", "
                        + d.instance() + ") already configured");
            }
            byNode.put(node, d);
            ring.add(node);
        }
    }

    @Override
    public List<Endpoint> destinations(String name) {
        List<Endpoint> out = new ArrayList<>(replicationFactor);
        List<CarbonHashRing.Node> walk = ring.walk(name);
        if (diverseReplicas) {
            // routers.py getDestinations: skip a node whose server was used; stop at RF servers
            Set<String> usedServers = new HashSet<>();
            for (CarbonHashRing.Node n : walk) {
                if (!usedServers.add(n.server())) continue;
                addOnce(out, byNode.get(n).endpoint());
                if (usedServers.size() >= replicationFactor) break;
            }
        } else {
            for (int i = 0; i < walk.size() && i < replicationFactor; i++) addOnce(out, byNode.get(walk.get(i)).endpoint());
        }
        return out;
    }

    private static void addOnce(List<Endpoint> out, Endpoint e) {
        if (!out.contains(e)) out.add(e); // client.py getFactories: a set of factories
    }

    @Override
    public String describe() {
        return "carbon-relay consistent-hashing " + (hashType == CarbonHashRing.HashType.FNV1A_CH ? "fnv1a_ch" : "carbon_ch")
                + " RF=" + replicationFactor + (diverseReplicas ? " diverse" : "") + " over " + byNode.size() + " destinations";
    }

    /** The ring, for tests: sorted positions. */
    int[] ringPositions() { return ring.positions(); }
}
