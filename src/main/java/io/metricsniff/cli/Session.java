package io.metricsniff.cli;

import io.metricsniff.analysis.Expectations;
import io.metricsniff.analysis.PathTable;
import io.metricsniff.anomaly.Anomaly;
import io.metricsniff.capture.CaptureException;
import io.metricsniff.capture.CaptureFiles;
import io.metricsniff.capture.FileSource;
import io.metricsniff.capture.LiveSource;
import io.metricsniff.capture.PacketSink;
import io.metricsniff.capture.PacketSource;
import io.metricsniff.decode.PacketDecoder;
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
import io.metricsniff.record.RecordSink;
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
        PcapWriter dump;
        try {
            dump = s.output == null ? null : PcapWriter.create(s.output, source.linkType(), DUMP_SNAPLEN);
        } catch (IOException e) {
            err.println("metricsniff: cannot write " + s.output + ": " + e.getMessage());
            return 2;
        }
        PathIndex index = new PathIndex();
        Expectations expectations = s.expects() ? new Expectations(s.expect, index) : null;
        Tally tally = new Tally();
        PathTable paths = new PathTable(index, s.advisor != null);
        TuiTerminal screen = s.tui ? TuiTerminal.open(err) : null; // null: no terminal after all, text instead
        LiveState live = screen != null ? new LiveState() : null;
        int digits = s.live() ? 9 : CaptureFiles.timestampDigits(s.input);
        RecordSink chain = sinks(source, tally, paths, expectations, live, digits);
        Judge judge = new Judge(s.profile, s.lateNanos, s.futureNanos, index);
        Pipeline pipeline = new Pipeline(source.linkType(), new Decoders(s.protocol, judge, chain),
                ReassemblyLimits.defaults(), dump == null ? null : tee(dump));
        PacketRing ring = s.live() ? new PacketRing(PacketRing.DEFAULT_SLOTS, PacketRing.DEFAULT_MAX_BYTES, true)
                : new PacketRing(PacketRing.REPLAY_SLOTS, PacketRing.DEFAULT_MAX_BYTES, false);
        pipeline.anomalies().source(Anomaly.QUEUE_DROPS, ring::dropped)
                .source(Anomaly.GAP_BYTES, tally::gapBytes)
                .source(Anomaly.SKIPPED_BYTES, tally::skippedBytes);

        Failure failure = new Failure();
        Thread processing = new Thread(() -> process(ring, pipeline), "metricsniff-processing");
        processing.setDaemon(true);
        processing.setUncaughtExceptionHandler((t, e) -> { failure.set(e); source.stop(); });
        processing.start();
        Signals.onInterrupt(source::stop);
        if (screen != null) screen.start(paths, live, captureStats(source, pipeline), source::stop);
        Timer within = s.within != null ? Timer.start(s.within.nanos(), source::stop) : null;
        Timer duration = s.duration != null ? Timer.start(s.duration.nanos(), source::stop) : null;
        StatusLine status = s.statusLine() ? StatusLine.start(err, pipeline.counters(), tally, source) : null;

        String warning = runSource(source, ring);
        joinQuietly(processing);
        if (screen != null) screen.finish(!s.live()); // a replay's final state stays until q
        for (Timer t : new Timer[] {within, duration}) if (t != null) t.cancel();
        if (status != null) status.stop();
        closeDump(dump, failure);

        summary(source, pipeline, tally, Report.sections(expectations, s.advisor, paths, index)).print(out, s.json);
        out.flush();
        return exitStatus(failure, warning, pipeline.decoders(), tally, expectations, within);
    }

    /** Captures until the end, a stop or an error; returns the error as a warning, or null. */
    private String runSource(PacketSource source, PacketRing ring) {
        try {
            source.run(s.pace ? new Pacer(ring) : ring);
            return null;
        } catch (CaptureException e) {
            return e.getMessage();
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
    private int exitStatus(Failure failure, String warning, Decoders decoders, Tally tally, Expectations expectations,
                           Timer within) {
        if (failure.get() != null) {
            err.println("metricsniff: " + Failure.describe(failure.get()));
            return 2;
        }
        if (warning != null && s.live()) { // the device failed under us: an error, after the summary
            err.println("metricsniff: " + warning);
            return 2;
        }
        if (warning != null) err.println("metricsniff: warning: " + warning); // e.g. a truncated file
        if (tally.metrics() == 0 && decoders.unknownStreams() > 0) {
            err.println("metricsniff: " + decoders.unknownStreams() + " streams went to ports --protocol auto does not"
                    + " know (first: " + decoders.firstUnknown() + "); name one: --protocol graphite, pickle or statsd");
        }
        boolean met = expectations == null || expectations.allMet();
        if (!met && within != null && within.fired()) {
            err.println("metricsniff: --within " + s.within.text() + " elapsed before every --expect was met");
        }
        return met ? 0 : 1;
    }

    /** Where judged records go: counts always; statistics, the delivery check and one output as asked. */
    private RecordSink sinks(PacketSource source, Tally tally, PathTable paths, Expectations expectations, LiveState live,
                             int digits) {
        List<RecordSink> sinks = new ArrayList<>();
        sinks.add(tally);
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
        Summary.Traffic traffic = new Summary.Traffic(pipeline.counters().packets(), pipeline.counters().bytes(),
                pipeline.flows());
        OptionalLong kernelDrops = s.live() ? OptionalLong.of(source.kernelDrops().orElse(0)) : OptionalLong.empty();
        return new Summary(traffic, Summary.Verdicts.of(tally), kernelDrops, Summary.shown(pipeline.anomalies()),
                tally.problemCodes(), sections);
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

    private void process(PacketRing ring, Pipeline pipeline) {
        while (ring.drainTo(pipeline)) {
            if (ring.isEmpty()) out.flush(); // live output appears as it happens
        }
        pipeline.finish();
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
