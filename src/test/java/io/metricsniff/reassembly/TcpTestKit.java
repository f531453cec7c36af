package io.metricsniff.reassembly;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.decode.Packet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link Packet}s for one connection and records what the reassembler hands to consumers. */
public final class TcpTestKit {
    static final byte[] CLIENT_IP = {10, 0, 0, 1};
    static final byte[] SERVER_IP = {10, 0, 0, 2};
    static final int CLIENT_PORT = 40000, SERVER_PORT = 2003;

    static final Endpoint CLIENT = new Endpoint(CLIENT_IP, CLIENT_PORT);
    static final Endpoint SERVER = new Endpoint(SERVER_IP, SERVER_PORT);

    private TcpTestKit() { }

    public static byte[] ascii(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    static String str(byte[] b) { return new String(b, StandardCharsets.ISO_8859_1); }

    /** A TCP packet; {@code payload} is placed at offset 7 of a bigger buffer to catch offset bugs. */
    public static Packet tcp(byte[] srcIp, int sport, byte[] dstIp, int dport, long seq, long ack, int flags,
                      byte[] payload, int missing) {
        Packet p = new Packet();
        p.ipVersion = srcIp.length == 16 ? 6 : 4;
        System.arraycopy(srcIp, 0, p.srcAddr, 0, srcIp.length);
        System.arraycopy(dstIp, 0, p.dstAddr, 0, dstIp.length);
        p.srcPort = sport;
        p.dstPort = dport;
        p.protocol = Packet.TCP;
        p.seq = seq & 0xFFFFFFFFL;
        p.ack = ack & 0xFFFFFFFFL;
        p.tcpFlags = flags;
        p.buf = new byte[payload.length + 11];
        System.arraycopy(payload, 0, p.buf, 7, payload.length);
        p.payloadOffset = 7;
        p.payloadLength = payload.length;
        p.payloadMissing = missing;
        return p;
    }

    /** Client to server. */
    static Packet c2s(long seq, int flags, String data) {
        return tcp(CLIENT_IP, CLIENT_PORT, SERVER_IP, SERVER_PORT, seq, 0, flags, ascii(data), 0);
    }

    static Packet c2s(long seq, long ack, int flags, String data) {
        return tcp(CLIENT_IP, CLIENT_PORT, SERVER_IP, SERVER_PORT, seq, ack, flags, ascii(data), 0);
    }

    /** Server to client. */
    static Packet s2c(long seq, long ack, int flags, String data) {
        return tcp(SERVER_IP, SERVER_PORT, CLIENT_IP, CLIENT_PORT, seq, ack, flags, ascii(data), 0);
    }

    /** One direction's events: data runs are merged, so segment boundaries do not matter. */
    static final class Recorder implements StreamHandler {
        final Endpoint src, dst;
        final boolean midstream;
        final StringBuilder events = new StringBuilder();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<byte[]> buffersSeen = new ArrayList<>();
        long gapBytes;
        int ends;
        EndReason reason;
        private boolean inData;

        Recorder(Endpoint src, Endpoint dst, boolean midstream) {
            this.src = src;
            this.dst = dst;
            this.midstream = midstream;
        }

        @Override public void data(byte[] buf, int off, int len, long timeNanos) {
            if (ends > 0) throw new AssertionError("data after end");
            if (len <= 0) throw new AssertionError("empty data call");
            if (!inData) events.append("D[");
            else events.setLength(events.length() - 1);
            events.append(new String(buf, off, len, StandardCharsets.ISO_8859_1)).append(']');
            inData = true;
            bytes.write(buf, off, len);
            buffersSeen.add(buf);
        }

        @Override public void gap(long n, long timeNanos) {
            if (ends > 0) throw new AssertionError("gap after end");
            if (n <= 0) throw new AssertionError("empty gap");
            events.append("G").append(n).append(' ');
            inData = false;
            gapBytes += n;
        }

        @Override public void end(EndReason r, long timeNanos) {
            ends++;
            reason = r;
            events.append("E:").append(r);
            inData = false;
        }

        String text() { return str(bytes.toByteArray()); }

        @Override public String toString() { return events.toString(); }
    }

    /** Opens a recorder for every direction; keeps them by "src>dst" (a later open replaces, keeps history). */
    static final class Factory implements StreamHandlerFactory {
        final Map<String, Recorder> last = new LinkedHashMap<>();
        final List<Recorder> all = new ArrayList<>();
        boolean declineServerSide;

        @Override public StreamHandler open(Endpoint src, Endpoint dst, boolean midstream, long timeNanos) {
            if (declineServerSide && src.port() == SERVER_PORT) return null;
            Recorder r = new Recorder(src, dst, midstream);
            last.put(src + ">" + dst, r);
            all.add(r);
            return r;
        }

        Recorder client() { return last.get(CLIENT + ">" + SERVER); }

        Recorder server() { return last.get(SERVER + ">" + CLIENT); }
    }
}
