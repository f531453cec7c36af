package io.metricsniff.analysis;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.paths.LongColumn;
import io.metricsniff.paths.PathIndex;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Problems;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Verdict;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code --expect} delivery check: per Graphite glob, what matched and whether any of it was
 * accepted ({@link Verdict#OK}). A record matches when its path, or the name the receiver stores
 * it under (carbon-c-relay rewrites), matches the glob.
 *
 * <p>Fed by the processing thread; {@link #allMet()} is a volatile read so the lead can call it
 * after every record to end a {@code --within} capture early. {@link #results()} may be called
 * from another thread (summary, terminal UI).
 */
public final class Expectations implements RecordSink {
    /** Distinct sender hosts remembered per glob; more are only counted. */
    public static final int MAX_SENDERS = 16;
    /** Distinct connections (address:port) counted per glob; beyond it the count is a floor. */
    public static final int MAX_CONNECTIONS = 4096;

    private static final class State {
        final GraphiteGlob glob;
        long matches, ok, malformed, late, future;
        long firstNanos = -1, lastNanos = -1;
        final Set<Endpoint> senders = new LinkedHashSet<>();   // hosts (port 0)
        int sendersOverflow;
        final Set<Endpoint> connections = new HashSet<>();
        Endpoint lastSrc;
        Problem firstMalformedProblem;   // the reason carbon refused the first malformed match
        double maxLagSeconds = Double.NaN, maxLeadSeconds = Double.NaN;
        double skewBehind = Double.NaN, skewAhead = Double.NaN; // ok points stored with a skewed clock
        State(GraphiteGlob glob) { this.glob = glob; }
    }

    /** Globs whose per-path match bits fit the memo's long (one bit says "computed"). */
    static final int MEMO_GLOBS = 62;
    private static final long COMPUTED = 1L << 63;

    private final State[] states;
    private final PathIndex index;       // null: no memo, every record's path is matched
    private final LongColumn memo;       // per path id: which globs its path matches
    private volatile int unmet;

    /** IllegalArgumentException (one line, for exit 2) when a glob is empty or absurd. */
    public Expectations(List<String> globs) { this(globs, null); }

    /** With the run's path index: each path is matched against the globs once, not once per record. */
    public Expectations(List<String> globs, PathIndex index) {
        states = new State[globs.size()];
        for (int i = 0; i < states.length; i++) states[i] = new State(GraphiteGlob.compile(globs.get(i)));
        unmet = states.length;
        this.index = states.length <= MEMO_GLOBS ? index : null;
        this.memo = this.index == null ? null : this.index.longs(0);
    }

    /** True when there are no globs, or every glob has matched at least one ok metric. */
    public boolean allMet() { return unmet == 0; }

    public int size() { return states.length; }

    @Override public void metric(MetricRecord r) {
        String stored = r.storedPath();
        int id = memo == null || stored != null ? PathIndex.NONE : index.id(r);
        if (id == PathIndex.NONE) {
            String path = r.path();
            if (path == null && stored == null) return;
            for (State s : states) {
                if (s.glob.matches(path) || (stored != null && s.glob.matches(stored))) {
                    synchronized (this) { add(s, r); }
                }
            }
            return;
        }
        long bits = memo.get(id);
        if (bits == 0) {
            bits = COMPUTED;
            String path = r.path();
            for (int i = 0; i < states.length; i++) if (states[i].glob.matches(path)) bits |= 1L << i;
            memo.set(id, bits);
        }
        if (bits == COMPUTED) return;
        for (int i = 0; i < states.length; i++) {
            if ((bits & 1L << i) != 0) synchronized (this) { add(states[i], r); }
        }
    }

    private void add(State s, MetricRecord r) {
        long t = r.timeNanos();
        if (s.matches++ == 0) s.firstNanos = t;
        s.lastNanos = t;
        switch (r.verdict()) {
            case OK:
                if (s.ok++ == 0) unmet--;
                noteSkew(s, r, t);
                break;
            case MALFORMED:
                s.malformed++;
                if (s.firstMalformedProblem == null && !r.problems().isEmpty()) {
                    s.firstMalformedProblem = r.problems().get(0);
                }
                break;
            case LATE:
                s.late++;
                if (r.hasTimestamp()) s.maxLagSeconds = max(s.maxLagSeconds, t / 1e9 - r.timestamp());
                break;
            case FUTURE:
                s.future++;
                if (r.hasTimestamp()) s.maxLeadSeconds = max(s.maxLeadSeconds, r.timestamp() - t / 1e9);
                break;
            default:
                break;
        }
        Endpoint src = r.src();
        if (src == null || src == s.lastSrc) return;          // same connection as before: nothing new
        s.lastSrc = src;
        if (s.connections.size() < MAX_CONNECTIONS) s.connections.add(src);
        Endpoint host = src.withoutPort();
        if (!s.senders.contains(host)) {
            if (s.senders.size() < MAX_SENDERS) s.senders.add(host); else s.sendersOverflow++;
        }
    }

    /** An ok point stored despite a skewed clock (--schemas): arrived, and the skew is kept for the reason. */
    private static void noteSkew(State s, MetricRecord r, long t) {
        if (!r.hasTimestamp() || r.problems().isEmpty()) return;
        for (Problem p : r.problems()) {
            if (p.code().equals(Problems.LATE)) s.skewBehind = max(s.skewBehind, t / 1e9 - r.timestamp());
            else if (p.code().equals(Problems.FUTURE)) s.skewAhead = max(s.skewAhead, r.timestamp() - t / 1e9);
        }
    }

    private static double max(double a, double b) { return Double.isNaN(a) ? b : Math.max(a, b); }

    /** One result per glob, in the order given. */
    public synchronized List<ExpectResult> results() {
        List<ExpectResult> out = new ArrayList<>(states.length);
        for (State s : states) {
            ExpectResult.Status st = status(s);
            out.add(new ExpectResult(s.glob.glob(), s.matches, s.ok, s.malformed, s.late, s.future,
                    s.firstNanos, s.lastNanos, List.copyOf(s.senders), s.sendersOverflow, s.connections.size(), st, reason(s, st)));
        }
        return out;
    }

    private static ExpectResult.Status status(State s) {
        if (s.ok > 0) return ExpectResult.Status.MET;
        if (s.matches == 0) return ExpectResult.Status.NEVER_SEEN;
        if (s.malformed == s.matches) return ExpectResult.Status.ONLY_MALFORMED;
        if (s.late + s.future == s.matches) return ExpectResult.Status.ONLY_LATE_OR_FUTURE;
        return ExpectResult.Status.NO_OK;
    }

    private static String reason(State s, ExpectResult.Status st) {
        switch (st) {
            case MET:
                return (s.ok == s.matches ? "met: " + s.ok + " ok" : "met: " + s.ok + " of " + s.matches + " matches ok")
                        + skewText(s);
            case NEVER_SEEN:
                return "never seen: no metric path matched";
            case ONLY_MALFORMED:
                return "seen only malformed: all " + s.matches + " matches rejected" + problemText(s);
            case ONLY_LATE_OR_FUTURE:
                return "seen only late or future: " + timingText(s);
            default:
                return "no ok match: " + s.malformed + " malformed" + problemText(s) + ", " + timingText(s);
        }
    }

    private static String problemText(State s) {
        Problem p = s.firstMalformedProblem;
        return p == null ? "" : " (first: " + p.code() + ", " + p.message() + ")";
    }

    /** Ok points stored although their clock was off (with --schemas): arrived, skew noted. */
    private static String skewText(State s) {
        if (Double.isNaN(s.skewBehind) && Double.isNaN(s.skewAhead)) return "";
        StringBuilder b = new StringBuilder(" (stored with clock skew: ");
        if (!Double.isNaN(s.skewBehind)) b.append("up to ").append(seconds(s.skewBehind)).append(" behind");
        if (!Double.isNaN(s.skewAhead)) {
            if (!Double.isNaN(s.skewBehind)) b.append(", ");
            b.append("up to ").append(seconds(s.skewAhead)).append(" ahead");
        }
        return b.append(')').toString();
    }

    private static String timingText(State s) {
        StringBuilder b = new StringBuilder();
        if (s.late > 0) {
            b.append(s.late).append(" late");
            if (!Double.isNaN(s.maxLagSeconds)) b.append(" (up to ").append(seconds(s.maxLagSeconds)).append(" behind)");
        }
        if (s.future > 0) {
            if (b.length() > 0) b.append(", ");
            b.append(s.future).append(" future");
            if (!Double.isNaN(s.maxLeadSeconds)) b.append(" (up to ").append(seconds(s.maxLeadSeconds)).append(" ahead)");
        }
        return b.toString();
    }

    static String seconds(double s) {
        if (Math.abs(s) >= 86400 * 2) return String.format(java.util.Locale.ROOT, "%.1fd", s / 86400);
        if (Math.abs(s) >= 7200) return String.format(java.util.Locale.ROOT, "%.1fh", s / 3600);
        if (Math.abs(s) >= 120) return String.format(java.util.Locale.ROOT, "%.1fm", s / 60);
        return String.format(java.util.Locale.ROOT, "%.1fs", s);
    }
}
