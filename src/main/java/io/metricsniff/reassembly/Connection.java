package io.metricsniff.reassembly;

import io.metricsniff.decode.Endpoint;

/** A TCP connection in the flow table: its key, its two directions and when it last saw a packet. */
final class Connection {
    final FlowKey key;
    /** Side A (the smaller endpoint of the key) to side B, and back. */
    final HalfStream ab, ba;
    long lastSeen;
    /** Packets seen, for the ACK grace of {@link HalfStream#checkAck}. */
    long packets;
    /** Capture time both directions had ended. */
    long closedAt;
    /** Not both directions ended yet (counted in the active flows). */
    boolean open = true;

    Connection(TcpReassembler r, FlowKey key, Endpoint a, Endpoint b, long now) {
        this.key = key;
        this.ab = new HalfStream(r, this, a, b);
        this.ba = new HalfStream(r, this, b, a);
        this.lastSeen = now;
    }

    boolean bothEnded() {
        return ab.state == HalfStream.ENDED && ba.state == HalfStream.ENDED;
    }
}
