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

/** What the pickle tests share: real Python pickles, framing, a judging decoder and its sink. */
abstract class PickleFixture {
    static final long T = 1_700_000_100L * 1_000_000_000L;

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


    void feedText0(String pickle) { feed(frame(latin1(pickle))); }
}
