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

/** Pickles built to hurt: code execution refused, named limits, truncation, gaps, fuzz. */
class PickleHostileTest extends PickleFixture {
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
}
