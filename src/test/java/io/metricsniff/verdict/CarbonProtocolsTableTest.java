package io.metricsniff.verdict;

import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * carbon's own cases (lib/carbon/tests/test_protocols.py, carbon 1.1.x) for lines, rewritten for
 * {@link CarbonProfile}: TestMetricLineReceiver (TCP), TestMetricDatagramReceiver (UDP, one line
 * each) and TestMetricReceiver's NaN and -1 rules. Expected: path, value, timestamp, or malformed.
 */
class CarbonProtocolsTableTest {
    static final String ZH = "\u0436";                       // b'\xd0\xb6'
    static final String ZHOPA = "\u0436\u043e\u043f\u0430";  // b'\xd0\xb6\xd0\xbe\xd0\xbf\xd0\xb0'
    static final Object[][] CASES = {
        // test, transport, line, path/value/timestamp (none: not passed to metricReceived)
        {"TestMetricLineReceiver.test_invalid_line_received", Transport.TCP, ZH.repeat(401)},
        {"TestMetricLineReceiver.test_valid_line_received", Transport.TCP, ZHOPA + " 42 -1", ZHOPA, 42.0, -1.0},
        {"TestMetricDatagramReceiver.test_valid_datagramReceived", Transport.UDP, "carbon.foo 1 2", "carbon.foo", 1.0, 2.0},
        {"TestMetricDatagramReceiver.test_invalid_datagramReceived", Transport.UDP, "carbon.foo 1"},
        {"TestMetricDatagramReceiver.test_invalid_datagramReceived", Transport.UDP, "c".repeat(401)},
        {"TestMetricDatagramReceiver.test_utf8_datagramReceived", Transport.UDP, ZHOPA + " 42 -1", ZHOPA, 42.0, -1.0},
        {"TestMetricDatagramReceiver.test_multiple_datagramReceived", Transport.UDP, "not"},
        {"TestMetricDatagramReceiver.test_multiple_datagramReceived", Transport.UDP, "valid 5 6", "valid", 5.0, 6.0},
        {"TestMetricReceiver.test_nan_metricReceived", Transport.TCP, "carbon.foo NaN 1"},
        {"TestMetricReceiver.test_notime_metricReceived", Transport.TCP, "carbon.foo 2 -1", "carbon.foo", 2.0, -1.0},
        {"TestMetricReceiver.test_valid_metricReceived", Transport.TCP, "carbon.foo 2 1", "carbon.foo", 2.0, 1.0},
    };

    @Test
    void carbonsOwnProtocolCases() {
        List<String> bad = new ArrayList<>();
        for (Object[] c : CASES) {
            byte[] raw = ((String) c[2]).getBytes(StandardCharsets.UTF_8);
            MetricRecord r = new MetricRecord(0, ProfileTableTest.A, ProfileTableTest.B, (Transport) c[1],
                    io.metricsniff.record.Protocol.GRAPHITE, raw, raw.length);
            new CarbonProfile().judgeLine(r, (Transport) c[1]);
            if (c.length == 3) {
                if (r.verdict() != Verdict.MALFORMED) bad.add(c[0] + ": carbon drops it, the profile says " + r.verdict());
            } else if (r.verdict() == Verdict.MALFORMED || !c[3].equals(r.path()) || (Double) c[4] != r.value()
                    || (Double) c[5] != r.timestamp()) {
                bad.add(c[0] + ": expected " + c[3] + " " + c[4] + " " + c[5] + ", got " + r.verdict() + " " + r.path()
                        + " " + r.value() + " " + r.timestamp() + " " + r.problems());
            }
        }
        assertEquals(List.of(), bad);
    }
}
