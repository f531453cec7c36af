package io.metricsniff.analysis;

import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Transport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionAdvisorTest {
    static final long T0 = 1_795_504_000L;

    static final String BLOG_SCHEMAS = "[carbon]\npattern = ^carbon\\.\nretentions = 60:90d\n\n"
            + "[default]\npattern = .*\nretentions = 1s:30m,1m:1d,5m:2y\n";
    static final String AGG = "[default_average]\npattern = .*\nxFilesFactor = 0.5\naggregationMethod = average\n";

    /** Feeds a path every {@code interval} seconds of metric time, captured {@code lag} seconds later. */
    static void feed(PathTable t, String path, double interval, int n, double lag) {
        for (int i = 0; i < n; i++) {
            double ts = T0 + Math.floor(i * interval);
            long cap = (long) ((ts + lag) * 1e9);
            t.metric(new MetricRecord(cap, ExpectationsTest.src(4000), ExpectationsTest.DST, Transport.TCP,
                    Protocol.GRAPHITE, path + " 1 " + (long) ts).path(path).value(1).timestamp(ts));
        }
    }

    static RetentionAdvisor advisor(String schemas, String agg, String dir) {
        return new RetentionAdvisor(StorageSchemas.parse("storage-schemas.conf", schemas),
                agg == null ? null : StorageAggregation.parse("storage-aggregation.conf", agg), dir);
    }

    @Test
    void collectdEveryThreeSecondsGetsNullMinutesGroupedWithFixes() {
        PathTable t = new PathTable();
        for (int h = 0; h < 41; h++) feed(t, "collectd.host" + h + ".cpu-0.cpu-user", 3, 40, 0.2);
        feed(t, "app.every.second", 1, 40, 0.1);
        List<Advice> advice = advisor(BLOG_SCHEMAS, AGG, null).advise(t);
        assertEquals(1, advice.size(), advice.toString());
        Advice a = advice.get(0);
        assertEquals(Advice.Kind.NULL_ROLLUPS, a.kind());
        assertEquals(41, a.pathCount());
        assertEquals("collectd", a.pathPrefix());
        assertEquals(RetentionAdvisor.MAX_SAMPLE_PATHS, a.samplePaths().size());
        assertEquals("default", a.schemaName());
        assertEquals("default_average", a.aggregationName());
        assertEquals(3.0, a.intervalSeconds());
        assertEquals(1, a.finestPrecision());
        assertEquals(60, a.rollupPrecision());
        assertEquals(1.0 / 3, a.rollupKnownFraction(), 1e-9);
        assertEquals(1.0, a.rollupNullFraction());
        assertEquals("3s:30m,1m:1d,5m:2y", a.fixRetentions());
        assertEquals(0.33, a.fixXFilesFactor());
        assertTrue(a.commands().contains(
                "whisper-resize /var/lib/graphite/whisper/collectd/host0/cpu-0/cpu-user.wsp 3s:30m 1m:1d 5m:2y"), a.commands().toString());
        assertTrue(a.commands().contains(
                "whisper-set-xfilesfactor /var/lib/graphite/whisper/collectd/host0/cpu-0/cpu-user.wsp 0.33"), a.commands().toString());
        assertTrue(a.commands().stream().anyMatch(c -> c.startsWith("find /var/lib/graphite/whisper/collectd -name")));
        String text = a.toText();
        assertTrue(text.startsWith("WARNING 41 paths under collectd. (e.g. collectd.host0.cpu-0.cpu-user): every 1m average will be null"), text);
        assertTrue(text.contains("interval 3.0s into 1s slots: 33% of slots filled; each 1m point sees 33% known < xFilesFactor 0.5 -> 100% of 1m points null"), text);
        assertTrue(text.contains("retentions = 3s:30m,1m:1d,5m:2y in [default], or xFilesFactor = 0.33 in [default_average]"), text);
        String json = a.toJson();
        assertTrue(json.contains("\"kind\":\"null_rollups\"") && json.contains("\"fix_xfilesfactor\":0.33")
                && json.contains("\"interval_seconds\":3,") && json.contains("\"rollup_known_fraction\":0.333333"), json);
    }

    @Test
    void noAggregationFileMeansWhisperDefaults() {
        PathTable t = new PathTable();
        feed(t, "one.path", 3, 10, 0);
        List<Advice> advice = advisor(BLOG_SCHEMAS, null, "/srv/whisper/").advise(t);
        assertEquals(1, advice.size());
        assertEquals(0.5, advice.get(0).xFilesFactor());
        assertEquals("one.path", advice.get(0).pathsText());
        assertTrue(advice.get(0).commands().get(0).startsWith("whisper-resize /srv/whisper/one/path.wsp "), advice.get(0).commands().toString());
    }

    @Test
    void sparseButAboveXffIsANote() {
        PathTable t = new PathTable();
        feed(t, "statsd.gauges.x", 10, 20, 0);
        List<Advice> advice = advisor("[s]\npattern = .\nretentions = 1s:1h,1m:1d\n",
                "[a]\npattern = .\nxFilesFactor = 0.1\n", null).advise(t);
        assertEquals(1, advice.size());
        Advice a = advice.get(0);
        assertEquals(Advice.Kind.NULL_ROLLUPS, a.kind(), "6 of 60 = 0.1 < float32(0.1): whisper nulls it");
        feed(t, "statsd.gauges.y", 10, 20, 0);
        advice = advisor("[s]\npattern = .\nretentions = 1s:1h,1m:1d\n", "[a]\npattern = .\nxFilesFactor = 0.09\n", null).advise(t);
        assertEquals(Advice.Kind.SPARSE_FINEST, advice.get(0).kind());
        assertEquals(2, advice.get(0).pathCount());
        assertEquals(0.1, advice.get(0).finestFilled(), 1e-9);
        assertEquals("10s:1h,1m:1d", advice.get(0).fixRetentions());
        assertNull(advice.get(0).fixXFilesFactor());
        assertTrue(advice.get(0).toText().startsWith("note 2 paths under statsd.gauges."), advice.get(0).toText());
    }

    @Test
    void pointsOlderThanTheLongestRetention() {
        PathTable t = new PathTable();
        feed(t, "old.metric", 60, 5, 10 * 86400);       // arrives 10 days late
        feed(t, "fresh.metric", 60, 5, 1);
        List<Advice> advice = advisor("[s]\npattern = .\nretentions = 60s:1d,5m:7d\n", null, null).advise(t);
        assertEquals(1, advice.size(), advice.toString());
        Advice a = advice.get(0);
        assertEquals(Advice.Kind.TOO_OLD, a.kind());
        assertEquals("old.metric", a.samplePaths().get(0));
        assertEquals(7 * 86400, a.maxRetentionSeconds());
        assertTrue(a.maxLagSeconds() >= 10 * 86400 - 1, "" + a.maxLagSeconds());
        assertEquals("1m:1d,5m:10d", a.fixRetentions());
        assertTrue(a.toText().contains("dropped silently"), a.toText());
    }

    @Test
    void debianDefaultsAndSometimesNull() {
        PathTable t = new PathTable();
        feed(t, "slow.metric", 120, 10, 0);
        List<Advice> advice = advisor("[default]\npattern = .*\nretentions = 60s:1d,5m:30d,1h:3y\n", AGG, null).advise(t);
        Advice a = advice.get(0);
        assertEquals(Advice.Kind.SOME_NULL_ROLLUPS, a.kind());
        assertEquals(300, a.rollupPrecision());
        assertEquals(0.5, a.rollupNullFraction(), 1e-9);
        assertEquals("150s:1d,5m:30d,1h:3y", a.fixRetentions());
        assertEquals(0.39, a.fixXFilesFactor(), "2 of 5 = 0.4 < float32(0.4) = 0.40000001");
    }

    @Test
    void hostilePathsAreQuotedForTheShell() {
        assertEquals("'/w/a b/c'\\''d.wsp'", FixCommands.shellQuote("/w/a b/c'd.wsp"));
        assertEquals("/w/a/b-c_d.wsp", FixCommands.shellQuote("/w/a/b-c_d.wsp"));
        PathTable t = new PathTable();
        feed(t, "x.$(rm -rf ~).y", 3, 10, 0);
        Advice a = advisor(BLOG_SCHEMAS, AGG, null).advise(t).get(0);
        assertTrue(a.commands().get(0).contains("'/var/lib/graphite/whisper/x/$(rm -rf ~)/y.wsp'"), a.commands().toString());
    }

    @Test
    void intervalBuckets() {
        assertEquals(3.0, RetentionAdvisor.bucket(3.02));
        assertEquals(60.0, RetentionAdvisor.bucket(59.7));
        assertEquals(120.0, RetentionAdvisor.bucket(123));
        assertEquals(0.5, RetentionAdvisor.bucket(0.5));
        assertEquals(10.0, RetentionAdvisor.bucket(10.0003));
    }
}
