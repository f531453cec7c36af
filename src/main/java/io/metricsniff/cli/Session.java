package io.metricsniff.cli;

import io.metricsniff.analysis.PathTable;
import io.metricsniff.capture.CaptureException;
import io.metricsniff.capture.CaptureFiles;
import io.metricsniff.capture.FileSource;
import io.metricsniff.capture.LiveSource;
import io.metricsniff.capture.PacketSink;
import io.metricsniff.capture.PacketSource;
import io.metricsniff.carboncache.ClockOffsets;
import io.metricsniff.decode.PacketDecoder;
import io.metricsniff.health.ConnectionHealth;
import io.metricsniff.health.HealthLimits;
import io.metricsniff.report.CoreCounts;
import io.metricsniff.report.HealthSource;
import io.metricsniff.report.Reporter;
import io.metricsniff.report.SenderCounts;
import io.metricsniff.output.JsonLinesSink;
import io.metricsniff.output.PcapWriter;
import io.metricsniff.output.Summary;
import io.metricsniff.output.Tally;
import io.metricsniff.output.TextSink;
import io.metricsniff.pipeline.Decoders;
import io.metricsniff.pipeline.Fanout;
import io.metricsniff.pipeline.PacketRing;
import io.metricsniff.pipeline.Pipeline;
import io.metricsniff.pipeline.StopWhen;
import io.metricsniff.reassembly.ReassemblyLimits;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Verdict;
import io.metricsniff.verdict.Judge;
import io.metricsniff.tui.CaptureStats;
import io.metricsniff.tui.LiveState;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One run: open the source, wire capture -> ring -> pipeline -> sinks, run until the end of the
 * file, Ctrl-C, -n or --within, then print the summary. Capture runs on the calling thread,
 * processing on its own, so libpcap is never held up by parsing or output.
 */
final class Session {
    /** Snapshot length written into -O files: libpcap's maximum, what we capture with. */
    private static final int DUMP_SNAPLEN = 262_144;

    private final Settings s;
    private final PrintStream out;
    private final PrintStream err;

    Session(Settings settings, PrintStream out, PrintStream err) {
        this.s = settings;
        this.out = out;
        this.err = err;
    }

    int run() {
        PacketSource source;
        try {
            source = s.live() ? LiveSource.open(s.device, s.filter, s.liveOptions()) : FileSource.open(s.input, s.filter);
        } catch (CaptureException e) {
            err.println("metricsniff: " + e.getMessage());
            return 2;
        }
        try (source) {
            if (!PacketDecoder.supports(source.linkType())) {
                err.println("metricsniff: " + source.description() + ": link type " + source.linkType()
                        + " is not one metricsniff decodes (EN10MB, LINUX_SLL, LINUX_SLL2, NULL, LOOP, RAW)");
                return 2;
            }
            if (s.deviceWasDefault) err.println("metricsniff: listening on " + s.device + " (the first up, non-loopback device)");
            return capture(source);
        }
    }

    private int capture(PacketSource source) {
        int digits = s.live() ? 9 : CaptureFiles.timestampDigits(s.input);
        Tally tally = new Tally();
        PathTable paths = new PathTable();
        Screen screen = s.tui ? Screen.open(err) : null; // null: no terminal after all, text instead
        LiveState live = screen != null ? new LiveState() : null;
        SenderCounts senders = s.reportTo != null ? new SenderCounts() : null;
        ClockOffsets clocks = s.clocks ? new ClockOffsets() : null;
        RecordSink chain = sinks(source, tally, paths, live, digits, senders, s.cacheRules, clocks);

        PcapWriter dump;
        try {
            dump = s.output == null ? null : PcapWriter.create(s.output, source.linkType(), DUMP_SNAPLEN);
        } catch (IOException e) {
            err.println("metricsniff: cannot write " + s.output + ": " + e.getMessage());
            return 2;
        }
        Judge judge = new Judge(s.profile, s.lateNanos, s.futureNanos);
        Pipeline pipeline = new Pipeline(source.linkType(), new Decoders(s.protocol, judge, chain),
                ReassemblyLimits.defaults(), dump == null ? null : tee(dump));
        ConnectionHealth health = s.health ? new ConnectionHealth(HealthLimits.defaults()) : null;
        pipeline.observe(health);
        PacketRing ring = s.live() ? new PacketRing(PacketRing.DEFAULT_SLOTS, PacketRing.DEFAULT_MAX_BYTES, true)
                : new PacketRing(PacketRing.REPLAY_SLOTS, PacketRing.DEFAULT_MAX_BYTES, false);
        Reporter reporter = s.reportTo == null ? null : reporter(source, pipeline, ring, tally, health, senders);

        Failure failure = new Failure();
        Thread processing = new Thread(() -> process(ring, pipeline, reporter), "metricsniff-processing");
        processing.setDaemon(true);
        processing.setUncaughtExceptionHandler((t, e) -> { failure.set(e); source.stop(); });
        processing.start();
        Signals.onInterrupt(source::stop);
        if (screen != null) screen.start(paths, live, captureStats(source, pipeline), source::stop);
        Timer within = s.withinNanos > 0 ? Timer.start(s.withinNanos, source::stop) : null;
        Timer duration = s.durationNanos > 0 ? Timer.start(s.durationNanos, source::stop) : null;
        StatusLine status = s.statusLine() ? StatusLine.start(err, pipeline.counters(), tally, source) : null;

        String warning = null;
        try {
            source.run(s.pace ? new Pacer(ring) : ring);
        } catch (CaptureException e) {
            warning = e.getMessage();
        } finally {
            ring.close();
        }
        joinQuietly(processing);
        if (reporter != null) reporter.finish();
        if (screen != null) screen.finish(!s.live()); // a replay's final state stays until q
        if (within != null) within.cancel();
        if (duration != null) duration.cancel();
        if (status != null) status.stop();
        if (dump != null) {
            try {
                dump.close();
            } catch (IOException e) {
                failure.set(new DumpFailed(e));
            }
        }

        Summary summary = summary(source, pipeline, ring, tally, paths, health);
        Report.addCarbon(summary, s.cacheRules, clocks);
        summary.print(out, s.json);
        out.flush();

        if (failure.get() != null) {
            err.println("metricsniff: " + Failure.describe(failure.get()));
            return 2;
        }
        if (warning != null && s.live()) { // the device failed under us: an error, after the summary
            err.println("metricsniff: " + warning);
            return 2;
        }
        if (warning != null) err.println("metricsniff: warning: " + warning); // e.g. a truncated file
        Decoders decoders = pipeline.decoders();
        if (tally.metrics() == 0 && decoders.unknownStreams() > 0) {
            err.println("metricsniff: " + decoders.unknownStreams() + " streams went to ports --protocol auto does not"
                    + " know (first: " + decoders.firstUnknown() + "); name one: --protocol graphite, pickle or statsd");
        }
        boolean met = s.expectations == null || s.expectations.allMet();
        if (!met && within != null && within.fired()) {
            err.println("metricsniff: --within " + s.withinText + " elapsed before every --expect was met");
        }
        return met ? 0 : 1;
    }

    /** Where judged records go: counts always; statistics, the delivery check and one output as asked. */
    private RecordSink sinks(PacketSource source, Tally tally, PathTable paths, LiveState live, int digits,
                             RecordSink... optional) {
        List<RecordSink> sinks = new ArrayList<>();
        sinks.add(tally);
        for (RecordSink o : optional) if (o != null) sinks.add(o);
        if (s.needsPathTable()) sinks.add(paths);
        if (s.expectations != null) sinks.add(s.expectations);
        if (live != null) sinks.add(live);
        else if (!s.quiet) sinks.add(s.json ? new JsonLinesSink(out, digits) : new TextSink(out, digits, s.colour));
        RecordSink chain = new Fanout(sinks);
        if (s.count == Long.MAX_VALUE && !s.stopWhenExpected()) return chain;
        return new StopWhen(chain, s.count, s.stopWhenExpected() ? s.expectations::allMet : null, source::stop);
    }

    /** The -O writer as a packet tap; a write error stops the run, as tcpdump's would. */
    private static PacketSink tee(PcapWriter dump) {
        return (t, d, c, o) -> {
            try {
                dump.write(t, d, c, o);
            } catch (IOException e) {
                throw new DumpFailed(e);
            }
        };
    }

    private Summary summary(PacketSource source, Pipeline pipeline, PacketRing ring, Tally tally, PathTable paths,
                            ConnectionHealth health) {
        Summary summary = new Summary();
        summary.put("packets", pipeline.counters().packets());
        summary.put("bytes", pipeline.counters().bytes());
        summary.put("flows", pipeline.flows());
        summary.put("metrics", tally.metrics());
        summary.put("ok", tally.count(Verdict.OK));
        summary.put("malformed", tally.count(Verdict.MALFORMED));
        summary.put("late", tally.count(Verdict.LATE));
        summary.put("future", tally.count(Verdict.FUTURE));
        summary.put("gaps", tally.gaps());
        if (s.live()) summary.put("kernel_drops", source.kernelDrops().orElse(0));
        summary.put("gap_bytes", tally.gapBytes());
        summary.put("skipped_bytes", tally.skippedBytes());
        summary.put("queue_drops", ring.dropped());
        summary.put("truncated_packets", pipeline.counters().truncated());
        summary.put("corrupt_packets", pipeline.counters().corrupt());
        summary.put("ignored_packets", pipeline.counters().ignored());
        summary.put("overlap_conflicts", pipeline.reassembler().overlapConflicts());
        summary.put("evicted_flows", pipeline.reassembler().evictions());
        summary.put("problems", tally.problemCodes());
        Report.addAnalysis(summary, s, paths);
        if (health != null) Report.addHealth(summary, health.snapshot());
        return summary;
    }

    private CaptureStats captureStats(PacketSource source, Pipeline pipeline) {
        return new CaptureStats() {
            @Override public String description() { return source.description(); }
            @Override public long packets() { return pipeline.counters().packets(); }
            @Override public long bytes() { return pipeline.counters().bytes(); }
            @Override public long flows() { return pipeline.flows(); }
            @Override public OptionalLong kernelDrops() { return source.kernelDrops(); }
            @Override public boolean live() { return s.live(); }
        };
    }

    private void process(PacketRing ring, Pipeline pipeline, Reporter reporter) {
        while (ring.drainTo(pipeline)) {
            if (ring.isEmpty()) out.flush(); // live output appears as it happens
            if (reporter != null) reporter.tick(System.nanoTime()); // here: sources are read on their own thread
        }
        pipeline.finish();
    }

    /** --report-to: what is reported, one source a line, and the reporter's own connection left out. */
    private Reporter reporter(PacketSource source, Pipeline pipeline, PacketRing ring, Tally tally,
                              ConnectionHealth health, SenderCounts senders) {
        Reporter r = new Reporter(s.reportTo, s.reportHost, s.reportIntervalNanos);
        r.add(new CoreCounts(pipeline.counters(), tally, ring::dropped, () -> source.kernelDrops().orElse(0), pipeline::flows));
        r.add(senders);
        r.add(new HealthSource(health));
        pipeline.exclude(r.ownTraffic());
        r.start(System.nanoTime());
        return r;
    }

    private static void joinQuietly(Thread t) {
        boolean again = true;
        while (again) {
            try {
                t.join();
                again = false;
            } catch (InterruptedException e) {
                // keep waiting: the summary needs every record processed
            }
        }
    }

    /** An -O file that could not be written: the run stops, as tcpdump's would. */
    static final class DumpFailed extends RuntimeException {
        DumpFailed(IOException cause) { super("cannot write the -O file: " + cause.getMessage(), cause); }
    }
}
