package io.metricsniff.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real carbon-cache (Debian graphite-carbon) on {@link Lab#HOST}: its own carbon.conf, storage,
 * log and PID file in a temp dir (as scripts/record-captures configures it: pickle, UDP, tags and
 * self-metrics off, no throttling), in the foreground (--debug) so its console log, with the
 * "invalid line" verdicts, lands in {@code carbon.out}. {@link #close} stops it and removes the dir.
 */
public final class LiveCarbon implements AutoCloseable {
    public static final String BINARY = "/usr/bin/carbon-cache";
    /** One fine archive long enough to keep points 2 h old (the late test lines). */
    static final String SCHEMAS = "[all]\npattern = .*\nretentions = 1s:6h\n";
    static final String AGGREGATION = "[default]\npattern = .*\nxFilesFactor = 0.5\naggregationMethod = average\n";
    /** twistd starts in well under a second idle; a loaded box gets plenty more. */
    static final long START_MILLIS = 60_000;
    /** carbon's writer empties the cache within a second or two (no throttling); allow much more. */
    static final long SETTLE_TIMEOUT_MILLIS = 30_000;
    /** Stored points unchanged for this long (and at least this long after the last send) = settled. */
    static final long SETTLE_QUIET_MILLIS = 2_500;

    /** A line carbon logged as invalid: the client and python's repr() of the stripped line. */
    public record Invalid(String client, String repr) { }

    /** A point carbon wrote to whisper. */
    public record Stored(String path, long timestamp, double value) { }

    private static final Pattern INVALID =
            Pattern.compile("invalid line received from client (\\S+), ignoring \\[(.*)\\]$");

    public final Path dir;
    public final int port;
    private final Process process;

    private LiveCarbon(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static LiveCarbon start() throws Exception { return start(Lab.HOST); }

    /** A carbon-cache on {@code host} (every listener bound to it). */
    public static LiveCarbon start(String host) throws Exception {
        Path d = Lab.tempDir("metricsniff-carbon.");
        int port = Lab.freePort(host);
        Files.createDirectories(d.resolve("conf"));
        Files.createDirectories(d.resolve("storage/whisper"));
        Files.createDirectories(d.resolve("log"));
        Files.writeString(d.resolve("conf/storage-schemas.conf"), SCHEMAS);
        Files.writeString(d.resolve("conf/storage-aggregation.conf"), AGGREGATION);
        Files.writeString(d.resolve("conf/carbon.conf"), String.join("\n",
                "[cache]",
                "STORAGE_DIR = " + d + "/storage/",
                "LOCAL_DATA_DIR = " + d + "/storage/whisper/",
                "WHITELISTS_DIR = " + d + "/storage/lists/",
                "CONF_DIR = " + d + "/conf/",
                "LOG_DIR = " + d + "/log/",
                "PID_DIR = " + d + "/",
                "ENABLE_LOGROTATION = False",
                "USER =",
                "MAX_CACHE_SIZE = inf",
                "MAX_UPDATES_PER_SECOND = inf",
                "MAX_CREATES_PER_MINUTE = inf",
                "MIN_TIMESTAMP_RESOLUTION = 1",
                "LINE_RECEIVER_INTERFACE = " + host,
                "LINE_RECEIVER_PORT = " + port,
                "ENABLE_UDP_LISTENER = False",
                "PICKLE_RECEIVER_INTERFACE = " + host,
                "UDP_RECEIVER_INTERFACE = " + host,
                "PICKLE_RECEIVER_PORT = 0",
                "CACHE_QUERY_INTERFACE = " + host,
                "CACHE_QUERY_PORT = 0",
                "LOG_LISTENER_CONN_SUCCESS = True",
                "LOG_CREATES = False",
                "LOG_UPDATES = False",
                "ENABLE_TAGS = False",
                "TAG_HASH_FILENAMES = False",
                "CARBON_METRIC_INTERVAL = 0",
                ""));
        Path log = d.resolve("carbon.out");
        Process p = new ProcessBuilder(BINARY, "--config=" + d + "/conf/carbon.conf",
                "--pidfile=" + d + "/carbon.pid", "--debug", "start")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LiveCarbon c = new LiveCarbon(d, port, p);
        try {
            Lab.awaitAccepting(host, port, START_MILLIS, p, log);
        } catch (Throwable t) {
            c.close();
            throw t;
        }
        return c;
    }

    /**
     * Waits until carbon's writer has written everything it received: the whisper contents stop
     * changing for {@link #SETTLE_QUIET_MILLIS}. Then returns every point in the finest archives.
     */
    public List<Stored> storedWhenSettled() throws Exception {
        long end = System.nanoTime() + SETTLE_TIMEOUT_MILLIS * 1_000_000;
        List<String> last = dump();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(500);
            List<String> now = dump();
            if (!now.equals(last)) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= SETTLE_QUIET_MILLIS * 1_000_000) {
                return parse(last);
            }
        }
        throw new AssertionError("carbon's whisper files kept changing for " + SETTLE_TIMEOUT_MILLIS + " ms");
    }

    /** scripts/lib/whisper-points.py --finest over the storage: {@code path timestamp value} per point. */
    private List<String> dump() throws Exception {
        Process p = new ProcessBuilder(Lab.PYTHON, "scripts/lib/whisper-points.py", dir.resolve("storage/whisper").toString(), "--finest")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError("whisper-points.py failed");
        List<String> l = new ArrayList<>();
        for (String s : new String(out, StandardCharsets.UTF_8).split("\n")) if (!s.isBlank()) l.add(s);
        return l;
    }

    private static List<Stored> parse(List<String> lines) {
        List<Stored> l = new ArrayList<>();
        for (String s : lines) {
            int b = s.lastIndexOf(' '), a = s.lastIndexOf(' ', b - 1);
            l.add(new Stored(s.substring(0, a), Long.parseLong(s.substring(a + 1, b)),
                    Double.parseDouble(s.substring(b + 1).replace("inf", "Infinity"))));
        }
        return l;
    }

    /** carbon's console log so far. */
    public List<String> log() throws IOException {
        return Files.readAllLines(dir.resolve("carbon.out"), StandardCharsets.UTF_8);
    }

    /** The lines carbon logged as invalid, in order. */
    public List<Invalid> invalid() throws IOException {
        List<Invalid> l = new ArrayList<>();
        for (String s : log()) {
            Matcher m = INVALID.matcher(s);
            if (m.find()) l.add(new Invalid(m.group(1), m.group(2)));
        }
        return l;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            Lab.stop(process);
        } finally {
            Lab.deleteTree(dir);
        }
    }



}
