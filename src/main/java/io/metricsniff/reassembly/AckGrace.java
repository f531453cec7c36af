package io.metricsniff.reassembly;

/**
 * What the peer acknowledged of one direction, and the grace before an ACK past a hole is believed.
 * An ACK past a hole means the receiver has bytes the capture lacks, and they will not be sent
 * again; but the capture may merely show the ACK before its data (reordering). So the hole is given
 * up only once the stream made no progress for {@link #ACK_GRACE_PACKETS} packets of the connection.
 */
final class AckGrace {
    /**
     * Packets of a connection during which an ACK may run ahead of the data it acknowledges
     * (capture reordering) before the hole it passes is taken as lost by the capture.
     */
    static final int ACK_GRACE_PACKETS = 32;

    private boolean seen;
    private int last;
    /** An ACK past the stream position waits for its grace to run out. */
    boolean pending;
    /** The furthest stream offset acknowledged while pending. */
    long target;
    private long progressAbs;
    private long sincePacket;

    /** The peer acknowledged everything before {@code ack}. */
    void acked(int ack) {
        seen = true;
        last = ack;
    }

    /** A keep-alive: at most one old byte, just before what the peer already acknowledged. */
    boolean isKeepAlive(int seq, int bytes) {
        return bytes <= 1 && seen && seq == last - 1;
    }

    /** The ACK reaches {@code targetAbs}, past the stream position {@code pos}. */
    void ahead(long targetAbs, long pos, long packets) {
        if (!pending) {
            pending = true;
            target = targetAbs;
            progressAbs = pos;
            sincePacket = packets;
        } else if (targetAbs > target) {
            target = targetAbs;
        }
    }

    /**
     * After a packet of the connection, with the stream at {@code pos}.
     *
     * @return true when the grace ran out: the holes before {@link #target} are to be given up
     */
    boolean expired(long pos, long packets) {
        if (pos != progressAbs) { // data is still arriving: give it time
            progressAbs = pos;
            sincePacket = packets;
            return false;
        }
        if (packets - sincePacket < ACK_GRACE_PACKETS) return false;
        pending = false;
        return true;
    }
}
