package io.metricsniff.paths;

/** Doubles by path id, stored as their raw bits in a {@link LongColumn}. */
public final class DoubleColumn extends Column {
    private final LongColumn bits;

    DoubleColumn(double initial) { this.bits = new LongColumn(Double.doubleToRawLongBits(initial)); }

    public double get(int id) { return Double.longBitsToDouble(bits.get(id)); }

    public void set(int id, double v) { bits.set(id, Double.doubleToRawLongBits(v)); }

    // the Column operations: on the raw bits, as the LongColumn does them
    @Override void reset(int id) { bits.reset(id); }
    @Override void allocate(int id) { bits.allocate(id); }
    @Override long read(int[] ids, int n) { return bits.read(ids, n); }
}
