package io.metricsniff.pipeline;

import io.metricsniff.anomaly.Anomalies;
import io.metricsniff.anomaly.Anomaly;
import io.metricsniff.capture.PacketSink;
import io.metricsniff.decode.DecodeResult;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.decode.Packet;
import io.metricsniff.decode.PacketDecoder;
import io.metricsniff.protocol.DatagramHandler;
import io.metricsniff.reassembly.ReassemblyLimits;
import io.metricsniff.reassembly.TcpReassembler;

import java.util.HashSet;
import java.util.Set;

/**
 * The processing side of a capture: decode each packet, feed TCP into reassembly and UDP
 * datagrams to their decoder. Runs on one thread; everything downstream is called from here.
 */
public final class Pipeline implements PacketSink {
    /** How often (capture time) idle TCP flows are looked for. */
    private static final long EXPIRY_EVERY_NANOS = 1_000_000_000L;
    /** UDP flows remembered for the flow count; past this they are no longer told apart. */
    private static final int MAX_UDP_FLOWS_TRACKED = 65_536;

    private final int linkType;
    private final Decoders decoders;
    private final PacketSink tee;  // -O writer, or null
    private final PacketDecoder decoder = new PacketDecoder();
    private final Packet pkt = new Packet();
    private final TcpReassembler reassembler;
    private final Counters counters = new Counters();
    private final Anomalies anomalies = new Anomalies();
    private final Set<UdpFlow> udpFlows = new HashSet<>();
    private long lastTimeNanos;
    private long nextExpiryNanos = Long.MIN_VALUE;
    private SegmentObserver observer = SegmentObserver.NONE;
    private SegmentFilter exclude = SegmentFilter.NONE;

    public Pipeline(int linkType, Decoders decoders, ReassemblyLimits limits, PacketSink tee) {
        this.linkType = linkType;
        this.decoders = decoders;
        this.tee = tee;
        this.reassembler = new TcpReassembler(decoders, limits);
        anomalies.source(Anomaly.OVERLAP_CONFLICTS, reassembler.stats()::overlapConflicts)
                .source(Anomaly.EVICTED_FLOWS, reassembler.stats()::evictions)
                .source(Anomaly.FLOW_BUFFER_LIMIT, reassembler.stats()::bufferLimitHits)
                .source(Anomaly.TOTAL_BUFFER_LIMIT, reassembler.stats()::totalBufferLimitHits)
                .source(Anomaly.OUT_OF_WINDOW, reassembler.stats()::outOfWindowSegments)
                .source(Anomaly.AFTER_FIN_BYTES, reassembler.stats()::afterFinBytes)
                .source(Anomaly.UNKNOWN_STREAMS, decoders::unknownStreams)
                .source(Anomaly.RIEMANN_OVERSIZED_FRAMES, () -> decoders.riemannStats().oversizedFrames());
    }

    /** Adds an observer of every decoded TCP segment before reassembly (connection health, hop causes). */
    public Pipeline observe(SegmentObserver o) {
        observer = SegmentObserver.both(observer == SegmentObserver.NONE ? null : observer, o);
        return this;
    }

    /** Leaves matching TCP segments out of everything (they still count as packets). */
    public void exclude(SegmentFilter f) { this.exclude = f == null ? SegmentFilter.NONE : f; }

    public Counters counters() { return counters; }
    /** The run's anomaly channel: this pipeline's stages report into it; the session adds its own. */
    public Anomalies anomalies() { return anomalies; }
    public TcpReassembler reassembler() { return reassembler; }
    public Decoders decoders() { return decoders; }

    /** TCP connections and UDP flows seen so far. */
    public long flows() { return reassembler.connections() + counters.udpFlows(); }

    @Override public void packet(long timeNanos, byte[] data, int capLength, int origLength) {
        counters.packets++;
        counters.bytes += Math.max(origLength, capLength); // a record claiming fewer wire bytes than captured still had these
        if (timeNanos > lastTimeNanos) lastTimeNanos = timeNanos;
        if (tee != null) tee.packet(timeNanos, data, capLength, origLength);

        DecodeResult result = decoder.decode(linkType, data, capLength, origLength, pkt);
        switch (result) {
            case OK:
                if (pkt.protocol == Packet.TCP) {
                    if (exclude.excludes(pkt)) break;
                    observer.tcpSegment(pkt, timeNanos);
                    reassembler.segment(pkt, timeNanos);
                }
                else udp(timeNanos);
                break;
            case TRUNCATED: anomalies.count(Anomaly.TRUNCATED_PACKETS); break;
            case CORRUPT: anomalies.count(Anomaly.CORRUPT_PACKETS); break;
            default: anomalies.count(Anomaly.IGNORED_PACKETS); break;
        }
        if (timeNanos >= nextExpiryNanos) {
            reassembler.expireIdle(timeNanos);
            nextExpiryNanos = timeNanos + EXPIRY_EVERY_NANOS;
        }
    }

    private void udp(long timeNanos) {
        var dst = pkt.dst();
        DatagramHandler h = decoders.forDatagram(dst);
        if (h == null) {
            anomalies.count(Anomaly.IGNORED_PACKETS);
            return;
        }
        var src = pkt.src();
        if (udpFlows.size() < MAX_UDP_FLOWS_TRACKED && udpFlows.add(new UdpFlow(src, dst))) counters.udpFlows++;
        h.datagram(src, dst, pkt.buf, pkt.payloadOffset, pkt.payloadLength, pkt.payloadMissing, timeNanos);
    }

    private record UdpFlow(Endpoint src, Endpoint dst) { }

    /** The capture is over: close every stream so that pending partial lines are reported. */
    public void finish() {
        reassembler.finish(lastTimeNanos);
        decoders.finish();
    }
}
