package io.metricsniff.record;

/** How a payload is read. {@code AUTO} chooses by port (see {@link #forPort}). */
public enum Protocol {
    AUTO, GRAPHITE, PICKLE, STATSD, RIEMANN;

    public String json() { return name().toLowerCase(); }

    /** The contract's port map for {@code --protocol auto}; null when the port is not a metric port. */
    public static Protocol forPort(int port) {
        switch (port) {
            case 2003: case 2013: case 2023: return GRAPHITE;
            case 2004: case 2014: case 2024: return PICKLE;
            case 8125: return STATSD;
            case 5555: return RIEMANN; // Riemann's protobuf listener, TCP and UDP
            default: return null;
        }
    }
}
