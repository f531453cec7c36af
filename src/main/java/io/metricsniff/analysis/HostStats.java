package io.metricsniff.analysis;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Verdict;
import io.metricsniff.verdict.CarbonProfile;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** One sender host's statistics; mutated only through {@link SenderTable}, which locks. */
public final class HostStats {
    /** Distinct source ports remembered; more connections are only counted as "at least". */
    public static final int MAX_PORTS = 4096;
    /** Problem codes counted per host; more kinds go into {@link #OTHER_CODES}. */
    public static final int MAX_CODES = 32;
    public static final String OTHER_CODES = "other";
    /**
     * Samples of (timestamp - capture time) kept for the clock offset's median: a uniform
     * reservoir, so memory is fixed however long the capture runs and the median stays unbiased.
     */
    public static final int OFFSET_SAMPLES = 64;

    /** An immutable copy. {@code clockOffsetSeconds} is NaN when no usable timestamp was seen. */
    public record Snapshot(Endpoint host, long lines, long[] perVerdict, int connections, boolean connectionsCapped,
                           Set<Protocol> protocols, Map<String, Long> problems, double clockOffsetSeconds,
                           long msTimestamps, long firstNanos, long lastNanos) {
        public long count(Verdict v) { return perVerdict[v.ordinal()]; }
        public long problemLines() { return lines - count(Verdict.OK); }
        public String name() { return host.host(); }
    }

    private final Endpoint host;
    private long lines;
    private final long[] perVerdict = new long[Verdict.values().length];
    private final Set<Integer> ports = new HashSet<>();
    private boolean portsCapped;
    private final EnumSet<Protocol> protocols = EnumSet.noneOf(Protocol.class);
    private final Map<String, long[]> problems = new LinkedHashMap<>();
    private final double[] offsets = new double[OFFSET_SAMPLES];
    private long offsetsSeen;
    private long msTimestamps;
    private long firstNanos, lastNanos;
    private Endpoint lastSrc;
    private long random = 0x9E3779B97F4A7C15L;           // xorshift state for the reservoir

    HostStats(Endpoint host) { this.host = host; }

    void add(MetricRecord r) {
        long t = r.timeNanos();
        if (lines++ == 0) firstNanos = t;
        lastNanos = t;
        perVerdict[r.verdict().ordinal()]++;
        if (r.src() != lastSrc && !portsCapped) {        // a new connection object: maybe a new port
            lastSrc = r.src();
            if (ports.size() < MAX_PORTS) ports.add(lastSrc.port()); else portsCapped = true;
        }
        protocols.add(r.protocol());
        if (r.verdict() != Verdict.OK) {
            for (Problem p : r.problems()) {
                String code = problems.size() < MAX_CODES || problems.containsKey(p.code()) ? p.code() : OTHER_CODES;
                problems.computeIfAbsent(code, c -> new long[1])[0]++;
            }
        }
        if (r.hasTimestamp() && Double.isFinite(r.timestamp())) offset(r.timestamp(), t);
    }

    // millisecond timestamps say nothing about the clock in seconds: counted apart
    private void offset(double ts, long captureNanos) {
        if (Math.abs(ts) >= CarbonProfile.MS_TIMESTAMP_THRESHOLD) { msTimestamps++; return; }
        double off = ts - captureNanos / 1e9;
        long n = ++offsetsSeen;
        if (n <= OFFSET_SAMPLES) { offsets[(int) n - 1] = off; return; }
        random ^= random << 13; random ^= random >>> 7; random ^= random << 17;
        long j = Math.floorMod(random, n);
        if (j < OFFSET_SAMPLES) offsets[(int) j] = off;
    }

    Snapshot snapshot() {
        int n = (int) Math.min(offsetsSeen, OFFSET_SAMPLES);
        double median = Double.NaN;
        if (n > 0) {
            double[] s = Arrays.copyOf(offsets, n);
            Arrays.sort(s);
            median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }
        Map<String, Long> codes = new LinkedHashMap<>();
        problems.forEach((k, v) -> codes.put(k, v[0]));
        return new Snapshot(host, lines, perVerdict.clone(), ports.size(), portsCapped, EnumSet.copyOf(protocols),
                codes, median, msTimestamps, firstNanos, lastNanos);
    }
}
