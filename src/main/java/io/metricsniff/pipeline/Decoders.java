package io.metricsniff.pipeline;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.protocol.DatagramHandler;
import io.metricsniff.protocol.framing.FramingLimits;
import io.metricsniff.protocol.graphite.GraphiteDatagramDecoder;
import io.metricsniff.protocol.graphite.PlaintextStreamDecoder;
import io.metricsniff.protocol.pickle.PickleStreamDecoder;
import io.metricsniff.protocol.riemann.RiemannDatagramDecoder;
import io.metricsniff.protocol.riemann.RiemannStats;
import io.metricsniff.protocol.riemann.RiemannStreamDecoder;
import io.metricsniff.protocol.statsd.StatsdDatagramDecoder;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.RecordSink;
import io.metricsniff.reassembly.StreamHandler;
import io.metricsniff.reassembly.StreamHandlerFactory;
import io.metricsniff.verdict.Judge;
import io.metricsniff.verdict.JudgedDatagramLines;
import io.metricsniff.verdict.JudgedRiemannDatagrams;
import io.metricsniff.verdict.StatsdLines;

/**
 * Chooses the protocol decoder for each TCP direction and UDP datagram: by the receiver's port
 * ({@code --protocol auto}) or the one the user forced.
 */
public final class Decoders implements StreamHandlerFactory {
    private final Protocol forced; // AUTO: by port
    private final FramingLimits limits;
    private final StreamConsumers consumers;
    private final RecordSink sink;
    private final DatagramHandler statsd;
    private final DatagramHandler graphiteUdp;
    private final DatagramHandler riemannUdp;
    private final RiemannStats riemannStats = new RiemannStats();
    private boolean sniffUnknown;
    private long unknownStreams;
    private Endpoint firstUnknown;

    /** The usual wiring: default limits, every record judged. */
    public Decoders(Protocol choice, Judge judge, RecordSink sink) {
        this(choice, FramingLimits.DEFAULTS, StreamConsumers.judged(judge, sink), judge, sink);
    }

    /**
     * @param consumers where TCP framers hand lines and datapoints (judging or not)
     * @param judge     judges UDP datagrams (their decoders still judge inline)
     * @param sink      gets UDP records and {@link #finish}
     */
    public Decoders(Protocol choice, FramingLimits limits, StreamConsumers consumers, Judge judge, RecordSink sink) {
        this.forced = choice;
        this.limits = limits;
        this.consumers = consumers;
        this.sink = sink;
        this.statsd = new StatsdDatagramDecoder(new StatsdLines(judge, sink));
        this.graphiteUdp = new GraphiteDatagramDecoder(new JudgedDatagramLines(judge, sink));
        this.riemannUdp = new RiemannDatagramDecoder(new JudgedRiemannDatagrams(judge, sink));
    }

    /**
     * Read streams to ports auto does not know by their first bytes (plaintext or pickle): a
     * relay's destinations, when hops are followed.
     */
    public Decoders sniffUnknownPorts(boolean on) { this.sniffUnknown = on; return this; }

    /** The protocol spoken towards {@code dstPort}; null when auto finds no metric port. */
    private Protocol protocolFor(int dstPort) {
        return forced == Protocol.AUTO ? Protocol.forPort(dstPort) : forced;
    }

    @Override public StreamHandler open(Endpoint src, Endpoint dst, boolean midstream, long timeNanos) {
        Protocol p = protocolFor(dst.port());
        if (p == null && sniffUnknown && Protocol.forPort(src.port()) == null) {
            return new StreamSniffer(src, dst, midstream, limits, consumers);
        }
        if (p == null) {
            // carbon's side of a metric connection carries nothing to read; anything else is a
            // stream auto could not place, which the run tells about at the end
            if (Protocol.forPort(src.port()) == null) unknown(dst);
            return null;
        }
        switch (p) {
            case GRAPHITE: return PlaintextStreamDecoder.open(midstream, limits, consumers.lines(src, dst));
            case PICKLE: return new PickleStreamDecoder(midstream, limits, consumers.datapoints(src, dst));
            case RIEMANN: return new RiemannStreamDecoder(midstream, riemannStats, consumers.riemann(src, dst));
            default: return null; // StatsD over TCP is not read
        }
    }

    /** The handler for a UDP datagram, or null when it is not metric traffic. */
    public DatagramHandler forDatagram(Endpoint dst) {
        Protocol p = protocolFor(dst.port());
        if (p == Protocol.STATSD) return statsd;
        if (p == Protocol.GRAPHITE) return graphiteUdp;
        if (p == Protocol.RIEMANN) return riemannUdp;
        unknown(dst);
        return null;
    }

    /** No more records will come: tells the sinks (the UI shows its final state). */
    public void finish() { sink.finish(); }

    private void unknown(Endpoint dst) {
        unknownStreams++;
        if (firstUnknown == null) firstUnknown = dst;
    }

    /** TCP directions and UDP datagrams sent to a port that {@code --protocol auto} does not map. */
    public long unknownStreams() { return unknownStreams; }

    /** The Riemann TCP directions' counts (answers, queries, frames not decoded). */
    public RiemannStats riemannStats() { return riemannStats; }

    /** The first such destination, for the hint; null when none. */
    public Endpoint firstUnknown() { return firstUnknown; }
}
