package io.metricsniff.protocol.graphite;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.protocol.DatagramHandler;
import io.metricsniff.protocol.DatagramLineConsumer;

/**
 * Graphite plaintext over UDP: a datagram's lines as Python's {@code str.splitlines()} cuts them
 * (carbon's MetricDatagramReceiver). A line the capture's snaplen cut is not the sender's fault:
 * it and the missing bytes are reported as a gap, as for StatsD. Only framing: what carbon reads
 * of a datagram, and what it makes of the lines, is the consumer's business. Stateless.
 */
public final class GraphiteDatagramDecoder implements DatagramHandler {
    private final DatagramLineConsumer out;

    public GraphiteDatagramDecoder(DatagramLineConsumer out) { this.out = out; }

    @Override
    public void datagram(Endpoint src, Endpoint dst, byte[] buf, int off, int len, int missing, long timeNanos) {
        int end = off + len;
        out.datagram(src, dst, buf, off, len, timeNanos);
        int i = off;
        while (i < end) {
            int e = i;
            int sep = 0;
            while (e < end && (sep = separator(buf, e, end)) == 0) e++;
            if (e == end && missing > 0) break; // the capture cut this line short
            out.line(src, dst, buf, i, e, timeNanos);
            i = e + sep;
        }
        if (missing > 0) out.gap(src, dst, missing + (end - Math.min(i, end)), timeNanos);
    }

    /**
     * Length of the line boundary at {@code i} for Python's splitlines() (0: none): \n, \r, \r\n,
     * \x0b, \x0c, \x1c, \x1d, \x1e, U+0085, U+2028, U+2029.
     */
    static int separator(byte[] b, int i, int end) {
        int c = b[i] & 0xff;
        switch (c) {
            case '\n': case 0x0b: case 0x0c: case 0x1c: case 0x1d: case 0x1e: return 1;
            case '\r': return i + 1 < end && b[i + 1] == '\n' ? 2 : 1;
            case 0xc2: return i + 1 < end && (b[i + 1] & 0xff) == 0x85 ? 2 : 0;
            case 0xe2: return i + 2 < end && (b[i + 1] & 0xff) == 0x80
                    && ((b[i + 2] & 0xff) == 0xa8 || (b[i + 2] & 0xff) == 0xa9) ? 3 : 0;
            default: return 0;
        }
    }
}
