package io.metricsniff.hop.route;

import io.metricsniff.decode.Endpoint;

import java.util.List;

/**
 * A carbon-c-relay cluster and how router.c router_route_intern sends a metric to it, assuming
 * every member is up (the relay's failover and any_of move traffic when one is down; the wire
 * shows that as a misroute, which is what it is to the operator).
 */
final class CRelayCluster {
    enum Type { FORWARD, ANY_OF, FAILOVER, CARBON_CH, FNV1A_CH, JUMP_FNV1A_CH, BLACKHOLE }

    /** The implicit cluster {@code blackhole}: discards, and stops matching. */
    static final CRelayCluster BLACKHOLE = new CRelayCluster("blackhole", Type.BLACKHOLE, List.of(), 0);

    final String name;
    final Type type;
    final List<CRelayServer> servers;
    final int replication;
    private final CRelayRing ring;

    CRelayCluster(String name, Type type, List<CRelayServer> servers, int replication) {
        this.name = name;
        this.type = type;
        this.servers = List.copyOf(servers);
        this.replication = replication;
        this.ring = switch (type) {
            case CARBON_CH -> new CRelayRing(CRelayRing.Type.CARBON_CH, servers);
            case FNV1A_CH -> new CRelayRing(CRelayRing.Type.FNV1A_CH, servers);
            case JUMP_FNV1A_CH -> new CRelayRing(CRelayRing.Type.JUMP_FNV1A_CH, servers);
            default -> null;
        };
    }

    /** Appends the endpoints this cluster sends the metric with routing key {@code key[0..len)} to. */
    void route(byte[] key, int len, List<Endpoint> out) {
        switch (type) {
            case BLACKHOLE -> { }
            case FORWARD -> servers.forEach(s -> out.add(s.endpoint()));
            case FAILOVER -> out.add(servers.get(0).endpoint()); // the first server that has not failed
            case ANY_OF -> {
                // fnv1a_32 of the key, "hash %= count" on an unsigned int
                int h = RingHash.fnv1a32Signed(key, len);
                out.add(servers.get(Integer.remainderUnsigned(h, servers.size())).endpoint());
            }
            default -> ring.nodes(key, len, replication).forEach(s -> out.add(s.endpoint()));
        }
    }

    CRelayRing ring() { return ring; }

    String describe() {
        return name + " " + type.name().toLowerCase(java.util.Locale.ROOT)
                + (ring != null ? " replication " + replication : "") + " (" + servers.size() + " servers)";
    }
}
