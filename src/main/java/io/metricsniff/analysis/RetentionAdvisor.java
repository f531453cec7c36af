package io.metricsniff.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * "Why are my averages null?": matches each observed path to its storage schema and aggregation
 * rule as carbon would, measures its interval, and applies whisper's propagation rule (see
 * {@link WhisperRollup}) to find rollups that will be null, points older than the longest
 * retention, and finest archives far finer than the data. Paths sharing a schema, a rule and an
 * interval (to 2 significant digits) are one {@link Advice}, with a fix checked against the same
 * rule and the whisper commands for files that already exist.
 *
 * <p>Thread-safe; {@link #advise} takes a snapshot list, so the terminal UI may call it.
 */
public final class RetentionAdvisor {
    /** Debian's graphite-carbon LOCAL_DATA_DIR. */
    public static final String DEBIAN_WHISPER_DIR = "/var/lib/graphite/whisper";
    /** Points needed before an interval means anything (two gaps). */
    public static final int MIN_POINTS_FOR_INTERVAL = 3;
    /** Paths named per finding; the rest are counted. */
    public static final int MAX_SAMPLE_PATHS = 5;
    /** An interval this much above the finest precision is "coarser", not measurement jitter. */
    static final double SPARSE_TOLERANCE = 1.1;
    /** Memo of path -> (schema, rule) across calls; beyond it paths are matched each time. */
    static final int MAX_MEMO = 200_000;

    private final StorageSchemas schemas;
    private final StorageAggregation aggregation;
    private final String whisperDir;
    private final Map<String, int[]> memo = new HashMap<>();

    /**
     * @param aggregation null when no storage-aggregation.conf was given (carbon then uses whisper's defaults)
     * @param whisperDir  carbon's LOCAL_DATA_DIR, for the commands; null means Debian's
     */
    public RetentionAdvisor(StorageSchemas schemas, StorageAggregation aggregation, String whisperDir) {
        this.schemas = Objects.requireNonNull(schemas);
        this.aggregation = aggregation == null ? StorageAggregation.none() : aggregation;
        String dir = whisperDir == null ? DEBIAN_WHISPER_DIR : whisperDir;
        this.whisperDir = dir.endsWith("/") && dir.length() > 1 ? dir.substring(0, dir.length() - 1) : dir;
    }

    public StorageSchemas schemas() { return schemas; }

    public List<Advice> advise(PathTable table) { return advise(table.intervals()); }

    /** Seconds of the longest retention of the schema carbon picks for {@code path} (first match). */
    public long longestRetentionSeconds(String path) { return schemas.match(path).maxRetentionSeconds(); }

    private static final class Group {
        final StorageSchemas.Schema schema;
        final StorageAggregation.Rule rule;
        final double interval;           // bucketed; NaN for TOO_OLD groups
        long count;
        String[] prefix;                 // common leading nodes
        final TreeSet<String> sample = new TreeSet<>();
        double maxLag = Double.NaN;
        Group(StorageSchemas.Schema schema, StorageAggregation.Rule rule, double interval) {
            this.schema = schema;
            this.rule = rule;
            this.interval = interval;
        }
        void add(String path) {
            count++;
            String[] nodes = path.split("\\.", -1);   // once per path per call, not per record
            if (prefix == null) prefix = nodes;
            else {
                int n = 0;
                while (n < prefix.length && n < nodes.length && prefix[n].equals(nodes[n])) n++;
                if (n < prefix.length) prefix = java.util.Arrays.copyOf(prefix, n);
            }
            sample.add(path);
            if (sample.size() > MAX_SAMPLE_PATHS) sample.pollLast();
        }
        String prefixText() {
            if (count == 1 || prefix == null) return count == 1 && prefix != null ? String.join(".", prefix) : "";
            return String.join(".", prefix);
        }
    }

    private record Key(String schema, String rule, double interval) { }

    public synchronized List<Advice> advise(Iterable<PathStats.Snapshot> snapshots) {
        Map<Key, Group> intervalGroups = new LinkedHashMap<>();
        Map<Key, Group> oldGroups = new LinkedHashMap<>();
        for (PathStats.Snapshot s : snapshots) {
            String path = s.path();
            if (path == null || s.count() == 0) continue;
            int[] m = match(path);
            StorageSchemas.Schema schema = schemas.schemas().get(m[0]);
            StorageAggregation.Rule rule = aggregation.rules().get(m[1]);

            if (Double.isFinite(s.minTimestamp())) {
                double lag = s.firstNanos() / 1e9 - s.minTimestamp(); // it arrived at firstNanos or later
                if (lag > schema.maxRetentionSeconds()) {
                    Group g = oldGroups.computeIfAbsent(new Key(schema.name(), "", Double.NaN),
                            k -> new Group(schema, rule, Double.NaN));
                    g.add(path);
                    g.maxLag = Double.isNaN(g.maxLag) ? lag : Math.max(g.maxLag, lag);
                }
            }
            double interval = interval(s);
            if (Double.isNaN(interval)) continue;
            double bucket = bucket(interval);
            intervalGroups.computeIfAbsent(new Key(schema.name(), rule.name(), bucket),
                    k -> new Group(schema, rule, bucket)).add(path);
        }

        List<Advice> out = new ArrayList<>();
        for (Group g : intervalGroups.values()) {
            Advice a = intervalAdvice(g);
            if (a != null) out.add(a);
        }
        for (Group g : oldGroups.values()) out.add(tooOldAdvice(g));
        out.sort(Comparator.comparing((Advice a) -> !a.kind().warning())
                .thenComparing(Comparator.comparingLong(Advice::pathCount).reversed()));
        return out;
    }

    /** The interval whisper sees: spacing of metric timestamps; arrival spacing when there are none. */
    static double interval(PathStats.Snapshot s) {
        if (s.count() < MIN_POINTS_FOR_INTERVAL) return Double.NaN;
        double ts = s.meanTimestampIntervalSeconds();
        if (ts > 0 && Double.isFinite(ts)) return ts;
        double arrival = s.meanIntervalSeconds();
        return arrival > 0 && Double.isFinite(arrival) ? arrival : Double.NaN;
    }

    /** Two significant digits: 3.02 -> 3.0, 59.7 -> 60, 123 -> 120. */
    static double bucket(double x) {
        int e = (int) Math.floor(Math.log10(x)) - 1;
        if (e < 0) {
            double scale = Math.pow(10, -e);
            return Math.round(x * scale) / scale;
        }
        double scale = Math.pow(10, e);
        return Math.round(x / scale) * scale;
    }

    private int[] match(String path) {
        int[] m = memo.get(path);
        if (m != null) return m;
        StorageSchemas.Schema schema = schemas.match(path);
        StorageAggregation.Rule rule = aggregation.match(path);
        m = new int[] {schemas.schemas().indexOf(schema), aggregation.rules().indexOf(rule)};
        if (memo.size() < MAX_MEMO) memo.put(path, m);
        return m;
    }

    private Advice intervalAdvice(Group g) {
        List<Retention.Archive> archives = g.schema.archives();
        long p0 = archives.get(0).secondsPerPoint();
        double xff = g.rule.xFilesFactor();
        WhisperRollup.Result r = WhisperRollup.simulate(archives, xff, g.interval);
        int bad = r.firstNullArchive();
        double filled0 = r.evaluated().get(0).filledFraction();
        if (bad < 0) {
            if (g.interval <= p0 * SPARSE_TOLERANCE) return null;
            String fix = retentionFix(archives, g.interval, xff);
            String headline = "interval " + Advice.num(g.interval) + "s is coarser than the finest precision "
                    + Retention.format(p0) + ": " + Advice.pct(1 - filled0) + " of its slots stay empty";
            return new Advice(Advice.Kind.SPARSE_FINEST, g.count, g.prefixText(), List.copyOf(g.sample),
                    g.schema.name(), g.schema.retentions(), g.rule.name(), xff, g.rule.method(), g.interval, p0,
                    filled0, 0, Double.NaN, Double.NaN, Double.NaN, g.schema.maxRetentionSeconds(), fix, null,
                    FixCommands.of(whisperDir, g.sample, g.count, g.prefixText(), fix, null), headline);
        }
        WhisperRollup.ArchiveOutcome o = r.evaluated().get(bad);
        boolean all = o.allNull();
        String fix = retentionFix(archives, g.interval, xff);
        Double xffFix = xffFix(archives, xff, g.interval, r);
        String rollup = Retention.format(o.secondsPerPoint());
        String above = bad + 1 < archives.size() ? " (and the coarser archives built from it)" : "";
        String headline = all
                ? "every " + rollup + " " + g.rule.method() + " will be null" + above
                : Advice.pct(o.nullFraction()) + " of " + rollup + " " + g.rule.method() + "s will be null" + above;
        return new Advice(all ? Advice.Kind.NULL_ROLLUPS : Advice.Kind.SOME_NULL_ROLLUPS, g.count, g.prefixText(),
                List.copyOf(g.sample), g.schema.name(), g.schema.retentions(), g.rule.name(), xff, g.rule.method(),
                g.interval, p0, filled0, o.secondsPerPoint(), o.meanKnownFraction(), o.nullFraction(), Double.NaN,
                g.schema.maxRetentionSeconds(), fix, xffFix, FixCommands.of(whisperDir, g.sample, g.count, g.prefixText(), fix, xffFix), headline);
    }

    private Advice tooOldAdvice(Group g) {
        List<Retention.Archive> archives = g.schema.archives();
        long max = g.schema.maxRetentionSeconds();
        // extend the coarsest archive past the lag, in whole days
        Retention.Archive last = archives.get(archives.size() - 1);
        long need = (long) Math.ceil(g.maxLag / 86400.0) * 86400;
        long points = (need + last.secondsPerPoint() - 1) / last.secondsPerPoint();
        List<Retention.Archive> fixed = new ArrayList<>(archives.subList(0, archives.size() - 1));
        fixed.add(new Retention.Archive(last.secondsPerPoint(), points));
        String fix = null;
        try {
            Retention.validate(fixed);
            fix = Retention.format(fixed);
        } catch (IllegalArgumentException e) {
            // no simple extension: leave the fix to the sender's clock
        }
        String headline = "points older than the longest retention (" + Retention.format(max)
                + ") are dropped silently by whisper: check the sender's clock or backlog";
        return new Advice(Advice.Kind.TOO_OLD, g.count, g.prefixText(), List.copyOf(g.sample), g.schema.name(),
                g.schema.retentions(), g.rule.name(), g.rule.xFilesFactor(), g.rule.method(), Double.NaN,
                archives.get(0).secondsPerPoint(), Double.NaN, 0, Double.NaN, Double.NaN, g.maxLag, max, fix, null,
                FixCommands.of(whisperDir, g.sample, g.count, g.prefixText(), fix, null), headline);
    }

    /**
     * A retention list whose finest precision is at least the interval, keeping the finest archive's
     * duration and the coarser archives; null when none is valid or it would still give nulls.
     */
    static String retentionFix(List<Retention.Archive> archives, double interval, double xff) {
        long need = (long) Math.ceil(interval - 1e-9);
        List<Retention.Archive> fixed = new ArrayList<>();
        int r = 1;
        while (r < archives.size() && archives.get(r).secondsPerPoint() < need) r++;
        Retention.Archive finest = archives.get(0);
        if (r == archives.size()) {
            long duration = Math.max(need, archives.get(archives.size() - 1).retentionSeconds());
            fixed.add(new Retention.Archive(need, duration / need));
        } else {
            long next = archives.get(r).secondsPerPoint();
            long p = need;
            while (next % p != 0) p++;              // the smallest divisor of the next precision >= interval
            if (p < next) {
                long points = Math.max(finest.retentionSeconds() / p, next / p);
                fixed.add(new Retention.Archive(p, points));
            }
            fixed.addAll(archives.subList(r, archives.size()));
        }
        try {
            fixed = Retention.validate(fixed);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (WhisperRollup.simulate(fixed, xff, interval).firstNullArchive() >= 0) return null;
        return Retention.format(fixed);
    }

    /**
     * The largest xFilesFactor, in hundredths, under which no rollup is null, found archive by
     * archive as whisper builds them; null when lowering it cannot help (windows with nothing known).
     */
    static Double xffFix(List<Retention.Archive> archives, double xff, double interval, WhisperRollup.Result first) {
        WhisperRollup.Result r = first;
        double candidate = xff;
        for (int attempt = 0; attempt < archives.size() + 1; attempt++) {
            int bad = r.firstNullArchive();
            if (bad < 0) return candidate < xff ? candidate : null;
            double min = r.evaluated().get(bad).minKnownFraction();
            if (!(min > 0)) return null;
            double c = Math.floor(min * 100 + 1e-9) / 100;
            while (c > 0 && WhisperRollup.storedXff(c) > min) c = Math.round(c * 100 - 1) / 100.0;
            if (c >= candidate) return null;
            candidate = c;
            r = WhisperRollup.simulate(archives, candidate, interval);
        }
        return null;
    }
}
