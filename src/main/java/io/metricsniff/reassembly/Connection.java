package io.metricsniff.reassembly;

import io.metricsniff.decode.Endpoint;

/** A TCP connection in the flow table: its key, its two directions and when it last saw a packet. */
final class Connection {
    final FlowKey key;
    /** Side A (the smaller endpoint of the key) to side B, and back. */
    final HalfStream ab, ba;
    long lastSeen;
    /** Packets seen, for the ACK grace of each direction ({@link AckGrace}). */
    long packets;
    /** Capture time both directions had ended. */
    long closedAt;
    /** Not both directions ended yet (counted in the active flows). */
    boolean open = true;

    Connection(FlowKey key, Endpoint a, Endpoint b, long now, StreamHandlerFactory factory,
               ReassemblyLimits limits, ReassemblyStats stats) {
        this.key = key;
        this.ab = new HalfStream(a, b, factory, limits, stats);
        this.ba = new HalfStream(b, a, factory, limits, stats);
        this.lastSeen = now;
    }

    boolean bothEnded() {
        return ab.state() == OrderedStream.State.ENDED && ba.state() == OrderedStream.State.ENDED;
    }
}
