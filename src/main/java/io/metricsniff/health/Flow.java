package io.metricsniff.health;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.reassembly.FlowKey;

/**
 * One TCP connection as its headers show it: the sender's highest sequence number and the receiver's
 * acknowledgements in one 64-bit offset space, the line ends in between, an open zero-window episode.
 */
final class Flow {
    enum State { SYN_SENT, OPEN, CLOSING }

    final FlowKey key;
    final boolean clientIsA;
    final Endpoint client, server;
    final HostHealth host;
    final long startNanos;
    final boolean sawStart;
    final LineEnds lineEnds;
    State state;
    long lastNanos, lastDataNanos;
    long sent = Long.MIN_VALUE;   // stream offset after the highest byte the sender wrote
    long acked = Long.MIN_VALUE;  // highest acknowledgement from the receiver
    long read = Long.MIN_VALUE;   // where the receiving application had read to, as its window shows
    int lastWindow = -1;
    long zeroSince = Long.MIN_VALUE;
    long zeroBytes, zeroLines;
    boolean zeroExact = true;
    boolean ended;                // counted as ended (short-connection check) once
    boolean clientFin, serverFin;

    Flow(FlowKey key, boolean clientIsA, Endpoint client, Endpoint server, HostHealth host, long t,
         boolean sawStart, int maxNewlines) {
        this.key = key;
        this.clientIsA = clientIsA;
        this.client = client;
        this.server = server;
        this.host = host;
        this.startNanos = t;
        this.lastNanos = t;
        this.lastDataNanos = t;
        this.sawStart = sawStart;
        this.state = sawStart ? State.SYN_SENT : State.OPEN;
        this.lineEnds = new LineEnds(maxNewlines);
    }

    /** A 32-bit sequence or acknowledgement number as an offset near {@code ref} (handles wrap-around). */
    static long unwrap(long ref, long seq32) {
        return ref + (int) (seq32 - ref);
    }

    /** Bytes written and not acknowledged. */
    long unackedBytes() {
        if (sent == Long.MIN_VALUE || acked == Long.MIN_VALUE) return 0;
        return Math.max(0, sent - acked);
    }

    /** Bytes written and not yet read by the receiving application (at most: see {@link #receiverAck}). */
    long unreadBytes() {
        if (sent == Long.MIN_VALUE || read == Long.MIN_VALUE) return 0;
        return Math.max(0, sent - read);
    }

    /**
     * The receiver acknowledged up to {@code a} with window {@code window}. A window that does not
     * shrink although new bytes arrived (or grows) means the application read them; a shrinking one
     * means they wait in its buffer (or were only partly read: the read point is a lower bound).
     */
    void receiverAck(long a, int window) {
        boolean advanced = acked == Long.MIN_VALUE || a > acked;
        if (advanced) acked = a;
        if (read == Long.MIN_VALUE || window >= lastWindow && (advanced || window > lastWindow)) {
            read = acked;
            lineEnds.readTo(read);
        }
        lastWindow = window;
    }
}
