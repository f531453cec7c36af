package io.metricsniff.tui;

import io.metricsniff.analysis.PathTable;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;

import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What the live view costs at a given line rate (not a unit test: run it by hand).
 * A producer thread paces records at RATE/s into PathTable + LiveState while the UI renders to
 * a 160x45 virtual terminal; reported: the UI thread's CPU as a share of one core, and the
 * producer's extra CPU for LiveState alone and for both sinks (compared with a run that feeds no sinks).
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.metricsniff.tui.UiCostBench [rate] [paths] [seconds]
 * </pre>
 */
public final class UiCostBench {
    static final Endpoint SRC = new Endpoint(new byte[]{127, 0, 0, 1}, 50000);
    static final Endpoint DST = new Endpoint(new byte[]{127, 0, 0, 1}, 2003);
    static final Problem LATE = new Problem("late", "metric timestamp 120s behind capture time");

    public static void main(String[] args) throws Exception {
        long rate = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int nPaths = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String[] paths = new String[nPaths];
        byte[][] raws = new byte[nPaths][];
        for (int i = 0; i < nPaths; i++) {
            paths[i] = "bench.host" + (i % 50) + ".metric" + i;
            raws[i] = (paths[i] + " 42 1795504341").getBytes(StandardCharsets.US_ASCII);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();

        System.out.printf(Locale.ROOT, "rate %,d/s  paths %,d  %d s per run%n", rate, nPaths, seconds);
        produce(rate, seconds, paths, raws, null, mx);                        // warm-up of the generator
        double base = produce(rate, seconds, paths, raws, null, mx);
        System.out.printf(Locale.ROOT, "producer alone:            %5.1f%% of a core%n", 100 * base);
        LiveState alone = new LiveState();
        double liveOnly = produce(rate, seconds, paths, raws, alone, mx);
        System.out.printf(Locale.ROOT, "producer + LiveState:      %5.1f%% of a core (LiveState: %+.1f%%, %.0f ns/record)%n",
                100 * liveOnly, 100 * (liveOnly - base), (liveOnly - base) * 1e9 / rate);
        measureWithUi(rate, seconds, paths, raws, base, mx);
        System.exit(0);
    }

    /** Feeds both sinks while the UI renders to a virtual terminal; prints the producer's and the UI's cost. */
    static void measureWithUi(long rate, int seconds, String[] paths, byte[][] raws, double base, ThreadMXBean mx)
            throws Exception {
        PathTable table = new PathTable();
        ViewSources view = new ViewSources(table);
        LiveState live = view.live();
        RecordSink both = new RecordSink() {
            @Override public void metric(MetricRecord r) { table.metric(r); view.metric(r); }
        };
        AtomicLong outBytes = new AtomicLong();
        Terminal term = countingTerminal(outBytes);
        TerminalUi ui = new TerminalUi(term, view, benchStats(live), () -> { });
        ui.start();
        long ui0 = mx.getThreadCpuTime(ui.thread().getId());
        long t0 = System.nanoTime();
        double withSinks = produce(rate, seconds, paths, raws, both, mx);
        long uiCpu = mx.getThreadCpuTime(ui.thread().getId()) - ui0;
        double wall = (System.nanoTime() - t0) / 1e9;
        ui.close();
        term.close();

        double uiShare = uiCpu / 1e9 / wall;
        double sinkShare = withSinks - base;
        System.out.printf(Locale.ROOT, "producer + PathTable + LiveState: %5.1f%% of a core (sinks: %+.1f%%, %.0f ns/record)%n",
                100 * withSinks, 100 * sinkShare, sinkShare * 1e9 / rate);
        System.out.printf(Locale.ROOT, "UI thread:                 %5.2f%% of a core (redraw every %d ms, %,d bytes to the terminal)%n",
                100 * uiShare, ui.redrawIntervalNanos() / 1_000_000, outBytes.get());
        System.out.printf(Locale.ROOT, "records %,d  paths tracked %,d  flagged kept %d%n",
                live.metrics(), table.size(), live.latest(LiveState.RING_SIZE).size());
    }

    /** A 160x45 xterm whose output is only counted (into {@code outBytes}); no keys ever arrive. */
    static Terminal countingTerminal(AtomicLong outBytes) throws java.io.IOException {
        PipedOutputStream keys = new PipedOutputStream();
        OutputStream sinkOut = new OutputStream() {
            @Override public void write(int b) { outBytes.incrementAndGet(); }
            @Override public void write(byte[] b, int off, int len) { outBytes.addAndGet(len); }
        };
        return TerminalBuilder.builder().system(false).streams(new PipedInputStream(keys), sinkOut)
                .type("xterm-256color").size(new Size(160, 45)).build();
    }

    static CaptureStats benchStats(LiveState live) {
        return new CaptureStats() {
            public String description() { return "lo: port 2003 (bench)"; }
            public long packets() { return live.metrics() / 20; }
            public long bytes() { return live.metrics() * 30; }
            public long flows() { return 1; }
            public OptionalLong kernelDrops() { return OptionalLong.of(0); }
            public boolean live() { return true; }
        };
    }

    /** Feeds records at {@code rate}/s for {@code seconds}; returns the producer's CPU share of one core. */
    static double produce(long rate, int seconds, String[] paths, byte[][] raws, RecordSink sink, ThreadMXBean mx) {
        final double[] share = new double[1];
        Thread t = new Thread(() -> {
            long perMilli = rate / 1000;
            long start = System.nanoTime();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long n = 0;
            int p = 0;
            long ms = 0;
            long end = seconds * 1000L;
            double sum = 0;
            while (ms < end) {
                long now = System.nanoTime();
                long capture = 1_795_504_341_000_000_000L + (now - start);
                for (long i = 0; i < perMilli; i++) {
                    MetricRecord r = new MetricRecord(capture, SRC, DST, Transport.TCP, Protocol.GRAPHITE, raws[p], raws[p].length)
                            .path(paths[p]).value(n).timestamp(1_795_504_341L + ms / 1000);
                    if (n % 100 == 0) r.flag(Verdict.LATE, LATE);        // 1% flagged
                    if (sink != null) sink.metric(r); else sum += r.value();
                    n++;
                    if (++p == paths.length) p = 0;
                }
                ms++;
                long due = start + ms * 1_000_000L;
                while (System.nanoTime() < due) LockSupport.parkNanos(due - System.nanoTime());
            }
            double wall = (System.nanoTime() - start) / 1e9;
            share[0] = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9 / wall;
            if (sum == 42) System.out.print("");                          // keep the loop honest
        }, "bench-producer");
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return share[0];
    }
}
