package io.metricsniff.tui;

import io.metricsniff.analysis.PathTable;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.output.TerminalEscaper;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Flagged records grouped by problem code, sender host and path prefix, so one sender repeating
 * one bad line is one row with a count and every other kind stays in view. Fed by the processing
 * thread (flagged records only); a record like the one before (same host, code and prefix, the
 * usual case in a flood) costs no allocation. Bounded: past {@link #MAX_GROUPS} groups new
 * combinations fold into one row per code, so counts per code stay exact.
 */
public final class ProblemGroups implements RecordSink {
    /** Rows an operator can read; a path explosion must not grow this without bound. */
    public static final int MAX_GROUPS = 2048;
    /** Path nodes in a group's prefix: {@code app.web} of {@code app.web.requests.count}. */
    public static final int PREFIX_NODES = 2;
    /** Host and prefix of the per-code group that takes what no longer fits. */
    public static final String ELSEWHERE = "*";

    /** One group, copied for the UI thread. Text is escaped. */
    public record Group(String key, String code, String host, String prefix, Verdict verdict, long count,
                        long firstNanos, long lastNanos, String example, String message) implements Listed { }

    private record Key(String code, Endpoint host, String prefix) { }

    private static final class Acc {
        final Key key;
        final String example, message;
        Verdict verdict;
        long count, firstNanos, lastNanos;

        Acc(Key key, MetricRecord r, Problem p) {
            this.key = key;
            String line = r.raw();
            this.example = TerminalEscaper.escape(line.length() > LiveState.MAX_LINE_CHARS
                    ? line.substring(0, LiveState.MAX_LINE_CHARS) : line);
            this.message = TerminalEscaper.escape(p.message());
            this.verdict = r.verdict();
            this.firstNanos = r.timeNanos();
        }
    }

    private final Map<Key, Acc> groups = new HashMap<>();
    private Acc last;                       // the previous record's group: floods hit it every time

    @Override public synchronized void metric(MetricRecord r) {
        if (r.verdict() == Verdict.OK) return;
        String path = PathTable.pathOf(r);
        Endpoint host = r.src() == null ? null : r.src().withoutPort();
        for (Problem p : r.problems()) {
            Acc a = last;
            if (a == null || a.key.host != host || !a.key.code.equals(p.code()) || !samePrefix(a.key.prefix, path)) {
                a = find(r, p, host, path);
                last = a;
            }
            a.count++;
            a.lastNanos = r.timeNanos();
            if (PathTable.severity(r.verdict()) > PathTable.severity(a.verdict)) a.verdict = r.verdict();
        }
    }

    private Acc find(MetricRecord r, Problem p, Endpoint host, String path) {
        Key k = new Key(p.code(), host, prefix(path));
        Acc a = groups.get(k);
        if (a != null) return a;
        if (groups.size() >= MAX_GROUPS) {
            k = new Key(p.code(), null, ELSEWHERE);
            a = groups.get(k);
            if (a != null) return a;
        }
        a = new Acc(k, r, p);
        groups.put(k, a);
        return a;
    }

    static String prefix(String path) {
        if (path == null) return "-";
        int end = -1;
        for (int n = 0; n < PREFIX_NODES; n++) {
            int dot = path.indexOf('.', end + 1);
            if (dot < 0) break;
            end = dot;
        }
        return end < 0 ? path : path.substring(0, end);
    }

    // does path fall under prefix, without building its prefix string
    private static boolean samePrefix(String prefix, String path) {
        if (path == null) return prefix.equals("-");
        if (!path.startsWith(prefix)) return false;
        int dots = 0;
        for (int i = 0; i < prefix.length(); i++) if (prefix.charAt(i) == '.') dots++;
        if (path.length() == prefix.length()) return dots == 0;           // a one-node path is its own prefix
        return path.charAt(prefix.length()) == '.' && dots == PREFIX_NODES - 1;
    }

    public synchronized int size() { return groups.size(); }

    /** Every group, copied. */
    public synchronized List<Group> snapshot() {
        List<Group> out = new ArrayList<>(groups.size());
        for (Acc a : groups.values()) {
            String host = a.key.host == null ? ELSEWHERE : a.key.host.host();
            String prefix = TerminalEscaper.escape(a.key.prefix);
            out.add(new Group(a.key.code + " " + host + " " + prefix, TerminalEscaper.escape(a.key.code), host, prefix,
                    a.verdict, a.count, a.firstNanos, a.lastNanos, a.example, a.message));
        }
        return out;
    }
}
