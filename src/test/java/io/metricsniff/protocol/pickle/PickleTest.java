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

class PickleTest {
    static final long T = 1_700_000_100L * 1_000_000_000L;

    // ---- helpers ----

    /** Pickles a Python expression with the real pickle module. */
    static byte[] python(String expr, int protocol) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c",
                    "import pickle,sys; sys.stdout.buffer.write(pickle.dumps(eval(sys.argv[1]), protocol=int(sys.argv[2])))",
                    expr, Integer.toString(protocol)).redirectErrorStream(false).start();
        } catch (IOException e) {
            Assumptions.abort("python3 not available");
            return null;
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        return out;
    }

    static byte[] frame(byte[] pickle) {
        byte[] f = new byte[pickle.length + 4];
        f[0] = (byte) (pickle.length >>> 24);
        f[1] = (byte) (pickle.length >>> 16);
        f[2] = (byte) (pickle.length >>> 8);
        f[3] = (byte) pickle.length;
        System.arraycopy(pickle, 0, f, 4, pickle.length);
        return f;
    }

    static byte[] latin1(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    final DecoderTestSupport.TinyProfile profile = new DecoderTestSupport.TinyProfile();
    final DecoderTestSupport.Sink sink = new DecoderTestSupport.Sink();

    PickleStreamDecoder decoder(boolean midstream) {
        return new PickleStreamDecoder(midstream, FramingLimits.DEFAULTS, new JudgedDatapoints(DecoderTestSupport.SRC,
                DecoderTestSupport.DST, DecoderTestSupport.judge(profile), sink));
    }

    List<MetricRecord> feed(byte[] stream) {
        PickleStreamDecoder d = decoder(false);
        d.data(stream, 0, stream.length, T);
        d.end(EndReason.FIN, T);
        return sink.records;
    }

    static void assertPoint(MetricRecord r, String path, double value, double ts) {
        assertEquals(Verdict.OK, r.verdict(), () -> r.raw() + " " + r.problems());
        assertEquals(path, r.path());
        assertEquals(value, r.value());
        assertEquals(ts, r.timestamp());
        assertEquals(Protocol.PICKLE, r.protocol());
        assertEquals(Transport.TCP, r.transport());
    }

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

    void feedText0(String pickle) { feed(frame(latin1(pickle))); }

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
    void globalAndReduceAreRefusedNeverExecuted() throws Exception {
        // the classic exploit: os.system('touch ...') via GLOBAL + REDUCE
        java.nio.file.Path marker = java.nio.file.Files.createTempFile("metricsniff", ".marker");
        java.nio.file.Files.delete(marker);
        String cmd = "touch " + marker;
        feedText0("cos\nsystem\n(S'" + cmd + "'\ntR.");
        assertFalse(java.nio.file.Files.exists(marker));
        // protocol 4 uses STACK_GLOBAL for classes
        feed(frame(python("__import__('collections').OrderedDict()", 4)));
        feed(frame(python("__import__('datetime').date(2020, 1, 1)", 2)));
        assertEquals(List.of(Problems.PICKLE_REFUSED, Problems.PICKLE_REFUSED, Problems.PICKLE_REFUSED), sink.codes());
        assertTrue(sink.records.get(0).problems().get(0).message().contains("GLOBAL refused"));
        assertTrue(sink.records.get(1).problems().get(0).message().contains("STACK_GLOBAL refused"));
        for (String op : new String[] {"R", "b", "i", "o", "P", "Q", "\u0081", "\u0092", "\u0082"}) {
            sink.records.clear();
            feedText0("N)" + op + ".");
            assertEquals(List.of(Problems.PICKLE_REFUSED), sink.codes(), op);
        }
    }

    @Test
    void dictsAreNotReadButSaySo() throws Exception {
        feed(frame(python("{'a': 1}", 2)));
        assertEquals(List.of(Problems.PICKLE_UNSUPPORTED), sink.codes());
    }

    @Test
    void invalidPickles() {
        String[] bad = {
            "",                     // EOFError: ran out of input
            "]",                    // no STOP
            "\u00ff.",              // unknown opcode
            "a.",                   // APPEND on an empty stack
            "(e.",                  // APPENDS with nothing under the mark
            "t.",                   // TUPLE without MARK
            "h\u0005.",             // BINGET of a missing memo entry
            "g7\n.",                // GET of a missing memo entry
            "\u0080\u0006N.",       // protocol 6 does not exist
            "X\u00ff\u00ff\u00ff\u007f.",  // BINUNICODE longer than the frame
            "T\u00ff\u00ff\u00ff\u00ff.",  // BINSTRING with a negative length
            "U\u0002\u00c3\u0028.",        // invalid UTF-8 in a str
            "S'unterminated\n.",    // STRING not quoted
            "\u0095\u00ff\u0000\u0000\u0000\u0000\u0000\u0000\u0000N.", // FRAME longer than the data
            "Ix\n.",                // INT that is not a number
            "Fabc\n.",              // FLOAT that is not a number
        };
        for (String b : bad) {
            sink.records.clear();
            feedText0(b);
            assertEquals(List.of(Problems.PICKLE_INVALID), sink.codes(), () -> "for " + b + ": " + sink.records.get(0).problems());
            assertTrue(sink.records.get(0).raw().startsWith("[pickle frame, "));
        }
    }

    @Test
    void hostileStructureHitsNamedLimits() {
        // deep MARK nesting
        feedText0("(".repeat(PickleReader.MAX_MARK_DEPTH + 1) + "N.");
        // memo index far beyond what any real pickle uses: no 16 GB array
        feed(frame(concat(latin1("N"), new byte[] {'r', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f}, latin1("."))));
        // memo abuse: one list pushed again and again by BINGET until the stack limit
        byte[] gets = new byte[2 * (PickleReader.MAX_STACK + 1)];
        for (int i = 0; i < gets.length; i += 2) { gets[i] = 'h'; gets[i + 1] = 0; }
        feed(frame(concat(latin1("]q\u0000"), gets, latin1("."))));
        assertEquals(List.of(Problems.PICKLE_LIMIT, Problems.PICKLE_LIMIT, Problems.PICKLE_LIMIT), sink.codes());
    }

    @Test
    void deeplyNestedListsDoNotRecurse() {
        int n = 200_000;
        byte[] p = new byte[2 * n + 1];
        for (int i = 0; i < n; i++) p[i] = ']';
        for (int i = n; i < 2 * n - 1; i++) p[i] = 'a';
        p[2 * n - 1] = '.';
        feed(frame(java.util.Arrays.copyOf(p, 2 * n)));
        assertEquals(List.of(Problems.PICKLE_BAD_DATAPOINT), sink.codes()); // [[[[...]]]]: one item, not a pair
        assertTrue(sink.records.get(0).raw().length() < 400);
    }

    @Test
    void injectedFrameLimitIsTheBoundary() throws Exception {
        byte[] ok = frame(python("[('a', (1700000000, 1))]", 2));
        int len = ok.length - 4;
        PickleStreamDecoder d = new PickleStreamDecoder(false, new FramingLimits(64, len),
                new JudgedDatapoints(DecoderTestSupport.SRC, DecoderTestSupport.DST, DecoderTestSupport.judge(profile), sink));
        d.data(ok, 0, ok.length, T);                  // exactly the limit: a frame
        byte[] over = {0, 0, 0, (byte) (len + 1)};
        d.data(over, 0, 4, T);                        // one more: carbon would close
        d.data(ok, 0, ok.length, T);
        d.end(EndReason.FIN, T);
        assertEquals(List.of(Problems.PICKLE_FRAME_TOO_LARGE), sink.codes());
        assertEquals(2, sink.records.size());
        assertEquals(ok.length, d.skippedBytes());
    }

    @Test
    void frameOverOneMebibyteClosesTheConnectionWithoutBuffering() throws Exception {
        byte[] ok = frame(python("[('a', (1700000000, 1))]", 2));
        byte[] header = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        PickleStreamDecoder d = decoder(false);
        d.data(ok, 0, ok.length, T);
        d.data(header, 0, 4, T);
        byte[] junk = new byte[64 * 1024];
        for (int i = 0; i < 100; i++) d.data(junk, 0, junk.length, T); // 6.4 MB: counted, not kept
        d.data(ok, 0, ok.length, T);
        d.end(EndReason.FIN, T);
        assertEquals(2, sink.records.size());
        assertEquals(List.of(Problems.PICKLE_FRAME_TOO_LARGE), sink.codes());
        assertTrue(sink.records.get(1).problems().get(0).message().contains("2147483647"));
        assertEquals(100L * junk.length + ok.length, d.skippedBytes());

        // exactly the limit is still a frame (carbon: length > MAX_LENGTH closes)
        sink.records.clear();
        int padding = FramingLimits.MAX_FRAME_LENGTH - 8; // BINBYTES, POP, NONE, STOP
        byte[] big = new byte[FramingLimits.MAX_FRAME_LENGTH];
        big[0] = 'B';
        big[1] = (byte) padding; big[2] = (byte) (padding >> 8); big[3] = (byte) (padding >> 16);
        big[big.length - 3] = '0';
        big[big.length - 2] = 'N';
        big[big.length - 1] = '.';
        feed(frame(big));
        assertEquals(List.of(Problems.PICKLE_NOT_A_LIST), sink.codes());
    }

    @Test
    void truncatedFrameAtCloseIsUnterminated() throws Exception {
        byte[] f = frame(python("[('a', (1700000000, 1))]", 2));
        PickleStreamDecoder d = decoder(false);
        d.data(f, 0, f.length - 3, T);
        d.end(EndReason.RST, T);
        assertEquals(List.of(Problems.PICKLE_UNTERMINATED), sink.codes());
        assertTrue(sink.records.get(0).problems().get(0).message().contains((f.length - 7) + " of " + (f.length - 4)));

        sink.records.clear();
        d = decoder(false);
        d.data(f, 0, 2, T);
        d.end(EndReason.FIN, T);
        assertEquals(List.of(Problems.PICKLE_UNTERMINATED), sink.codes());

        sink.records.clear();
        d = decoder(false);
        d.data(f, 0, f.length - 3, T);
        d.end(EndReason.CAPTURE_END, T); // the connection is still open: not the sender's fault
        assertTrue(sink.records.isEmpty());
    }

    @Test
    void midstreamIsReportedOnceAndSkipped() throws Exception {
        byte[] f = frame(python("[('a', (1700000000, 1))]", 2));
        PickleStreamDecoder d = decoder(true);
        d.data(f, 0, f.length, T);
        d.data(f, 0, f.length, T);
        d.end(EndReason.FIN, T);
        assertEquals(List.of(), sink.codes(), "no record: nothing malformed was seen");
        assertEquals(2L * f.length, d.skippedBytes());
        assertEquals(List.of(2L * f.length), sink.skipped, "the unread bytes are reported");
    }

    @Test
    void gapLosesFrameInProgressAndTheRest() throws Exception {
        byte[] f = frame(python("[('a', (1700000000, 1))]", 2));
        PickleStreamDecoder d = decoder(false);
        d.data(f, 0, f.length, T);
        d.data(f, 0, 10, T);
        d.gap(1448, T);
        d.data(f, 0, f.length, T);
        d.end(EndReason.FIN, T);
        assertEquals(1, sink.records.size());            // no malformed record for bytes touching a gap
        assertEquals(List.of(1448L), sink.gaps);                // what the capture lacks
        assertEquals(List.of(10L + f.length), sink.skipped);    // what it had but could not frame
    }

    @Test
    void fuzzNeverThrows() {
        Random rnd = new Random(42);
        PickleReader reader = new PickleReader();
        byte[] opcodes = latin1("().0a1e2NIJKLMFGSTUVXBCghjpqrt]l\u0080\u0085\u0086\u0087\u0088\u0089\u008a\u008b\u008c\u008d\u008e\u0094\u0095\u0096\n'");
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[rnd.nextInt(64)];
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextBoolean() ? opcodes[rnd.nextInt(opcodes.length)] : (byte) rnd.nextInt(256);
            }
            try {
                Object o = reader.read(b, 0, b.length);
                CarbonDatapoints.walk(o, new CarbonDatapoints.Visitor() {
                    public boolean datapoint(String p, double v, double t, String raw) { return false; }
                    public void bad(String raw, io.metricsniff.record.Problem p) { assertNotNull(p.message()); }
                });
            } catch (PickleException expected) {
                assertNotNull(expected.code());
            }
        }
        // and the stream decoder, random framing included
        for (int n = 0; n < 200; n++) {
            PickleStreamDecoder d = decoder(rnd.nextInt(10) == 0);
            byte[] b = new byte[rnd.nextInt(4096)];
            rnd.nextBytes(b);
            if (b.length > 4) { b[0] = 0; b[1] = 0; }
            int i = 0;
            while (i < b.length) {
                int k = Math.min(b.length - i, 1 + rnd.nextInt(300));
                if (rnd.nextInt(50) == 0) d.gap(k, T);
                d.data(b, i, k, T);
                i += k;
            }
            d.end(EndReason.values()[rnd.nextInt(EndReason.values().length)], T);
        }
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
