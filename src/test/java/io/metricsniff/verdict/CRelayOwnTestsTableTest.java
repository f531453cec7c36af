package io.metricsniff.verdict;

import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * carbon-c-relay's own test table (grobian/carbon-c-relay {@code test/}, run by test/run-test.sh),
 * the cases about what the relay accepts and how it cleans names: each line through the profile
 * and through the real relay 3.7.3 ({@link CRelayOracle}), which must agree on every line; where
 * the relay's test states an outcome (a {@code .payloadout}), the profile must give it too.
 * <p>
 * Skipped, with why: basic.stst's {@code aggregate} and {@code rewrite} rules and the
 * {@code aggregate.foo.bar}/{@code rewrite.foo} lines of basic.payloadout (aggregation and
 * routing, which a profile does not model: a plain forward config is used instead); the
 * {@code .tst}/{@code .out} config tests issue10 (rewrite), issue235/246/252/461/462/465
 * (match and routing), issue228/238's {@code validate} clauses (a per-route regex, not the relay's
 * own acceptance: their input lines are kept, judged with no validate rule); dual-*, large-*,
 * qreadersendsize (relay-to-relay transports, compression, TLS and queue sizes: no line rule);
 * listen*, server-type (config parsing). The {@code -t} outputs are not used: test mode does not cleanse.
 */
class CRelayOwnTestsTableTest {
    /** test/basic.payload, sent as is (the server test "basic"). */
    static final String[] BASIC = {
        "foo", "foo.bar 1", "foo.bar 1 349830000", "1 2 foo.bar", "foo.bar foo bar", "foo.bar foo 349830000",
        "foo.bar 1 bar", "bar 1 3", "bar.foo 1 4",
    };
    /** test/basic.payloadout without the aggregation and rewrite lines: what `match * send to default` forwards. */
    static final List<String> BASIC_OUT = List.of(
        "foo.bar", "foo.bar", "1", "foo.bar", "foo.bar", "foo.bar", "bar", "bar.foo");
    /** test/metriclimits.payload, with test/metriclimits.args "-m 16 -M 24". */
    static final String[] METRICLIMITS = {
        "this_input_is_too_long_32>24", "1234567890 1234567890 1234567890", "this_metric_is_too_long_19>16",
        "1234567890123456789 1 2", "this_metric_is_fine_input_not", "1234567890 123456789 12345678901234567890",
        "this_should_be_fine", "1234567890 1234567890 1",
    };
    /** test/metriclimits.payloadout: the one line that passes both limits. */
    static final List<String> METRICLIMITS_OUT = List.of("1234567890");
    /** Input lines of test/issue228.tst and test/issue238.tst (their validate rules skipped, see above). */
    static final String[] ISSUE_INPUT = {
        "foo.bar this wrong", "", "foo.bar 42 42", "foo.bar 4.2 4.2", "", "blah 4.2 4.2", "blah 42 42", "foo 4.2e-10 42",
    };
    /** Read from dispatcher.c dispatch_received_metrics around the limits: cleaning shortens before measuring. */
    static final String[] LIMITS_FROM_THE_CODE = {
        "a..b..c..d..e..f..g 1 2", "abcdefghijklmnop 1 2", "abcdefghijklmnopq 1 2", "a 1234567890 12345678",
        "a 1234567890 123456789", "a  1234567890  12345678", "a\t1234567890\t12345678", "a.b;t=vvvvvvvvvvvvvvvvvv 1",
        "ab.cdefghijklmnop. 1 2", "a.....b.....c.....d.....e 1 2", "a..........................b 1 2",
        "a 1   2            ", "a 1;2345678901234567890 3", "abcdefghijklmnopqrstu;t=v 1 2",
    };

    @Test
    void basicPayloadAsTheRelaysTestExpects() throws Exception {
        assertEquals(BASIC_OUT, profileForwards(BASIC, new CarbonCRelayProfile()), "test/basic.payloadout");
        assertEquals(List.of(), CRelayOracle.disagreements(BASIC, new CarbonCRelayProfile()), "test/basic.payload");
    }

    @Test
    void metricLimitsAsTheRelaysTestExpects() throws Exception {
        CarbonCRelayProfile limited = new CarbonCRelayProfile(16, 24);
        assertEquals(METRICLIMITS_OUT, profileForwards(METRICLIMITS, limited), "test/metriclimits.payloadout");
        List<String> differ = new ArrayList<>(CRelayOracle.disagreements(concat(METRICLIMITS, LIMITS_FROM_THE_CODE), limited, "-m", "16", "-M", "24"));
        differ.addAll(CRelayOracle.disagreements(concat(METRICLIMITS, LIMITS_FROM_THE_CODE), new CarbonCRelayProfile()));
        assertEquals(List.of(), differ, "test/metriclimits.payload, with -m 16 -M 24 and with the defaults");
    }

    @Test
    void issueInputLinesAreForwardedUnchecked() throws Exception {
        assertEquals(List.of("foo.bar", "foo.bar", "foo.bar", "blah", "blah", "foo"), profileForwards(ISSUE_INPUT, new CarbonCRelayProfile()));
        assertEquals(List.of(), CRelayOracle.disagreements(ISSUE_INPUT, new CarbonCRelayProfile()), "test/issue228.tst, test/issue238.tst");
    }

    /** The names the profile says the relay forwards, in order. */
    static List<String> profileForwards(String[] rows, CarbonCRelayProfile profile) {
        List<String> out = new ArrayList<>();
        for (String row : rows) {
            MetricRecord rec = ProfileTableTest.record(row);
            profile.judgeLine(rec, Transport.TCP);
            if (rec.verdict() != Verdict.MALFORMED) out.add(rec.storedPath() != null ? rec.storedPath() : rec.path());
        }
        return out;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
