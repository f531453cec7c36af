package io.metricsniff.record;

import io.metricsniff.decode.Endpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One metric line (plaintext), one datapoint (pickle) or one StatsD line, with its verdict.
 * Built by a protocol decoder, judged by a receiver profile and the timing rule, then handed to
 * sinks. Strings are made lazily: with {@code -q} nobody asks for them on the hot path.
 */
public final class MetricRecord {
    /** {@link #pathId()} before the path index has looked the path up. */
    public static final int PATH_ID_UNSET = Integer.MIN_VALUE;
    /** Sentinel for "no number could be read". */
    public static final double ABSENT = Double.NaN;

    private final long timeNanos;
    private final Endpoint src;
    private final Endpoint dst;
    private final Transport transport;
    private final Protocol protocol;
    private final byte[] raw;       // bytes of the line without '\n' (maybe cut at a memory limit)
    private final long rawLength;   // full length on the wire, >= raw.length
    private String rawText;

    private String path;            // null when none could be read
    private int pathOff = -1, pathLen; // or a slice of raw, decoded on first use
    private int pathId = PATH_ID_UNSET; // the run's path index id, cached by paths.PathIndex
    private int pathHint = -1;      // a likely path id (from the stream's order), verified before use
    private long pathFp;            // the path's fingerprint, once paths.PathIndex computed it
    private boolean pathFpKnown;
    private String storedPath;      // the name the receiver will store, when it rewrites (carbon-c-relay)
    private double value = ABSENT;
    private boolean hasValue;
    private double timestamp = ABSENT;
    private boolean hasTimestamp;
    private String statsdType;
    private double sampleRate = 1.0;
    private List<String[]> tags = Collections.emptyList(); // name/value pairs from a tagged path
    private RiemannFields riemann;  // the event's other fields, for Riemann records
    private Verdict verdict = Verdict.OK;
    private List<Problem> problems = Collections.emptyList();

    public MetricRecord(long timeNanos, Endpoint src, Endpoint dst, Transport transport, Protocol protocol,
                        byte[] raw, long rawLength) {
        this.timeNanos = timeNanos;
        this.src = src;
        this.dst = dst;
        this.transport = transport;
        this.protocol = protocol;
        this.raw = raw;
        this.rawLength = rawLength;
    }

    /** For records rendered rather than read from the wire (pickle datapoints). */
    public MetricRecord(long timeNanos, Endpoint src, Endpoint dst, Transport transport, Protocol protocol,
                        String rawText) {
        this(timeNanos, src, dst, transport, protocol, rawText.getBytes(StandardCharsets.UTF_8), -1);
        this.rawText = rawText;
    }

    public long timeNanos() { return timeNanos; }
    public Endpoint src() { return src; }
    public Endpoint dst() { return dst; }
    public Transport transport() { return transport; }
    public Protocol protocol() { return protocol; }
    public byte[] rawBytes() { return raw; }
    public long rawLength() { return rawLength < 0 ? raw.length : rawLength; }

    /** The raw line as UTF-8 with invalid bytes replaced (never escaped: outputs escape). */
    public String raw() {
        if (rawText == null) rawText = new String(raw, StandardCharsets.UTF_8);
        return rawText;
    }

    public String path() {
        if (path == null && pathOff >= 0) path = new String(raw, pathOff, pathLen, StandardCharsets.UTF_8);
        return path;
    }
    public MetricRecord path(String p) { this.path = p; this.pathOff = -1; this.pathId = PATH_ID_UNSET; this.pathFpKnown = false; return this; }
    /** The path is raw[off, off+len): decoded only if someone asks (with -q nobody does). */
    public MetricRecord pathInRaw(int off, int len) {
        this.path = null;
        this.pathOff = off;
        this.pathLen = len;
        this.pathId = PATH_ID_UNSET;
        this.pathFpKnown = false;
        return this;
    }
    public boolean hasPath() { return path != null || pathOff >= 0; }
    /** Where the path sits in {@link #rawBytes()}, or -1 when it was set as a String. */
    public int pathOffsetInRaw() { return path == null ? pathOff : -1; }
    public int pathLengthInRaw() { return pathLen; }
    /** The id paths.PathIndex gave this record's path (cached so one lookup serves every feature). */
    public int pathId() { return pathId; }
    public MetricRecord pathId(int id) { this.pathId = id; return this; }
    /** A guess at {@link #pathId()} from the stream's order (paths.PathSequence); -1 for none. The index checks it. */
    public int pathHint() { return pathHint; }
    public MetricRecord pathHint(int id) { this.pathHint = id; return this; }
    /** Whether {@link #pathFingerprint()} is known: the path index hashed the path (a hop reuses it). */
    public boolean hasPathFingerprint() { return pathFpKnown; }
    /** paths.PathHash of the path's UTF-8 bytes, valid when {@link #hasPathFingerprint()}. */
    public long pathFingerprint() { return pathFp; }
    public MetricRecord pathFingerprint(long fp) { this.pathFp = fp; this.pathFpKnown = true; return this; }
    public String storedPath() { return storedPath; }
    public MetricRecord storedPath(String p) { this.storedPath = p; return this; }
    public boolean hasValue() { return hasValue; }
    public double value() { return value; }
    public MetricRecord value(double v) { this.value = v; this.hasValue = true; return this; }
    public boolean hasTimestamp() { return hasTimestamp; }
    public double timestamp() { return timestamp; }
    public MetricRecord timestamp(double t) { this.timestamp = t; this.hasTimestamp = true; return this; }
    public String statsdType() { return statsdType; }
    public MetricRecord statsdType(String t) { this.statsdType = t; return this; }
    public double sampleRate() { return sampleRate; }
    public MetricRecord sampleRate(double r) { this.sampleRate = r; return this; }
    public List<String[]> tags() { return tags; }
    public MetricRecord tags(List<String[]> t) { this.tags = t; return this; }

    /** A Riemann event's fields beyond path, value and timestamp; null for other protocols. */
    public RiemannFields riemann() { return riemann; }
    public MetricRecord riemann(RiemannFields f) { this.riemann = f; return this; }

    public Verdict verdict() { return verdict; }
    public List<Problem> problems() { return problems; }

    /**
     * Adds a problem and raises the verdict. Verdicts only get worse in the contract's order
     * (malformed beats future beats late), so judging stages may run in any order.
     */
    public MetricRecord flag(Verdict v, Problem p) {
        if (problems.isEmpty()) problems = new ArrayList<>(2);
        problems.add(p);
        if (v != Verdict.OK && (verdict == Verdict.OK || v.ordinal() < verdict.ordinal())) verdict = v;
        return this;
    }

    /** A note that does not change the verdict (for example a name the receiver will rewrite). */
    public MetricRecord note(Problem p) { return flag(Verdict.OK, p); }
}
