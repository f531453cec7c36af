package io.metricsniff.health;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.decode.Packet;
import io.metricsniff.pipeline.SegmentObserver;
import io.metricsniff.reassembly.FlowKey;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connection health from TCP headers alone, per flow and per sender host: refused connects, resets and
 * the lines they destroyed, zero windows, retransmissions, reconnect storms. Runs on the processing
 * thread before reassembly; time is capture time, so state expires the same way live and in replay.
 */
public final class ConnectionHealth implements SegmentObserver {
    /** How often (capture time) idle flows and hosts are looked for. */
    private static final long EXPIRE_EVERY_NANOS = 1_000_000_000L;

    private final HealthLimits limits;
    private final FlowKey probe = new FlowKey();
    private final LinkedHashMap<FlowKey, Flow> flows = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, HostHealth> hosts = new LinkedHashMap<>(16, 0.75f, true);
    private final long[] totals = new long[HealthCount.SIZE];
    private final Map<HealthEvent.Kind, ArrayDeque<HealthEvent>> events = new EnumMap<>(HealthEvent.Kind.class);
    private long evictedFlows, evictedHosts, nowNanos;
    private long nextExpiryNanos = Long.MIN_VALUE;
    private volatile HealthSnapshot latest;

    public ConnectionHealth(HealthLimits limits) { this.limits = limits; }

    @Override public void tcpSegment(Packet pkt, long t) {
        if (t > nowNanos) nowNanos = t;
        boolean srcIsA = probe.set(pkt);
        Flow f = flows.get(probe);
        if (pkt.has(Packet.SYN) && !pkt.has(Packet.ACK)) {
            f = connect(f, pkt, srcIsA, t);
        } else if (f == null && pkt.payloadLength + pkt.payloadMissing > 0 && !pkt.has(Packet.RST)) {
            f = midstream(pkt, srcIsA, t);
        }
        if (f != null) {
            f.lastNanos = t;
            f.host.lastNanos = t;
            if (srcIsA == f.clientIsA) fromClient(f, pkt, t);
            else fromServer(f, pkt, t);
        }
        if (t >= nextExpiryNanos) {
            expire(t);
            latest = snapshot();
            nextExpiryNanos = t + EXPIRE_EVERY_NANOS;
        }
    }

    private Flow connect(Flow f, Packet pkt, boolean srcIsA, long t) {
        if (f != null) {
            if (f.state == Flow.State.SYN_SENT && f.clientIsA == srcIsA) return f; // SYN sent again
            end(f, t);
            remove(f);
        }
        Flow n = open(pkt, srcIsA, srcIsA, t, true);
        n.sent = pkt.seq + 1; // the SYN takes one sequence number
        count(n.host, HealthCount.CONNECTS, 1);
        return n;
    }

    /**
     * A connection that began before the capture (or a reply after both FINs: those carry no payload and
     * open nothing): the side sending payload is the client.
     */
    private Flow midstream(Packet pkt, boolean srcIsA, long t) {
        return open(pkt, srcIsA, srcIsA, t, false);
    }

    private Flow open(Packet pkt, boolean srcIsA, boolean clientIsA, long t, boolean sawStart) {
        if (flows.size() >= limits.maxFlows()) {
            remove(flows.values().iterator().next());
            evictedFlows++;
        }
        boolean srcIsClient = srcIsA == clientIsA;
        Endpoint client = srcIsClient ? pkt.src() : pkt.dst();
        Endpoint server = srcIsClient ? pkt.dst() : pkt.src();
        Flow f = new Flow(probe.copy(), clientIsA, client, server, host(client.host()), t, sawStart,
                limits.maxNewlinesPerFlow());
        f.host.openFlows++;
        flows.put(f.key, f);
        return f;
    }

    private HostHealth host(String name) {
        HostHealth h = hosts.get(name);
        if (h == null) {
            if (hosts.size() >= limits.maxHosts()) {
                Iterator<HostHealth> eldest = hosts.values().iterator();
                eldest.next();
                eldest.remove();
                evictedHosts++;
            }
            h = new HostHealth(name, limits.stormMinConnects());
            hosts.put(name, h);
        }
        return h;
    }

    private void fromClient(Flow f, Packet pkt, long t) {
        if (pkt.has(Packet.RST)) {
            reset(f, t);
            return;
        }
        if (pkt.payloadLength + pkt.payloadMissing > 0) data(f, pkt, t);
        if (pkt.has(Packet.FIN)) fin(f, t, true);
    }

    private void data(Flow f, Packet pkt, long t) {
        long start = f.sent == Long.MIN_VALUE ? pkt.seq : Flow.unwrap(f.sent, pkt.seq);
        long end = start + pkt.payloadLength + pkt.payloadMissing;
        count(f.host, HealthCount.DATA_SEGMENTS, 1);
        if (f.sent != Long.MIN_VALUE && start < f.sent) count(f.host, HealthCount.RETRANSMITS, 1);
        long from = f.sent == Long.MIN_VALUE ? start : Math.max(start, f.sent);
        if (end > from) {
            int skip = (int) (from - start);
            if (skip < pkt.payloadLength) {
                f.lineEnds.scan(pkt.buf, pkt.payloadOffset + skip, pkt.payloadLength - skip, from);
            }
            f.sent = end;
        }
        f.lastDataNanos = t;
        if (f.zeroSince != Long.MIN_VALUE) noteWaiting(f);
    }

    private void fromServer(Flow f, Packet pkt, long t) {
        if (pkt.has(Packet.RST)) {
            if (f.state == Flow.State.SYN_SENT) refused(f, t);
            else reset(f, t);
            return;
        }
        if (pkt.has(Packet.SYN)) {
            if (f.state == Flow.State.SYN_SENT) f.state = Flow.State.OPEN;
        }
        if (pkt.has(Packet.ACK)) f.receiverAck(Flow.unwrap(f.sent == Long.MIN_VALUE ? pkt.ack : f.sent, pkt.ack), pkt.window);
        if (!pkt.has(Packet.SYN)) window(f, pkt.window, t);
        if (pkt.has(Packet.FIN)) fin(f, t, false);
    }

    private void window(Flow f, int window, long t) {
        if (window == 0) {
            if (f.zeroSince == Long.MIN_VALUE) {
                f.zeroSince = t;
                f.zeroBytes = 0;
                f.zeroLines = 0;
                f.zeroExact = true;
                count(f.host, HealthCount.ZERO_WINDOWS, 1);
            }
            noteWaiting(f);
        } else if (f.zeroSince != Long.MIN_VALUE) {
            zeroEnd(f, t);
        }
    }

    /** The most the wire shows waiting (written, not read) during the current zero window. */
    private static void noteWaiting(Flow f) {
        f.zeroBytes = Math.max(f.zeroBytes, f.unreadBytes());
        long lines = f.lineEnds.countFrom(f.read);
        if (lines >= f.zeroLines) {
            f.zeroLines = lines;
            f.zeroExact = f.lineEnds.exactFrom(f.read);
        }
    }

    private void zeroEnd(Flow f, long t) {
        long d = t - f.zeroSince;
        count(f.host, HealthCount.ZERO_WINDOW_MS, d / 1_000_000);
        event(new HealthEvent(HealthEvent.Kind.ZERO_WINDOW, f.zeroSince, f.client, f.server, d,
                f.zeroBytes, f.zeroLines, f.zeroExact));
        f.zeroSince = Long.MIN_VALUE;
    }

    private void fin(Flow f, long t, boolean fromClient) {
        if (fromClient) f.clientFin = true;
        else f.serverFin = true;
        f.state = Flow.State.CLOSING;
        end(f, t);
        if (f.clientFin && f.serverFin) remove(f);
    }

    private void refused(Flow f, long t) {
        count(f.host, HealthCount.REFUSED, 1);
        event(new HealthEvent(HealthEvent.Kind.REFUSED, t, f.client, f.server, t - f.startNanos, 0, 0, true));
        end(f, t);
        remove(f);
    }

    /** An RST: whatever the sender wrote and the receiver never acknowledged is gone. */
    private void reset(Flow f, long t) {
        count(f.host, HealthCount.RESETS, 1);
        long lost = f.unackedBytes();
        if (lost > 0) {
            long lines = f.lineEnds.countFrom(f.acked);
            count(f.host, HealthCount.LOST_BYTES, lost);
            count(f.host, HealthCount.LOST_LINES, lines);
            event(new HealthEvent(HealthEvent.Kind.RESET_LOSS, t, f.client, f.server, t - f.startNanos, lost,
                    lines, f.lineEnds.exactFrom(f.acked)));
        }
        end(f, t);
        remove(f);
    }

    /** The connection is over (once): short ones feed the storm detector; an open zero window closes. */
    private void end(Flow f, long t) {
        if (f.zeroSince != Long.MIN_VALUE) zeroEnd(f, t);
        if (f.ended) return;
        f.ended = true;
        if (!f.sawStart || t - f.startNanos >= limits.shortConnectionNanos()) return;
        count(f.host, HealthCount.SHORT_CONNECTIONS, 1);
        if (f.host.shortEnd(t, limits.stormWindowNanos())) {
            count(f.host, HealthCount.STORMS, 1);
            event(new HealthEvent(HealthEvent.Kind.STORM, f.host.stormStartNanos, f.client, f.server,
                    t - f.host.stormStartNanos, 0, limits.stormMinConnects(), true));
        }
    }

    private void remove(Flow f) {
        if (flows.remove(f.key) != null) f.host.openFlows--;
    }

    private void count(HostHealth h, HealthCount c, long n) {
        h.counts[c.ordinal()] += n;
        totals[c.ordinal()] += n;
    }

    /** Keeps the latest episodes of each kind, so a loop of refused connects hides no loss. */
    private void event(HealthEvent e) {
        if (limits.maxEpisodesKept() == 0) return;
        ArrayDeque<HealthEvent> kept = events.computeIfAbsent(e.kind(), k -> new ArrayDeque<>());
        if (kept.size() >= limits.maxEpisodesKept()) kept.removeFirst();
        kept.addLast(e);
    }

    /** Forgets flows and hosts gone idle (capture time). */
    public void expire(long t) {
        for (Iterator<Flow> it = flows.values().iterator(); it.hasNext(); ) {
            Flow f = it.next();
            if (t - f.lastNanos < limits.flowIdleNanos()) break; // access order: the rest are fresher
            if (f.zeroSince != Long.MIN_VALUE) zeroEnd(f, f.lastNanos);
            it.remove();
            f.host.openFlows--;
        }
        hosts.values().removeIf(h -> h.openFlows <= 0 && t - h.lastNanos >= limits.hostIdleNanos());
    }

    /** Counts so far, per host and in total, and the latest episodes; processing thread only. */
    public HealthSnapshot snapshot() {
        List<HealthEvent> all = new ArrayList<>();
        events.values().forEach(all::addAll);
        all.sort(Comparator.comparingLong(HealthEvent::timeNanos));
        return HealthSnapshot.of(nowNanos, limits, totals, flows.values(), hosts.values(), all,
                evictedFlows, evictedHosts);
    }

    /** Refreshes {@link #latest()} now (the end of a capture); processing thread only. */
    public void publish() { latest = snapshot(); }

    /** For other threads (the UI): the snapshot taken at most a second of capture time ago, or null. */
    public HealthSnapshot latest() { return latest; }

    int flowsTracked() { return flows.size(); }

    int hostsTracked() { return hosts.size(); }
}
