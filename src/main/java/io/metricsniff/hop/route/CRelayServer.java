package io.metricsniff.hop.route;

import io.metricsniff.decode.Endpoint;

/**
 * One cluster member of a carbon-c-relay config, {@code host[:port][=instance]}: the host as
 * written (carbon-c-relay hashes the text, server_ip), the port (2003 when omitted) and the
 * endpoint its connection goes to. Each definition is its own server, compared by identity as
 * consistent-hash.c compares server pointers.
 */
record CRelayServer(String host, int port, String instance, Endpoint endpoint) {
    /** carbon-c-relay's default destination port. */
    static final int DEFAULT_PORT = 2003;

    @Override public boolean equals(Object o) { return this == o; }
    @Override public int hashCode() { return System.identityHashCode(this); }

    @Override public String toString() {
        return host + ":" + port + (instance == null ? "" : "=" + instance);
    }
}
