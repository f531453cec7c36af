package io.metricsniff.cli;

import io.metricsniff.analysis.CarbonConf;
import io.metricsniff.analysis.Expectations;
import io.metricsniff.analysis.RetentionAdvisor;
import io.metricsniff.analysis.StorageAggregation;
import io.metricsniff.analysis.StorageSchemas;
import io.metricsniff.capture.CaptureException;
import io.metricsniff.capture.LiveOptions;
import io.metricsniff.capture.LiveSource;
import io.metricsniff.carboncache.CacheRules;
import io.metricsniff.record.Protocol;
import io.metricsniff.verdict.Durations;
import io.metricsniff.verdict.ReceiverProfile;
import io.metricsniff.verdict.Receivers;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The validated command line: every option checked and converted before anything is opened. */
final class Settings {
    String device;
    boolean deviceWasDefault;
    Path input;
    Path output;
    String filter;
    long count = Long.MAX_VALUE;
    boolean quiet;
    boolean json;
    boolean tui;
    boolean colour;
    boolean pace;
    int bufferBytes;
    boolean immediate;
    Protocol protocol;
    ReceiverProfile profile;
    long lateNanos;
    long futureNanos;
    Expectations expectations;
    long withinNanos;
    long durationNanos;
    String withinText;
    RetentionAdvisor advisor;
    boolean health;
    CacheRules cacheRules;
    boolean clocks;
    InetSocketAddress reportTo;
    long reportIntervalNanos;
    String reportHost;

    boolean live() { return input == null; }

    boolean needsPathTable() { return tui || advisor != null; }

    boolean stopWhenExpected() { return withinNanos > 0 && expectations != null; }

    /** Progress on stderr: live text or JSON output while a person watches the terminal. */
    boolean statusLine() { return live() && !tui && Terminals.stderrIsTerminal(); }

    LiveOptions liveOptions() {
        LiveOptions o = LiveOptions.DEFAULTS.withImmediate(immediate);
        return bufferBytes > 0 ? o.withBufferBytes(bufferBytes) : o;
    }

    /** --report-to HOST:PORT, resolved now so that a typo is one line before capture starts. */
    private static void reportTo(Settings s, SniffCommand c) throws UsageException {
        int colon = c.reportTo.lastIndexOf(':');
        String host = colon > 0 ? c.reportTo.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(c.reportTo.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new UsageException("--report-to wants HOST:PORT (e.g. graphite:2003), not '" + c.reportTo + "'");
        }
        try {
            s.reportTo = new InetSocketAddress(InetAddress.getByName(host), port);
            s.reportIntervalNanos = Durations.parse(c.reportInterval);
        } catch (UnknownHostException e) {
            throw new UsageException("--report-to: unknown host '" + host + "'");
        } catch (IllegalArgumentException e) {
            throw new UsageException("--report-interval: " + e.getMessage());
        }
        if (s.reportIntervalNanos < 1_000_000_000L) throw new UsageException("--report-interval must be at least 1s");
        s.reportHost = c.reportHost != null ? c.reportHost : localHostName();
    }

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
        Settings s = new Settings();
        if (c.device != null && c.input != null) throw new UsageException("use -d or -I, not both");
        s.input = c.input;
        s.device = c.device;
        if (s.input == null && s.device == null) {
            try {
                s.device = LiveSource.defaultDevice();
                s.deviceWasDefault = true;
            } catch (CaptureException e) {
                throw new UsageException(e.getMessage());
            }
        }
        s.filter = c.filter();
        s.output = c.output;
        if (c.count != null) {
            if (c.count <= 0) throw new UsageException("-n needs a positive count, not " + c.count);
            s.count = c.count;
        }
        if (c.bufferKiB != null) {
            if (c.bufferKiB <= 0 || c.bufferKiB > (1 << 21)) throw new UsageException("-B takes KiB from 1 to 2097152, not " + c.bufferKiB);
            s.bufferBytes = c.bufferKiB * 1024;
        }
        s.quiet = c.quiet;
        SniffCommand.Format f = c.format != null ? c.format
                : s.live() && stdoutIsTerminal ? SniffCommand.Format.tui : SniffCommand.Format.text;
        if (f == SniffCommand.Format.tui && !stdoutIsTerminal) f = SniffCommand.Format.text; // as the issue says
        s.json = f == SniffCommand.Format.json;
        s.tui = f == SniffCommand.Format.tui && !s.quiet;
        s.colour = f == SniffCommand.Format.text && stdoutIsTerminal && System.getenv("NO_COLOR") == null;
        s.pace = c.pace;
        s.health = c.health || c.reportTo != null;
        if (c.reportTo != null) reportTo(s, c);
        s.immediate = c.immediate || s.tui || f == SniffCommand.Format.text && stdoutIsTerminal && !s.quiet;
        s.protocol = c.protocol;
        try {
            s.profile = Receivers.byName(c.receiver);
            s.lateNanos = Durations.parse(c.late);
            s.futureNanos = Durations.parse(c.future);
            if (c.within != null) {
                if (c.expect.isEmpty()) throw new UsageException("--within needs at least one --expect");
                if (!s.live()) throw new UsageException("--within is for live capture (-d); a file is read to its end");
                s.withinNanos = Durations.parse(c.within);
                s.withinText = c.within;
            }
            if (c.duration != null) {
                if (!s.live()) throw new UsageException("--duration is for live capture (-d); a file is read to its end");
                s.durationNanos = Durations.parse(c.duration);
            }
            if (!c.expect.isEmpty()) s.expectations = new Expectations(c.expect);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (c.aggregation != null && c.schemas == null) {
            throw new UsageException("--aggregation needs --schemas (the retention decides which slots exist)");
        }
        if (c.schemas != null) {
            for (Path p : new Path[] {c.schemas, c.aggregation}) {
                if (p != null && !Files.isReadable(p)) throw new UsageException("cannot read " + p);
            }
            try {
                s.advisor = new RetentionAdvisor(StorageSchemas.parse(c.schemas),
                        c.aggregation == null ? StorageAggregation.none() : StorageAggregation.parse(c.aggregation),
                        c.whisperDir.toString());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (c.carbonConf != null) cacheRules(s, c);
        s.clocks = s.health || s.cacheRules != null;
        return s;
    }

    private static void cacheRules(Settings s, SniffCommand c) throws UsageException {
        if (c.schemas == null) throw new UsageException("--carbon-conf needs --schemas (slots come from the retentions)");
        if (!Files.isReadable(c.carbonConf)) throw new UsageException("cannot read " + c.carbonConf);
        try {
            s.cacheRules = new CacheRules(StorageSchemas.parse(c.schemas), CarbonConf.parse(c.carbonConf));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
