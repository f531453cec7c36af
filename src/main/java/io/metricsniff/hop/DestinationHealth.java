package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;

import java.util.ArrayDeque;

/**
 * What the wire showed about one destination a relay sends to: connects refused (SYN answered by
 * RST), connections reset, zero windows (from when, how long) and the relay's own drop counters
 * for it. Bounded: only the latest events of each kind are kept, the rest counted.
 */
public final class DestinationHealth {
    /** Zero-window spells, resets and counter rises kept per destination (older ones only counted). */
    public static final int MAX_EVENTS = 256;

    /** A span of capture time (end -1 while it lasts), with a count (resets, dropped datapoints). */
    public record Span(long fromNanos, long toNanos, long count) {
        boolean overlaps(long from, long to, long now) {
            long end = toNanos < 0 ? now : toNanos;
            return fromNanos <= to && end >= from;
        }
    }

    final Endpoint dst;
    private final ArrayDeque<Span> zeroWindows = new ArrayDeque<>();
    private final ArrayDeque<Span> refusals = new ArrayDeque<>();
    private final ArrayDeque<Span> resets = new ArrayDeque<>();
    private final ArrayDeque<Span> counterRises = new ArrayDeque<>();
    private long zeroSince = -1;
    private long zeroEnded = -1; // when the last zero-window spell ended
    private long closedAt = -1;  // when the relay last sent it a FIN
    private long lastSyn = -1;
    boolean connected;   // a SYN to it was answered by SYN-ACK, or data flowed
    boolean seen;        // any segment to or from it

    DestinationHealth(Endpoint dst) { this.dst = dst; }

    public Endpoint destination() { return dst; }

    void syn(long t) { seen = true; lastSyn = t; }

    void synAck() { connected = true; }

    void window(int window, long t) {
        seen = true;
        if (window == 0 && zeroSince < 0) zeroSince = t;
        else if (window != 0 && zeroSince >= 0) {
            add(zeroWindows, new Span(zeroSince, t, 0));
            zeroSince = -1;
            zeroEnded = t;
        }
    }

    /** Its window is zero at {@code now}, or reopened less than {@code graceNanos} before: copies for it may still come. */
    boolean stalled(long now, long graceNanos) {
        return zeroSince >= 0 || zeroEnded >= 0 && now - zeroEnded < graceNanos;
    }

    void closed(long t) { closedAt = t; }

    /** The relay closed its connection to it after {@code t}: nothing it held before then is still to come. */
    boolean closedAfter(long t) { return closedAt > t; }

    void reset(long t) {
        boolean refused = lastSyn >= 0 && !connected;
        add(refused ? refusals : resets, new Span(t, t, 1));
        lastSyn = -1;
        connected = false;
    }

    void counterRose(long t, long dropped) { add(counterRises, new Span(t, t, dropped)); }

    /** One phrase per kind of trouble within [from, to] (capture nanos), or an empty string. */
    String trouble(long from, long to, long now) {
        StringBuilder b = new StringBuilder();
        long n = count(refusals, from, to, now);
        if (n > 0) sep(b).append("refused ").append(n).append(n == 1 ? " connect" : " connects").append(" (SYN answered by RST)");
        n = count(resets, from, to, now);
        if (n > 0) sep(b).append("reset the connection").append(n == 1 ? "" : " " + n + " times");
        long zero = 0, first = -1;
        for (Span s : spans(zeroWindows, from, to, now)) {
            zero += (s.toNanos() < 0 ? now : s.toNanos()) - s.fromNanos();
            if (first < 0) first = s.fromNanos();
        }
        if (first >= 0) {
            sep(b).append("advertised a zero window for ").append(seconds(zero)).append(" (from ")
                    .append(java.time.Instant.ofEpochSecond(0, first)).append(')');
        }
        return b.toString();
    }

    /** Datapoints the relay's own counters say it dropped for this destination within [from, to]. */
    long counterDrops(long from, long to, long now) { return count(counterRises, from, to, now); }

    /** "rose by N over K reports" for the reports within [from, to], or "" when none rose. */
    String counterRise(long from, long to, long now) {
        long n = 0;
        int reports = 0;
        for (Span s : spans(counterRises, from, to, now)) {
            n += s.count();
            reports++;
        }
        if (n == 0) return "";
        return "rose by " + n + (reports == 1 ? " in one report" : " over " + reports + " reports")
                + " in the " + seconds(to - from) + " after it went in";
    }

    /** When the relay last closed its connection to it (FIN), or -1. */
    long closedAt() { return closedAt; }

    boolean troubled(long from, long to, long now) {
        return !trouble(from, to, now).isEmpty() || counterDrops(from, to, now) > 0;
    }

    private Iterable<Span> spans(ArrayDeque<Span> q, long from, long to, long now) {
        java.util.List<Span> out = new java.util.ArrayList<>();
        for (Span s : q) if (s.overlaps(from, to, now)) out.add(s);
        if (q == zeroWindows && zeroSince >= 0 && zeroSince <= to) out.add(new Span(zeroSince, -1, 0));
        return out;
    }

    private long count(ArrayDeque<Span> q, long from, long to, long now) {
        long n = 0;
        for (Span s : spans(q, from, to, now)) n += s.count();
        return n;
    }

    private static void add(ArrayDeque<Span> q, Span s) {
        if (q.size() >= MAX_EVENTS) q.pollFirst();
        q.addLast(s);
    }

    private static StringBuilder sep(StringBuilder b) { return b.length() == 0 ? b : b.append(", "); }

    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
