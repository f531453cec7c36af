package io.metricsniff.hop;

/**
 * What a datapoint is matched by across a hop: the name as the hop sends it on, the timestamp as
 * whisper stores it (whole seconds, truncated as {@code int(timestamp)} does) and the value as a
 * double (bit-exact, one NaN).
 */
public final class Key {
    final String name;
    final long timestamp;
    final long valueBits;
    private final int hash;

    public Key(String name, double timestamp, double value) {
        this.name = name;
        this.timestamp = (long) timestamp;
        this.valueBits = Double.doubleToLongBits(value == 0.0 ? 0.0 : value); // -0.0 prints and stores as 0
        this.hash = (name.hashCode() * 31 + Long.hashCode(this.timestamp)) * 31 + Long.hashCode(valueBits);
    }

    public String name() { return name; }
    public long timestamp() { return timestamp; }
    public double value() { return Double.longBitsToDouble(valueBits); }

    @Override public int hashCode() { return hash; }

    @Override public boolean equals(Object o) {
        return o instanceof Key k && k.hash == hash && k.timestamp == timestamp && k.valueBits == valueBits
                && k.name.equals(name);
    }

    @Override public String toString() { return name + " " + value() + " " + timestamp; }
}
