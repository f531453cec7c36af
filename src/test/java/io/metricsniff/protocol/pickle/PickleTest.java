package io.metricsniff.protocol.pickle;

import io.metricsniff.record.Problems;
import io.metricsniff.protocol.framing.FramingLimits;
import io.metricsniff.verdict.JudgedDatapoints;
import io.metricsniff.text.PyFloat;
import io.metricsniff.protocol.DecoderTestSupport;
import io.metricsniff.reassembly.EndReason;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class PickleTest extends PickleFixture {
    // ---- real Python pickles ----

    static final String DATAPOINTS = "[('lab.a.int', (1700000000, 42)), ('lab.b.float', (1700000001.5, -0.25)),"
            + " ('lab.c.str', ('1700000002', ' 1_000 ')), ('lab.\\u00e9t\\u00e9', (1700000003, 10**15)),"
            + " ('lab.big', (1700000004, 2**70)), ('lab.bool', (1700000005, True))]";

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void pythonPicklesEveryProtocol(int protocol) throws Exception {
        List<MetricRecord> r = feed(frame(python(DATAPOINTS, protocol)));
        assertEquals(6, r.size(), () -> r.toString());
        assertPoint(r.get(0), "lab.a.int", 42, 1700000000);
        assertPoint(r.get(1), "lab.b.float", -0.25, 1700000001.5);
        assertPoint(r.get(2), "lab.c.str", 1000, 1700000002);
        assertPoint(r.get(3), "lab.\u00e9t\u00e9", 1e15, 1700000003);
        assertPoint(r.get(4), "lab.big", Math.pow(2, 70), 1700000004);
        assertPoint(r.get(5), "lab.bool", 1, 1700000005);
        assertEquals("lab.a.int 42 1700000000", r.get(0).raw());
        assertEquals("lab.b.float -0.25 1700000001.5", r.get(1).raw());
        assertEquals(6, profile.datapoints);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 4, 5})
    void largeBatchAcrossSegmentsAndMemo(int protocol) throws Exception {
        // shared path object exercises the memo (GET/BINGET/MEMOIZE), 3000 items exercise APPENDS batching
        byte[] f = frame(python("(lambda p: [(p, (1700000000 + i, i * 0.5)) for i in range(3000)])('lab.shared')", protocol));
        byte[] stream = concat(f, f);
        PickleStreamDecoder d = decoder(false);
        for (int i = 0; i < stream.length; i += 997) d.data(stream, i, Math.min(997, stream.length - i), T);
        d.end(EndReason.FIN, T);
        assertEquals(6000, sink.records.size());
        assertPoint(sink.records.get(2999), "lab.shared", 1499.5, 1700002999);
        assertPoint(sink.records.get(3000), "lab.shared", 0, 1700000000);
        assertEquals(2, d.frames());
    }

    @Test
    void byteByByteFraming() throws Exception {
        byte[] stream = concat(frame(python("[('a', (1700000000, 1))]", 2)), frame(python("[('b', (1700000000, 2))]", 4)));
        PickleStreamDecoder d = decoder(false);
        for (int i = 0; i < stream.length; i++) d.data(stream, i, 1, T + i);
        d.end(EndReason.FIN, T);
        assertEquals(2, sink.records.size());
        assertPoint(sink.records.get(1), "b", 2, 1700000000);
        assertEquals(T + stream.length - 1, sink.records.get(1).timeNanos(), "time of the completing packet");
    }

    // ---- hand-built pickles ----

    @Test
    void python2StylePickles() {
        // protocol 0 as Python 2 writes a str path: STRING with quotes and escapes, INT, LONG, FLOAT
        byte[] p0 = latin1("(lp0\n(S'lab.py2'\np1\n(I1700000000\nF2.5\ntp2\ntp3\na(S\"x\\x2ey\"\n(L1700000001L\nI7\ntta.");
        // protocol 2 as Python 2 writes it: SHORT_BINSTRING, BININT, BININT2, LONG1
        byte[] p2 = concat(new byte[] {(byte) 0x80, 2, ']', 'q', 0, '(', 'U', 3}, latin1("a.b"),
                new byte[] {'J', 0, (byte) 0xf1, 0x53, 0x65, 'M', (byte) 0xe8, 3, (byte) 0x86, (byte) 0x86,
                        'T', 1, 0, 0, 0, 'c', (byte) 0x8a, 4, 0, (byte) 0xf1, 0x53, 0x65, (byte) 0x89, (byte) 0x86, (byte) 0x86,
                        'e', '.'});
        List<MetricRecord> r = feed(concat(frame(p0), frame(p2)));
        assertEquals(4, r.size(), () -> r.toString());
        assertPoint(r.get(0), "lab.py2", 2.5, 1700000000);
        assertPoint(r.get(1), "x.y", 7, 1700000001);
        assertPoint(r.get(2), "a.b", 1000, 1700000000);
        assertPoint(r.get(3), "c", 0, 1700000000);
    }

    @Test
    void badDatapointsAreSkippedLikeCarbonAndUncaughtErrorsCloseTheConnection() throws Exception {
        byte[] f = frame(python("[('a', (1700000000, 'abc')), ('b', 2), ['c', [1700000000, 3]], 'xy',"
                + " ('n', (1700000000, float('nan'))), (b'bytes.path', (1700000000, 1)), ('lost', (1, 2))]", 3));
        byte[] after = frame(python("[('after', (1700000000, 1))]", 3));
        List<MetricRecord> r = feed(concat(f, after));
        assertEquals(List.of(Problems.PICKLE_BAD_NUMBER, Problems.PICKLE_BAD_DATAPOINT,
                Problems.PICKLE_BAD_DATAPOINT, "nan-value",
                Problems.PICKLE_PATH_NOT_STR, Problems.PICKLE_CONNECTION_CLOSED), sink.codes());
        assertEquals(7, r.size());
        assertEquals(Verdict.MALFORMED, r.get(0).verdict());
        assertPoint(r.get(2), "c", 3, 1700000000);   // lists unpack like tuples in Python
        assertEquals(Verdict.MALFORMED, r.get(3).verdict()); // 'xy' unpacks to 'x', 'y': 'y' is no pair
        assertEquals("'xy'", r.get(3).raw());
    }

    @Test
    void topLevelNotIterableClosesConnection() throws Exception {
        List<MetricRecord> r = feed(concat(frame(python("5", 2)), frame(python("[('a', (1700000000, 1))]", 2))));
        assertEquals(1, r.size());
        assertEquals(List.of(Problems.PICKLE_NOT_A_LIST), sink.codes());
    }

    @Test
    void hugeIntOverflowsFloatAndClosesConnection() throws Exception {
        List<MetricRecord> r = feed(frame(python("[('a', (1700000000, 10**400)), ('b', (1700000000, 1))]", 2)));
        assertEquals(List.of(Problems.PICKLE_NUMBER_OVERFLOW, Problems.PICKLE_CONNECTION_CLOSED), sink.codes());
        assertEquals(2, r.size());
        feedText0("L" + "9".repeat(5000) + "\n."); // text LONG beyond MAX_INT_DIGITS: kept as a marker
        assertEquals(Problems.PICKLE_NOT_A_LIST, sink.codes().get(2));
    }


    @Test
    void profileClosingTheConnectionSkipsTheRest() throws Exception {
        byte[] f = frame(python("[('kill.me', (1700000000, 1)), ('next', (1700000000, 2))]", 2));
        byte[] after = frame(python("[('after', (1700000000, 1))]", 2));
        PickleStreamDecoder d = decoder(false);
        byte[] s = concat(f, after);
        d.data(s, 0, s.length, T);
        assertEquals(2, sink.records.size());
        assertEquals(Verdict.OK, sink.records.get(0).verdict());
        assertEquals(List.of(Problems.PICKLE_CONNECTION_CLOSED), sink.codes());
        assertEquals(after.length, d.skippedBytes());
    }

    @Test
    void pythonFloatRepr() {
        assertEquals("1.5", Py.floatRepr(1.5));
        assertEquals("1e+16", Py.floatRepr(1e16));
        assertEquals("1234567890123456.0", Py.floatRepr(1234567890123456.0));
        assertEquals("1e-05", Py.floatRepr(1e-5));
        assertEquals("0.0001", Py.floatRepr(1e-4));
        assertEquals("-2.5e+300", Py.floatRepr(-2.5e300));
        assertEquals("1700000000.0", Py.floatRepr(1.7e9));
        assertEquals("0.1", Py.floatRepr(0.1));
        assertEquals("-0.0", Py.floatRepr(-0.0));
        assertEquals("nan", Py.floatRepr(Double.NaN));
    }

    @Test
    void pythonFloatOfStrings() {
        assertEquals(1000.0, PyFloat.parse(" 1_000 "));
        assertEquals(Double.NEGATIVE_INFINITY, PyFloat.parse("-Infinity"));
        assertTrue(Double.isNaN(PyFloat.parse("NaN")));
        assertEquals(5.0, PyFloat.parse("+5"));
        assertEquals(1000.0, PyFloat.parse("1e3"));
        assertEquals(0.5, PyFloat.parse(".5"));
        assertEquals(5.0, PyFloat.parse("5."));
        assertEquals(12.0, PyFloat.parse("\u0661\u0662")); // Arabic-Indic digits, as Python
        for (String bad : new String[] {"", " ", "1__0", "_1", "1_", "0x10", "1d", "1e", ".", "inf1", "1 2", "Infinityy"}) {
            assertThrows(NumberFormatException.class, () -> PyFloat.parse(bad), bad);
        }
    }
}
