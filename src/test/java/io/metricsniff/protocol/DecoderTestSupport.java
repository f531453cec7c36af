package io.metricsniff.protocol;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import io.metricsniff.verdict.Judge;
import io.metricsniff.verdict.ReceiverProfile;

import java.util.ArrayList;
import java.util.List;

/** Test-only receiver profile and sink for the protocol decoders. */
public final class DecoderTestSupport {
    private DecoderTestSupport() { }

    public static final Endpoint SRC = new Endpoint(new byte[] {127, 0, 0, 1}, 50000);
    public static final Endpoint DST = new Endpoint(new byte[] {127, 0, 0, 1}, 2004);

    /**
     * A tiny carbon-like profile: NaN value is malformed; a timestamp of inf or nan closes the
     * connection; path "kill.me" closes it too (to test the decoders' reaction).
     */
    public static final class TinyProfile implements ReceiverProfile {
        public int datapoints;
        @Override public String name() { return "tiny"; }
        @Override public boolean judgeLine(MetricRecord rec, Transport transport) { return false; }
        @Override public boolean judgeDatapoint(MetricRecord rec) {
            datapoints++;
            if (Double.isNaN(rec.value())) rec.flag(Verdict.MALFORMED, new Problem("nan-value", "NaN dropped"));
            boolean badTs = Double.isNaN(rec.timestamp()) || Double.isInfinite(rec.timestamp());
            if (badTs) rec.flag(Verdict.MALFORMED, new Problem("bad-timestamp", "kills"));
            return badTs || "kill.me".equals(rec.path());
        }
        @Override public boolean minusOneIsNow() { return true; }
    }

    /** A judge whose late/future limits are one year, so timing needs a capture time near the data. */
    public static Judge judge(ReceiverProfile p) {
        long year = 365L * 86400 * 1_000_000_000L;
        return new Judge(p, year, year);
    }

    public static final class Sink implements RecordSink {
        public final List<MetricRecord> records = new ArrayList<>();
        public final List<Long> gaps = new ArrayList<>();
        @Override public void metric(MetricRecord r) { records.add(r); }
        public final List<Long> skipped = new ArrayList<>();
        @Override public void gap(long t, Endpoint s, Endpoint d, long bytes) { gaps.add(bytes); }
        @Override public void skipped(long t, Endpoint s, Endpoint d, long bytes, String why) { skipped.add(bytes); }

        public List<String> codes() {
            List<String> c = new ArrayList<>();
            for (MetricRecord r : records) for (Problem p : r.problems()) c.add(p.code());
            return c;
        }
    }
}
