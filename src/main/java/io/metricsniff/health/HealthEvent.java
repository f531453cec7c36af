package io.metricsniff.health;

import io.metricsniff.decode.Endpoint;

/**
 * One named episode: a zero window, an RST that destroyed unacknowledged lines, a refused connect or a
 * reconnect storm (then {@code server} is the last one connected to and {@code lines} the connections).
 *
 * @param exact false when {@code lines} is an upper bound (more line ends than a flow remembers)
 */
public record HealthEvent(Kind kind, long timeNanos, Endpoint client, Endpoint server, long durationNanos,
                          long bytes, long lines, boolean exact) {

    public enum Kind {
        ZERO_WINDOW("zero-window"), RESET_LOSS("reset-loss"), REFUSED("refused"), STORM("reconnect-storm");

        private final String json;

        Kind(String json) { this.json = json; }

        public String json() { return json; }
    }
}
