package io.metricsniff.verdict;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.paths.PathIndex;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.RecordSink;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The judging consumer's look ahead: a batch of lines at a time, only while lookups read the table. */
class JudgedLinesTest {
    static final Endpoint A = new Endpoint(new byte[] {127, 0, 0, 1}, 40000);
    static final Endpoint B = new Endpoint(new byte[] {127, 0, 0, 1}, 2003);

    @Test
    void looksAheadABatchAtATimeWhileLookupsReadTheTable() {
        List<MetricRecord> out = new ArrayList<>();
        RecordSink sink = new RecordSink() {
            @Override public void metric(MetricRecord r) { out.add(r); }
            @Override public void gap(long t, Endpoint s, Endpoint d, long bytes) { }
            @Override public void skipped(long t, Endpoint s, Endpoint d, long bytes, String why) { }
        };
        JudgedLines lines = new JudgedLines(A, B, new Judge(Receivers.defaultProfile(), Long.MAX_VALUE, Long.MAX_VALUE), sink);
        int count = 100;
        List<byte[]> raw = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String line = "host" + i + ".cpu " + i + " 1700000000";
            raw.add(line.getBytes(StandardCharsets.US_ASCII));
            text.append(line).append('\n');
        }
        byte[] all = text.toString().getBytes(StandardCharsets.US_ASCII);
        int batchEnd = 0;
        for (int i = 0; i < PathIndex.WARM_BATCH; i++) batchEnd = text.indexOf("\n", batchEnd) + 1;

        assertEquals(batchEnd, lines.ahead(all, 0, all.length), "new paths: a batch warmed, the rest offered again");
        assertEquals(all.length, lines.ahead(all, batchEnd, all.length), "the rest: fewer than a batch");
        for (int round = 0; round < 3; round++) {
            lines.ahead(all, 0, all.length);      // as the framer offers each segment
            for (byte[] r : raw) lines.line(r, r.length, 1_700_000_000_000_000_000L + round);
        }
        assertEquals(3 * count, out.size());
        assertEquals(all.length, lines.ahead(all, 0, all.length), "the order held: every lookup took the guess, nothing to warm");
    }
}
