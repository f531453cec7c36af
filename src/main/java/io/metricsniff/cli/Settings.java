package io.metricsniff.cli;

import io.metricsniff.analysis.CarbonConf;
import io.metricsniff.analysis.GraphiteGlob;
import io.metricsniff.analysis.RetentionAdvisor;
import io.metricsniff.analysis.StorageAggregation;
import io.metricsniff.analysis.StorageSchemas;
import io.metricsniff.capture.CaptureException;
import io.metricsniff.capture.LiveOptions;
import io.metricsniff.capture.LiveSource;
import io.metricsniff.hop.HopEngine;
import io.metricsniff.hop.HopSpec;
import io.metricsniff.hop.Router;
import io.metricsniff.hop.route.Routers;
import io.metricsniff.output.Colour;
import io.metricsniff.record.Protocol;
import io.metricsniff.verdict.ReceiverProfile;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The validated command line, immutable: every option checked and converted before anything is
 * opened. Running state (the delivery check's progress, counters) belongs to {@link Session}.
 */
final class Settings {
    /** -B takes KiB up to this: 2 GiB, the most an int of bytes (libpcap's buffer size) holds. */
    private static final int MAX_BUFFER_KIB = 1 << 21;
    /** --hop-replicas up to this: a replication factor is a handful; more is a typo. */
    private static final int MAX_REPLICAS = 64;
    /** With --hop and no filter words: a relay's destinations listen on ports no default names. */
    static final String HOP_FILTER = "tcp or udp";

    final String device;
    final boolean deviceWasDefault;
    final Path input;
    final Path output;
    final String filter;
    final long count;          // Long.MAX_VALUE: no -n
    final boolean quiet;
    final boolean json;
    final boolean tui;
    final boolean colour;
    final boolean pace;
    final int bufferBytes;     // 0: libpcap's default from LiveOptions
    final boolean immediate;
    final Protocol protocol;
    final ReceiverProfile profile;
    final long lateNanos;
    final long futureNanos;
    final List<String> expect; // --expect globs, checked; empty: no delivery check
    final DurationOption within;   // null: none
    final DurationOption duration; // null: none
    final RetentionAdvisor advisor; // null: no --schemas
    final List<HopSpec> hops;        // --hop, in order; empty: no hop followed
    final HopEngine.Options hopOptions;
    final boolean health;             // --health, or implied by --report-to
    final boolean clocks;             // per-host clock offsets: with --health or --carbon-conf
    final StorageSchemas cacheSchemas; // with cacheConf: --carbon-conf's checks; null: none
    final CarbonConf cacheConf;
    final InetSocketAddress reportTo;  // null: no --report-to
    final long reportIntervalNanos;
    final String reportHost;

    private Settings(SniffCommand c, boolean stdoutIsTerminal) throws UsageException {
        SniffCommand.Source src = c.source == null ? new SniffCommand.Source() : c.source;
        input = src.input;
        deviceWasDefault = src.input == null && src.device == null;
        device = deviceWasDefault ? defaultDevice() : src.device;
        filter = !c.hops.isEmpty() && c.filterWords.isEmpty() ? HOP_FILTER : c.filter();
        output = c.output;
        if (c.count != null && c.count <= 0) throw new UsageException("-n needs a positive count, not " + c.count);
        count = c.count == null ? Long.MAX_VALUE : c.count;
        if (c.bufferKiB != null && (c.bufferKiB <= 0 || c.bufferKiB > MAX_BUFFER_KIB)) {
            throw new UsageException("-B takes KiB from 1 to " + MAX_BUFFER_KIB + ", not " + c.bufferKiB);
        }
        bufferBytes = c.bufferKiB == null ? 0 : c.bufferKiB * 1024;
        checkLiveOnly(c, live());
        quiet = c.quiet;
        SniffCommand.Format f = format(c, live(), stdoutIsTerminal);
        json = f == SniffCommand.Format.json;
        tui = f == SniffCommand.Format.tui && !quiet;
        colour = f == SniffCommand.Format.text && stdoutIsTerminal && !c.quiet && Colour.wantedForTerm(System.getenv());
        if (c.pace && (live() || f == SniffCommand.Format.text)) {
            throw new UsageException("--pace replays a file (-I) at its recorded pace for --format tui or json, not "
                    + (live() ? "a live capture" : "text output"));
        }
        pace = c.pace;
        immediate = c.immediate || tui || f == SniffCommand.Format.text && stdoutIsTerminal && !quiet;
        protocol = c.protocol;
        profile = c.receiver;
        lateNanos = c.late.nanos();
        futureNanos = c.future.nanos();
        expect = List.copyOf(c.expect);
        within = checkWithin(c, live());
        if (c.duration != null && !live()) throw new UsageException("--duration is for live capture (-d); a file is read to its end");
        duration = c.duration;
        advisor = advisor(c);
        hops = hops(c);
        hopOptions = hopOptions(c);
        health = c.health || c.reportTo != null;
        if (c.carbonConf != null && c.schemas == null) {
            throw new UsageException("--carbon-conf needs --schemas (slots come from the retentions)");
        }
        cacheConf = c.carbonConf == null ? null : carbonConf(c.carbonConf);
        cacheSchemas = cacheConf == null ? null : advisor.schemas();
        clocks = health || cacheConf != null;
        reportTo = c.reportTo;
        if (reportTo != null && c.reportInterval.nanos() < 1_000_000_000L) {
            throw new UsageException("--report-interval must be at least 1s");
        }
        reportIntervalNanos = c.reportInterval.nanos();
        reportHost = c.reportHost != null ? c.reportHost : localHostName();
    }

    private static CarbonConf carbonConf(Path file) throws UsageException {
        if (!Files.isReadable(file)) throw new UsageException("cannot read " + file);
        try {
            return CarbonConf.parse(file);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The {@code <host>} node of reported names: this machine's short name. */
    private static String localHostName() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            int dot = h.indexOf('.');
            return dot > 0 ? h.substring(0, dot) : h;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    static Settings from(SniffCommand c, boolean stdoutIsTerminal) throws UsageException {
        return new Settings(c, stdoutIsTerminal);
    }

    boolean live() { return input == null; }

    boolean expects() { return !expect.isEmpty(); }

    boolean needsPathTable() { return tui || advisor != null; }

    boolean stopWhenExpected() { return within != null; }

    /** Progress on stderr: live text or JSON output while a person watches the terminal. */
    boolean statusLine() { return live() && !tui && Terminals.stderrIsTerminal(); }

    LiveOptions liveOptions() {
        LiveOptions o = LiveOptions.DEFAULTS.withImmediate(immediate);
        return bufferBytes > 0 ? o.withBufferBytes(bufferBytes) : o;
    }

    private static String defaultDevice() throws UsageException {
        try {
            return LiveSource.defaultDevice();
        } catch (CaptureException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Default: tui for live capture on a terminal, text otherwise; tui needs a terminal. */
    private static SniffCommand.Format format(SniffCommand c, boolean live, boolean stdoutIsTerminal) {
        SniffCommand.Format f = c.format != null ? c.format
                : live && stdoutIsTerminal ? SniffCommand.Format.tui : SniffCommand.Format.text;
        return f == SniffCommand.Format.tui && !stdoutIsTerminal ? SniffCommand.Format.text : f;
    }

    /** Options that tune a live capture mean nothing for a file: say so rather than ignore them. */
    private static void checkLiveOnly(SniffCommand c, boolean live) throws UsageException {
        if (live) return;
        if (c.bufferKiB != null) throw new UsageException("-B sets the kernel buffer of a live capture (-d), not of a file");
        if (c.immediate) throw new UsageException("--immediate-mode is for live capture (-d); a file is read at once");
    }

    private static DurationOption checkWithin(SniffCommand c, boolean live) throws UsageException {
        try {
            for (String glob : c.expect) GraphiteGlob.compileStrict(glob);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (c.within == null) return null;
        if (c.expect.isEmpty()) throw new UsageException("--within needs at least one --expect");
        if (!live) throw new UsageException("--within is for live capture (-d); a file is read to its end");
        return c.within;
    }

    private static List<HopSpec> hops(SniffCommand c) throws UsageException {
        List<HopSpec> specs = new ArrayList<>();
        try {
            for (String h : c.hops) specs.add(HopSpec.parse(h));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return List.copyOf(specs);
    }

    private static HopEngine.Options hopOptions(SniffCommand c) throws UsageException {
        if (c.hopTimeout.nanos() <= 0) throw new UsageException("--hop-timeout must be positive");
        if (c.hopReplicas != null && (c.hopReplicas < 1 || c.hopReplicas > MAX_REPLICAS)) {
            throw new UsageException("--hop-replicas takes 1 to " + MAX_REPLICAS + ", not " + c.hopReplicas);
        }
        if (c.hopMaxPending < 1) throw new UsageException("--hop-max-pending must be positive, not " + c.hopMaxPending);
        if (c.hopConfig != null && c.hops.isEmpty()) throw new UsageException("--hop-config needs --hop (the relay's endpoints)");
        Router router = c.hopConfig == null ? null : router(c.hopConfig);
        int replicas = c.hopReplicas != null ? c.hopReplicas
                : router != null ? HopEngine.Options.REPLICAS_FROM_ROUTER : 1;
        return new HopEngine.Options(c.hopTimeout.nanos(), replicas, c.hopMaxPending,
                c.hopDelivered, router);
    }

    private static Router router(Path file) throws UsageException {
        try {
            return Routers.fromConfig(file);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--hop-config " + e.getMessage());
        }
    }

    private static RetentionAdvisor advisor(SniffCommand c) throws UsageException {
        if (c.aggregation != null && c.schemas == null) {
            throw new UsageException("--aggregation needs --schemas (the retention decides which slots exist)");
        }
        if (c.schemas == null) return null;
        for (Path p : new Path[] {c.schemas, c.aggregation}) {
            if (p != null && !Files.isReadable(p)) throw new UsageException("cannot read " + p);
        }
        try {
            return new RetentionAdvisor(StorageSchemas.parse(c.schemas),
                    c.aggregation == null ? StorageAggregation.none() : StorageAggregation.parse(c.aggregation),
                    c.whisperDir.toString());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
