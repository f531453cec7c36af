package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;

import java.util.List;

/**
 * A relay's own routing rule, rebuilt from its configuration: which destinations it sends a metric
 * name to. The hop matcher holds what it sees leaving the relay against this to call a copy
 * {@code misrouted}. Implementations follow the relay's source (carbon's hashing.py, carbon-c-relay's
 * consistent-hash.c), not its documentation.
 */
public interface Router {
    /**
     * The destinations that should receive {@code name}, as the endpoints the relay connects to, in
     * the relay's order; as many as its replication factor (fewer when it has fewer destinations).
     */
    List<Endpoint> destinations(String name);

    /** A short description for messages, e.g. {@code carbon consistent-hashing RF=2 over 2 destinations}. */
    String describe();
}
