package io.metricsniff.protocol.statsd;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.protocol.DatagramHandler;
import io.metricsniff.protocol.DatagramLineConsumer;

/**
 * StatsD datagrams (UDP 8125): lines separated by '\n', empty lines skipped as the statsd daemon
 * skips them without counting. A line the capture's snaplen cut is not the sender's fault: it and
 * the missing bytes are reported as a gap. Only framing: the lines' meaning is the consumer's.
 */
public final class StatsdDatagramDecoder implements DatagramHandler {
    private final DatagramLineConsumer out;

    public StatsdDatagramDecoder(DatagramLineConsumer out) { this.out = out; }

    @Override
    public void datagram(Endpoint src, Endpoint dst, byte[] buf, int off, int len, int missing, long timeNanos) {
        int end = off + len;
        int s = off;
        while (s < end) {
            int nl = s;
            while (nl < end && buf[nl] != '\n') nl++;
            if (nl == end && missing > 0) break;     // the snaplen cut this line
            if (nl > s) out.line(src, dst, buf, s, nl, timeNanos);
            s = nl + 1;
        }
        if (missing > 0) out.gap(src, dst, missing + (end - Math.min(s, end)), timeNanos);
    }
}
