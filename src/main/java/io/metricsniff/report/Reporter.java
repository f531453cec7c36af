package io.metricsniff.report;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --report-to}: every interval, asks each {@link ReportSource} for its values and sends them as
 * Graphite plaintext under {@code metricsniff.<host>.}, the way carbon reports {@code carbon.agents.*}:
 * counts as the change over the interval, gauges as they are. Sampling runs on the processing thread
 * (sources need no locks); delivery on the sender's thread.
 */
public final class Reporter {
    /** Count series remembered for their last total; past it new names are not reported. */
    static final int MAX_SERIES = 20_000;
    /** How long the end of a run waits for the last report to be delivered. */
    static final long FINAL_FLUSH_MILLIS = 5_000;

    private final String prefix;
    private final long intervalNanos;
    private final List<ReportSource> sources = new ArrayList<>();
    private final Map<String, Long> lastTotals = new HashMap<>();
    private final OwnTraffic own;
    private final ReportSender sender;
    private long nextNanos;
    private volatile long lastSecond; // processing thread, then the main thread at finish()

    public Reporter(InetSocketAddress target, String host, long intervalNanos) {
        InetAddress a = target.getAddress();
        this.prefix = "metricsniff." + Sample.node(host) + ".";
        this.intervalNanos = intervalNanos;
        this.own = new OwnTraffic(a.getAddress(), target.getPort());
        this.sender = new ReportSender(target, own);
        sources.add(s -> s.count("report.dropped_lines", sender.droppedLines()).count("report.connects", sender.connects())
                .count("report.own_packets", own.excluded()));
    }

    /** Adds a source; hop statistics, for example, are one {@code reporter.add(hops::report)}. */
    public Reporter add(ReportSource s) {
        sources.add(s);
        return this;
    }

    public OwnTraffic ownTraffic() { return own; }

    /** Report lines given up (the receiver was unreachable longer than the buffer holds). */
    public long droppedLines() { return sender.droppedLines(); }

    public String prefix() { return prefix; }

    public void start(long nowNanos) {
        nextNanos = nowNanos + intervalNanos;
        sender.start();
    }

    /** Processing thread, often: sends a report when the interval is up. {@code nowNanos} is monotonic. */
    public void tick(long nowNanos) {
        if (nowNanos - nextNanos < 0) return;
        nextNanos += intervalNanos;
        if (nowNanos - nextNanos >= 0) nextNanos = nowNanos + intervalNanos; // fell behind: no burst
        send(System.currentTimeMillis() / 1000);
    }

    /**
     * The end of the run: the last interval's report, then up to {@link #FINAL_FLUSH_MILLIS} to deliver it.
     * It waits for a second of its own: in the same second it would overwrite the previous report's point.
     */
    public void finish() {
        long now = System.currentTimeMillis();
        if (now / 1000 == lastSecond) {
            try {
                Thread.sleep(1000 - now % 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        send(System.currentTimeMillis() / 1000);
        sender.close(FINAL_FLUSH_MILLIS);
    }

    private void send(long epochSeconds) {
        lastSecond = epochSeconds;
        Sample s = new Sample();
        for (ReportSource src : sources) src.report(s);
        StringBuilder sb = new StringBuilder(4096);
        int lines = 0;
        for (Map.Entry<String, Long> e : s.counts.entrySet()) {
            Long last = lastTotals.get(e.getKey());
            if (last == null && lastTotals.size() >= MAX_SERIES) continue;
            lastTotals.put(e.getKey(), e.getValue());
            long delta = last == null || e.getValue() < last ? e.getValue() : e.getValue() - last; // smaller: restarted
            lines += line(sb, e.getKey(), Long.toString(delta), epochSeconds);
        }
        for (Map.Entry<String, Double> e : s.gauges.entrySet()) {
            lines += line(sb, e.getKey(), Double.toString(e.getValue()), epochSeconds);
        }
        sender.offer(sb.toString().getBytes(StandardCharsets.US_ASCII), lines);
    }

    private int line(StringBuilder sb, String name, String value, long epochSeconds) {
        sb.append(prefix).append(name).append(' ').append(value).append(' ').append(epochSeconds).append('\n');
        return 1;
    }
}
