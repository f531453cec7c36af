package io.metricsniff.cli;

import io.metricsniff.analysis.Expectations;
import io.metricsniff.analysis.PathTable;
import io.metricsniff.anomaly.Anomaly;
import io.metricsniff.capture.CaptureException;
import io.metricsniff.capture.FileSource;
import io.metricsniff.capture.LinkFilter;
import io.metricsniff.capture.LiveSource;
import io.metricsniff.capture.PacketSink;
import io.metricsniff.capture.PacketsNotRead;
import io.metricsniff.capture.PacketSource;
import io.metricsniff.carboncache.CacheRules;
import io.metricsniff.carboncache.ClockOffsets;
import io.metricsniff.decode.PacketDecoder;
import io.metricsniff.hop.HopEngine;
import io.metricsniff.hop.HopExpect;
import io.metricsniff.hop.HopListener;
import io.metricsniff.output.HopLines;
import io.metricsniff.health.ConnectionHealth;
import io.metricsniff.health.HealthLimits;
import io.metricsniff.output.JsonLinesSink;
import io.metricsniff.output.PcapWriter;
import io.metricsniff.output.Summary;
import io.metricsniff.output.Tally;
import io.metricsniff.output.TextSink;
import io.metricsniff.paths.PathIndex;
import io.metricsniff.pipeline.Decoders;
import io.metricsniff.pipeline.Fanout;
import io.metricsniff.pipeline.PacketRing;
import io.metricsniff.pipeline.Pipeline;
import io.metricsniff.pipeline.StopWhen;
import io.metricsniff.reassembly.ReassemblyLimits;
import io.metricsniff.report.CoreCounts;
import io.metricsniff.report.HealthSource;
import io.metricsniff.report.Reporter;
import io.metricsniff.report.SenderCounts;
import io.metricsniff.record.RecordSink;
import io.metricsniff.verdict.Judge;
import io.metricsniff.tui.CaptureStats;
import io.metricsniff.tui.HopBoard;
import io.metricsniff.tui.ViewSources;
import io.metricsniff.capture.ReadPosition;

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
    private final StdoutGuard guard; // null: out is not the process's stdout (tests)

    Session(Settings settings, PrintStream out, PrintStream err, StdoutGuard guard) {
        this.s = settings;
        this.out = out;
        this.err = err;
        this.guard = guard;
    }

    int run() {
        PacketSource source;
        try {
            LinkFilter filter = new LinkFilter(s.filter, PacketDecoder::supports, PacketDecoder.SUPPORTED_NAMES);
            source = s.live() ? LiveSource.open(s.device, filter, s.liveOptions()) : FileSource.open(s.input, filter);
        } catch (CaptureException e) {
            err.println("metricsniff: " + e.getMessage());
            return 2;
        }
        try (source) {
            if (s.deviceWasDefault) err.println("metricsniff: listening on " + s.device + " (the first up, non-loopback device)");
            return capture(source);
        }
    }

    private int capture(PacketSource source) {
        PcapWriter dump;
        try {
            dump = s.output == null ? null : PcapWriter.create(s.output, source.linkType(), DUMP_SNAPLEN);
        } catch (IOException e) {
            err.println("metricsniff: cannot write " + s.output + ": " + FileErrors.why(s.output, e));
            return 2;
        }
        PathIndex index = new PathIndex(s.advisor != null ? PathIndex.MAX_PATHS_WITH_INTERVALS : PathIndex.DEFAULT_MAX_PATHS);
        Expectations expectations = s.expects() ? new Expectations(s.expect, index) : null;
        Tally tally = new Tally();
        PathTable paths = new PathTable(index, s.advisor != null);
        TuiTerminal screen = s.tui ? TuiTerminal.open(err) : null; // null: no terminal after all, text instead
        ViewSources live = screen != null ? new ViewSources(paths) : null;
        HopExpect hopExpect = !s.hops.isEmpty() && s.expects() ? new HopExpect(s.expect) : null;
        HopEngine hops = hopEngine(live, source.timestampDigits(), hopExpect);
        SenderCounts senders = s.reportTo != null ? new SenderCounts() : null;
        ClockOffsets clocks = s.clocks ? new ClockOffsets() : null;
        CacheRules cache = s.cacheConf != null ? new CacheRules(s.cacheSchemas, s.cacheConf) : null;
        RecordSink carbon = live == null ? null : live.carbon(cache, clocks); // after both in the chain
        RecordSink chain = sinks(source, tally, paths, expectations, live, source.timestampDigits(), hops, live == null ? null : live.hops(),
                senders, clocks, cache, carbon);
        Judge judge = new Judge(s.profile, s.lateNanos, s.futureNanos,
                s.advisor == null ? null : s.advisor::longestRetentionSeconds, index);
        Pipeline pipeline = new Pipeline(source.linkType(),
                new Decoders(s.protocol, judge, chain).sniffUnknownPorts(hops != null),
                ReassemblyLimits.defaults(), dump == null ? null : tee(dump));
        if (hops != null) hops.countInto(pipeline.anomalies());
        PacketRing ring = PacketRing.forCapture(s.live());
        pipeline.anomalies().source(Anomaly.QUEUE_DROPS, ring::dropped)
                .source(Anomaly.GAP_BYTES, tally::gapBytes)
                .source(Anomaly.SKIPPED_BYTES, tally::skippedBytes)
                .source(Anomaly.CORRUPT_PACKETS, source::unreadablePackets);
        ConnectionHealth health = s.health ? new ConnectionHealth(HealthLimits.defaults()) : null;
        pipeline.observe(hops).observe(health);
        if (live != null && health != null) live.health(health::latest, health::publish);
        Reporter reporter = s.reportTo == null ? null : reporter(source, pipeline, tally, health, senders);

        Failure failure = new Failure();
        Thread processing = startProcessing(ring, pipeline, reporter, failure, source);
        Signals.onInterrupt(source::stop);
        if (guard != null) guard.onFailure(source::stop); // nobody reads on: stop at once
        if (screen != null) screen.start(live, captureStats(source, pipeline), source::stop);
        Timer within = s.within != null ? Timer.start(s.within.nanos(), source::stop) : null;
        Timer duration = s.duration != null ? Timer.start(s.duration.nanos(), source::stop) : null;
        StatusLine status = s.statusLine() ? StatusLine.start(err, pipeline.counters(), tally, source) : null;

        CaptureException warning = runSource(source, ring);
        joinQuietly(processing);
        if (reporter != null) reporter.finish();
        if (screen != null) screen.finish(!s.live()); // a replay's final state stays until q
        for (Timer t : new Timer[] {within, duration}) if (t != null) t.cancel();
        if (status != null) status.stop();
        closeDump(dump, failure);

        summary(source, pipeline, tally, Report.allSections(expectations, s.advisor, paths, index, hops, hopExpect,
                health == null ? null : health.snapshot(), cache, clocks)).print(out, s.json);
        out.flush();
        int exit = exitStatus(failure, warning, pipeline.decoders(), tally, expectations, within);
        return exit == 0 && hopExpect != null && !hopExpect.allMet() ? 1 : exit;
    }

    /** The processing thread: a failure in it stops the capture and decides the exit status. */
    private Thread startProcessing(PacketRing ring, Pipeline pipeline, Reporter reporter, Failure failure, PacketSource source) {
        Thread processing = new Thread(() -> process(ring, pipeline, reporter), "metricsniff-processing");
        processing.setDaemon(true);
        processing.setUncaughtExceptionHandler((t, e) -> { failure.set(e); source.stop(); });
        processing.start();
        return processing;
    }

    /** Captures until the end, a stop or an error; returns the error, or null. */
    private CaptureException runSource(PacketSource source, PacketRing ring) {
        try {
            source.run(s.pace ? new Pacer(ring) : ring);
            return null;
        } catch (CaptureException e) {
            return e;
        } finally {
            ring.close();
        }
    }

    private static void closeDump(PcapWriter dump, Failure failure) {
        if (dump == null) return;
        try {
            dump.close();
        } catch (IOException e) {
            failure.set(new DumpFailed(e));
        }
    }

    /** 2 for a failure, 1 for an unmet --expect, else 0; with the one line that says why. */
    private int exitStatus(Failure failure, CaptureException warning, Decoders decoders, Tally tally, Expectations expectations,
                           Timer within) {
        if (failure.get() != null) {
            err.println("metricsniff: " + Failure.describe(failure.get()));
            return 2;
        }
        if (warning != null) { // the device failed under us, packets were left unread, the file is truncated: after the summary
            err.println("metricsniff: " + warning.getMessage());
            return 2;
        }
        if (tally.metrics() == 0 && decoders.unknownStreams() > 0) {
            err.println("metricsniff: " + decoders.unknownStreams() + " streams went to ports --protocol auto does not"
                    + " know (first: " + decoders.firstUnknown() + "); name one: --protocol graphite, pickle, statsd or riemann");
        }
        boolean met = expectations == null || expectations.allMet();
        if (!met && within != null && within.fired()) {
            err.println("metricsniff: --within " + s.within.text() + " elapsed before every --expect was met");
        }
        return met ? 0 : 1;
    }

    /** The hop engine when --hop is given: it hears every record, and tells the output and --expect what it finds. */
    private HopEngine hopEngine(ViewSources live, int digits, HopExpect hopExpect) {
        if (s.hops.isEmpty()) return null;
        List<HopListener> listeners = new ArrayList<>(2);
        if (live == null && !s.quiet) listeners.add(new HopLines(out, digits, s.json));
        if (hopExpect != null) listeners.add(hopExpect);
        HopEngine[] engine = new HopEngine[1];           // the board reads the engine's counts, the engine tells the board
        if (live != null) listeners.add(live.hops(new HopBoard(() -> engine[0].stats())).hops());
        HopListener all = listeners.isEmpty() ? HopListener.NONE : o -> { for (HopListener l : listeners) l.outcome(o); };
        engine[0] = new HopEngine(s.hops, s.hopOptions, all);
        return engine[0];
    }

    /** Where judged records go: counts always; statistics, the delivery check, hops and one output as asked. */
    private RecordSink sinks(PacketSource source, Tally tally, PathTable paths, Expectations expectations, ViewSources live,
                             int digits, RecordSink... optional) {
        List<RecordSink> sinks = new ArrayList<>();
        sinks.add(tally);
        for (RecordSink o : optional) if (o != null) sinks.add(o);
        if (s.needsPathTable()) sinks.add(paths);
        if (expectations != null) sinks.add(expectations);
        if (live != null) sinks.add(live);
        else if (!s.quiet) sinks.add(s.json ? new JsonLinesSink(out, digits) : new TextSink(out, digits, s.colour));
        RecordSink chain = new Fanout(sinks);
        if (s.count == Long.MAX_VALUE && !s.stopWhenExpected()) return chain;
        return new StopWhen(chain, s.count, s.stopWhenExpected() ? expectations::allMet : null, source::stop);
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

    private Summary summary(PacketSource source, Pipeline pipeline, Tally tally, List<Summary.Section> sections) {
        // Packets libpcap read but pcap4j could not deliver count as seen (and corrupt).
        long packets = pipeline.counters().packets() + source.unreadablePackets();
        Summary.Traffic traffic = new Summary.Traffic(packets, pipeline.counters().bytes(),
                pipeline.flows());
        OptionalLong kernelDrops = s.live() ? OptionalLong.of(source.kernelDrops().orElse(0)) : OptionalLong.empty();
        return new Summary(traffic, Summary.Verdicts.of(tally), kernelDrops, Summary.shown(pipeline.anomalies()),
                tally.problemCodes(), sections);
    }

    private CaptureStats captureStats(PacketSource source, Pipeline pipeline) {
        ReadPosition read = s.live() ? null : new ReadPosition(s.input);
        return new CaptureStats() {
            @Override public long inputPosition() { return read == null ? -1 : read.position(); }
            @Override public long inputSize() { return read == null ? -1 : read.size(); }
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
    private Reporter reporter(PacketSource source, Pipeline pipeline, Tally tally, ConnectionHealth health,
                              SenderCounts senders) {
        Reporter r = new Reporter(s.reportTo, s.reportHost, s.reportIntervalNanos);
        r.add(new CoreCounts(pipeline.counters(), pipeline.anomalies(), tally, () -> source.kernelDrops().orElse(0),
                pipeline::flows));
        r.add(senders);
        r.add(new HealthSource(health));
        pipeline.exclude(r.ownTraffic());
        pipeline.anomalies().source(Anomaly.REPORT_DROPPED_LINES, r::droppedLines);
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
}
