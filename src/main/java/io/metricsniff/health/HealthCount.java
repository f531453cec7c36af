package io.metricsniff.health;

/** What connection health counts, per sender host and in total; the names are the JSON and report keys. */
public enum HealthCount {
    /** Connection attempts (SYNs) seen. */
    CONNECTS("connects"),
    /** SYNs answered by an RST: nothing listened. */
    REFUSED("refused"),
    /** Established connections ended by an RST. */
    RESETS("resets"),
    /** Connections that ended (or were refused) sooner than {@link HealthLimits#shortConnectionNanos()}. */
    SHORT_CONNECTIONS("short_connections"),
    /** Reconnect storms: bursts of short connections from one host. */
    STORMS("storms"),
    /** Bytes the sender wrote that the receiver never acknowledged before an RST ended the connection. */
    LOST_BYTES("lost_bytes"),
    /** Line ends in those bytes: the lines written and never read. */
    LOST_LINES("lost_lines"),
    /** Times the receiver advertised a zero window (stopped reading). */
    ZERO_WINDOWS("zero_windows"),
    /** How long those windows stayed shut, in milliseconds. */
    ZERO_WINDOW_MS("zero_window_ms"),
    /** Sender segments with payload. */
    DATA_SEGMENTS("data_segments"),
    /** Sender segments that carried bytes already sent before. */
    RETRANSMITS("retransmits");

    private final String key;

    HealthCount(String key) { this.key = key; }

    public String key() { return key; }

    static final int SIZE = values().length;
}
