package io.metricsniff.protocol.riemann;

import com.google.protobuf.InvalidProtocolBufferException;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.protocol.DatagramHandler;
import io.metricsniff.record.Problem;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Transport;
import io.metricsniff.verdict.Judge;
import io.metricsniff.verdict.Problems;

/**
 * Riemann over UDP (riemann.transport.udp): one protobuf {@code Msg} per datagram, no length
 * prefix, nothing answered. A datagram Riemann cannot parse is dropped whole (one malformed
 * record); so is one over its receive size, {@link #RIEMANN_MAX_DATAGRAM}, which Riemann reads
 * cut and then fails to parse. Stateless between datagrams.
 */
public final class RiemannDatagramDecoder implements DatagramHandler {
    /** udp-server's default :max-size: Riemann reads at most this much of a datagram. */
    public static final int RIEMANN_MAX_DATAGRAM = 16384;

    private final RiemannRecords records;
    private long snaplenCut;

    public RiemannDatagramDecoder(Judge judge, RecordSink sink) {
        this.records = new RiemannRecords(judge, sink);
    }

    @Override
    public void datagram(Endpoint src, Endpoint dst, byte[] buf, int off, int len, int missing, long timeNanos) {
        if (missing > 0) { // the capture cut the datagram: what Riemann read is unknown
            snaplenCut++;
            return;
        }
        Problem problem = null;
        if (len > RIEMANN_MAX_DATAGRAM) {
            problem = Problems.riemannBadProtobuf("the datagram is " + len + " bytes, over riemann's default"
                    + " UDP :max-size of " + RIEMANN_MAX_DATAGRAM, false);
        } else {
            try {
                RiemannMsg msg = RiemannMsgReader.check(buf, off, len);
                if (msg.isResponse() || msg.events() == 0) return; // no datapoints
                RiemannMsgReader.events(buf, off, len, e -> records.event(e, timeNanos, src, dst, Transport.UDP));
                return;
            } catch (InvalidProtocolBufferException ex) {
                problem = Problems.riemannBadProtobuf(ex.getMessage(), false);
            }
        }
        records.bad(timeNanos, src, dst, Transport.UDP, RiemannRecords.preview("riemann datagram", buf, off, len), problem);
    }

    /** Datagrams the capture's snaplen cut, not decoded. */
    public long snaplenCutDatagrams() { return snaplenCut; }
}
