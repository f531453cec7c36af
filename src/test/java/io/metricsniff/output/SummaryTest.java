package io.metricsniff.output;

import io.metricsniff.anomaly.Anomalies;
import io.metricsniff.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The summary's two forms: the contract's keys in the contract's order, anomalies by code. */
class SummaryTest {
    static String print(Summary s, boolean json) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        s.print(new PrintStream(b, true, StandardCharsets.UTF_8), json);
        return b.toString(StandardCharsets.UTF_8);
    }

    static Summary summary(Anomalies a, OptionalLong kernelDrops) {
        Map<String, Long> problems = new TreeMap<>(Map.of("nan-value", 2L, "bad-tag", 1L));
        return new Summary(new Summary.Traffic(10, 2000, 2), new Summary.Verdicts(5, 2, 3, 0, 0, 1), kernelDrops,
                Summary.shown(a), problems, List.of(new Summary.Section(Map.of("expect_met", true), "expect:\n  ok")));
    }

    @Test void jsonKeepsTheContractOrderAndShowsOtherAnomaliesOnlyWhenTheyHappened() {
        Anomalies a = new Anomalies();
        a.add(Anomaly.GAP_BYTES, 100);
        a.count(Anomaly.QUEUE_DROPS);
        assertEquals("{\"type\":\"summary\",\"packets\":10,\"bytes\":2000,\"flows\":2,\"metrics\":5,\"ok\":2,"
                + "\"malformed\":3,\"late\":0,\"future\":0,\"gaps\":1,\"kernel_drops\":4,\"gap_bytes\":100,"
                + "\"skipped_bytes\":0,\"queue_drops\":1,\"truncated_packets\":0,\"corrupt_packets\":0,"
                + "\"ignored_packets\":0,\"overlap_conflicts\":0,\"evicted_flows\":0,"
                + "\"problems\":{\"bad-tag\":1,\"nan-value\":2},\"expect_met\":true}\n",
                print(summary(a, OptionalLong.of(4)), true));
        a.count(Anomaly.UNKNOWN_STREAMS);
        String json = print(summary(a, OptionalLong.empty()), true);
        assertEquals(true, json.contains("\"evicted_flows\":0,\"unknown_streams\":1,\"problems\""), json);
        assertEquals(false, json.contains("kernel_drops"), "replay: no kernel drops key");
    }

    @Test void textNamesWhatNeedsAttention() {
        Anomalies a = new Anomalies();
        a.add(Anomaly.GAP_BYTES, 100);
        a.count(Anomaly.QUEUE_DROPS);
        a.add(Anomaly.SKIPPED_BYTES, 7);
        a.count(Anomaly.OUT_OF_WINDOW);
        assertEquals("summary: 10 packets, 2000 bytes, 2 flows; 5 metrics: 2 ok, 3 malformed, 0 late, 0 future; 1 gaps"
                        + " (100 bytes missing)\nproblems: bad-tag=1 nan-value=2\n"
                        + "attention: 7 skipped bytes, 1 queue drops, 1 out of window segments\nexpect:\n  ok\n",
                print(summary(a, OptionalLong.empty()), false));
    }
}
