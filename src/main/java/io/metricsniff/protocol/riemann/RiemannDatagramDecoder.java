package io.metricsniff.protocol.riemann;

import com.google.protobuf.InvalidProtocolBufferException;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.protocol.DatagramHandler;
import io.metricsniff.protocol.framing.FramePreview;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Problems;

/**
 * Riemann over UDP (riemann.transport.udp): one protobuf {@code Msg} per datagram, no length
 * prefix, nothing answered. A datagram Riemann cannot parse is undecodable as a whole; so is one
 * over its receive size, {@link #RIEMANN_MAX_DATAGRAM}, which Riemann reads cut and then fails to
 * parse. Events go to the consumer with no verdict. Stateless between datagrams.
 */
public final class RiemannDatagramDecoder implements DatagramHandler {
    /** udp-server's default :max-size: Riemann reads at most this much of a datagram. */
    public static final int RIEMANN_MAX_DATAGRAM = 16384;

    private final RiemannDatagramConsumer out;

    public RiemannDatagramDecoder(RiemannDatagramConsumer out) {
        this.out = out;
    }

    @Override
    public void datagram(Endpoint src, Endpoint dst, byte[] buf, int off, int len, int missing, long timeNanos) {
        if (missing > 0) { // the capture cut the datagram: what Riemann read is unknown
            out.gap(src, dst, missing, timeNanos);
            return;
        }
        Problem problem;
        if (len > RIEMANN_MAX_DATAGRAM) {
            problem = Problems.riemannBadProtobuf("the datagram is " + len + " bytes, over riemann's default"
                    + " UDP :max-size of " + RIEMANN_MAX_DATAGRAM, false);
        } else {
            try {
                RiemannMsg msg = RiemannMsgReader.check(buf, off, len);
                if (msg.isResponse() || msg.events() == 0) return; // no datapoints
                RiemannMsgReader.events(buf, off, len, e -> out.event(src, dst, e, timeNanos));
                return;
            } catch (InvalidProtocolBufferException ex) {
                problem = Problems.riemannBadProtobuf(ex.getMessage(), false);
            }
        }
        out.undecodable(src, dst, FramePreview.hex("riemann datagram", buf, off, len), problem, timeNanos);
    }
}
