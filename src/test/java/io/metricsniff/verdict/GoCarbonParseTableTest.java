package io.metricsniff.verdict;

import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * go-carbon's own table: receiver/parse/plain_test.go TestPlainLine at 82e9bed, the version the
 * profile is pinned to (go-carbon v0.17.3, see {@link GoCarbonProfile}) (input; name, value and
 * timestamp when PlainLine accepts it), rewritten as cases for {@link GoCarbonProfile}. The TCP
 * receiver hands PlainLine a line with its '\n'; the record holds it without, as the framer cuts it.
 */
class GoCarbonParseTableTest {
    /** plain_test.go TestPlainLine: input, then name/value/timestamp, or nothing when PlainLine errs. */
    static final Object[][] TEST_PLAIN_LINE = {
        {"42"}, {""}, {"\n"}, {"metric..name 42 \n"}, {"metric..name 42"}, {"metric.name 42 a1422642189\n"},
        {"metric.name 42a 1422642189\n"}, {"metric.name NaN 1422642189\n"}, {"metric.name 42 NaN\n"},
        {"metric.name -42.76 1422642189\n", "metric.name", -42.76, 1422642189L},
        {"metric.name 42.15 1422642189\n", "metric.name", 42.15, 1422642189L},
        {"metric..name 42.15 1422642189\n", "metric..name", 42.15, 1422642189L},
        {"metric...name 42.15 1422642189\n", "metric...name", 42.15, 1422642189L},
        {"metric.name 42.15 1422642189\r\n", "metric.name", 42.15, 1422642189L},
        {"aerospike-test1.host.test-as04.context.histogram.objsz.bucket_15 0 1553244874 \n",
            "aerospike-test1.host.test-as04.context.histogram.objsz.bucket_15", 0.0, 1553244874L},
    };

    /** Read from plain.go PlainLine (not in its tests): the timestamp is all after the second space, int64(tsf). */
    static final Object[][] FROM_THE_CODE = {
        {"a.b 1 1700000000.9", "a.b", 1.0, 1700000000L},  // int64() truncates
        {"a.b 1 17_0", "a.b", 1.0, 170L},                  // ParseFloat takes digit separators
        {"a.b 0x1p4 1", "a.b", 16.0, 1L},                  // and hex floats
        {"a.b -Inf 1", "a.b", Double.NEGATIVE_INFINITY, 1L},
        {"a\tb 1 2", "a\tb", 1.0, 2L},                     // only ' ' separates: a tab stays in the name
        {" \r a.b 1 2 \r ", "a.b", 1.0, 2L},             // bytes.Trim(" \n\r") on both ends
        {"a.b 1 2 3"}, {"a.b 1 2\t"}, {"a.b 1e400 2"},
    };

    @Test
    void plainLineTable() {
        List<String> bad = new ArrayList<>();
        for (Object[] c : TEST_PLAIN_LINE) check(bad, c);
        for (Object[] c : FROM_THE_CODE) check(bad, c);
        assertEquals(List.of(), bad);
    }

    private static void check(List<String> bad, Object[] c) {
        String in = (String) c[0];
        String line = in.endsWith("\n") ? in.substring(0, in.length() - 1) : in;
        MetricRecord r = ProfileTableTest.record(line);
        new GoCarbonProfile().judgeLine(r, Transport.TCP);
        String what = "'" + ProfileTableTest.escape(in) + "': ";
        if (c.length == 1) {
            if (r.verdict() != Verdict.MALFORMED) bad.add(what + "PlainLine errs, the profile says " + r.verdict());
            return;
        }
        if (r.verdict() == Verdict.MALFORMED) bad.add(what + "PlainLine accepts it, the profile says " + r.problems());
        else if (!c[1].equals(r.path()) || (Double) c[2] != r.value() || (Long) c[3] != (long) r.timestamp()) {
            bad.add(what + "expected " + c[1] + " " + c[2] + " " + c[3] + ", got " + r.path() + " " + r.value() + " " + r.timestamp());
        }
    }
}
