package io.metricsniff.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory whisper file written independently of {@link WhisperRollup}, step by step as
 * whisper.py's file_update and __propagate do it: ring buffers of (interval, value) slots placed
 * relative to the first slot written, the higher archive's window read back with its stored
 * interval checked, known/total against xFilesFactor, and the chain stopping at the first archive
 * that gets no value. Every value written is also remembered by interval for the test to read.
 */
final class FakeWhisper {
    private final long[] step, points;
    private final long[][] slotTime;
    private final double[][] slotValue;
    private final long[] maxRetention = new long[1];
    private final double xff;
    final List<Map<Long, Double>> written;

    FakeWhisper(List<Retention.Archive> archives, double xff) {
        int n = archives.size();
        step = new long[n];
        points = new long[n];
        slotTime = new long[n][];
        slotValue = new double[n][];
        written = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            step[i] = archives.get(i).secondsPerPoint();
            points[i] = archives.get(i).points();
            slotTime[i] = new long[(int) points[i]];
            slotValue[i] = new double[(int) points[i]];
            written.add(new HashMap<>());
            maxRetention[0] = Math.max(maxRetention[0], step[i] * points[i]);
        }
        this.xff = (float) xff;   // the header field is a 32-bit float ('!2LfL')
    }

    private int offset(int a, long interval) {
        long base = slotTime[a][0];
        if (base == 0) return 0;
        long d = Math.floorDiv(interval - base, step[a]);
        return (int) Math.floorMod(d, points[a]);
    }

    private void write(int a, long interval, double value) {
        int off = offset(a, interval);
        slotTime[a][off] = interval;
        slotValue[a][off] = value;
        written.get(a).put(interval, value);
    }

    /** file_update with now == timestamp (the point lands in the finest archive). */
    void update(long timestamp, double value) {
        long my = timestamp - Math.floorMod(timestamp, step[0]);
        write(0, my, value);
        for (int lower = 1; lower < step.length; lower++) {
            if (!propagate(my, lower - 1, lower)) break;
        }
    }

    private boolean propagate(long timestamp, int higher, int lower) {
        long lowerStart = timestamp - Math.floorMod(timestamp, step[lower]);
        int n = (int) (step[lower] / step[higher]);
        int first = offset(higher, lowerStart);
        int known = 0;
        double sum = 0;
        long expect = lowerStart;
        for (int i = 0; i < n; i++) {
            int off = (first + i) % (int) points[higher];
            if (slotTime[higher][off] == expect) { known++; sum += slotValue[higher][off]; }
            expect += step[higher];
        }
        if (known == 0) return false;
        if ((double) known / (double) n >= xff) {
            write(lower, lowerStart, sum / known);   // average: the method does not change null-ness
            return true;
        }
        return false;
    }
}
