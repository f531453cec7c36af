package io.metricsniff.hop.route;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * carbon-c-relay 3.7's hash rings (consistent-hash.c): carbon_ch and fnv1a_ch with
 * {@link #REPLICAS} entries per server, jump_fnv1a_ch with one bucket per server.
 */
final class CRelayRing {
    /** consistent-hash.c HASH_REPLICAS (carbon's value, used for both ring types). */
    static final int REPLICAS = 100;

    enum Type { CARBON_CH, FNV1A_CH, JUMP_FNV1A_CH }

    private record Entry(int pos, CRelayServer server, int order) { }

    private final Type type;
    private final int[] pos;
    private final CRelayServer[] owner;
    private final CRelayServer[] buckets; // jump: servers in bucket order

    CRelayRing(Type type, List<CRelayServer> servers) {
        this.type = type;
        if (type == Type.JUMP_FNV1A_CH) {
            List<Entry> e = new ArrayList<>();
            for (int i = 0; i < servers.size(); i++) e.add(new Entry(i, servers.get(i), i));
            e.sort(CRelayRing::jumpOrder);
            buckets = e.stream().map(Entry::server).toArray(CRelayServer[]::new);
            pos = new int[0];
            owner = new CRelayServer[0];
            return;
        }
        buckets = null;
        List<Entry> entries = new ArrayList<>(servers.size() * REPLICAS);
        for (CRelayServer s : servers) {
            for (int i = 0; i < REPLICAS; i++) entries.add(new Entry(nodePosition(s, i), s, entries.size()));
        }
        // ch_addnode: qsort with entrycmp_carbon / entrycmp_fnv1a (glibc 2.36's qsort is a merge
        // sort, so full ties keep definition order, as List.sort does)
        entries.sort(type == Type.CARBON_CH ? CRelayRing::carbonOrder : CRelayRing::fnv1aOrder);
        pos = new int[entries.size()];
        owner = new CRelayServer[entries.size()];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = entries.get(i).pos();
            // "overwrite successive duplicates with the first entry"
            owner[i] = i > 0 && pos[i] == pos[i - 1] ? owner[i - 1] : entries.get(i).server();
        }
    }

    /** ch_addnode: the text hashed for replica i of a server. */
    private int nodePosition(CRelayServer s, int i) {
        if (type == Type.CARBON_CH) {
            String key = "('" + s.host() + "', " + (s.instance() == null ? "None" : "'" + s.instance() + "'") + "):" + i;
            byte[] b = bytes(key);
            return RingHash.md5Position(b, b.length);
        }
        String key = s.instance() == null ? i + "-" + s.host() + ":" + s.port() : i + "-" + s.instance();
        byte[] b = bytes(key);
        return RingHash.fold16(RingHash.fnv1a32Signed(b, b.length));
    }

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static int carbonOrder(Entry l, Entry r) {
        if (l.pos() != r.pos()) return l.pos() - r.pos();
        int d = l.server().host().compareTo(r.server().host());
        if (d != 0) return d;
        String il = l.server().instance(), ir = r.server().instance();
        if (il == null || ir == null) return il == ir ? 0 : il == null ? 1 : -1;
        return il.compareTo(ir);
    }

    private static int fnv1aOrder(Entry l, Entry r) {
        if (l.pos() != r.pos()) return l.pos() - r.pos();
        int d = l.server().host().compareTo(r.server().host());
        return d != 0 ? d : l.server().port() - r.server().port();
    }

    // entrycmp_jump_fnv1a: servers with an instance first (numerically when both are numbers),
    // the rest in definition order
    private static int jumpOrder(Entry l, Entry r) {
        String il = l.server().instance(), ir = r.server().instance();
        if (il == null && ir == null) return l.pos() - r.pos();
        if (il == null) return 1;
        if (ir == null) return -1;
        Long nl = strtol(il), nr = strtol(ir);
        if (nl != null && nr != null) return (int) (nl - nr);
        return il.compareTo(ir);
    }

    private static Long strtol(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** ch_get_nodes: {@code replicas} distinct servers for the routing key (the name before ';'). */
    List<CRelayServer> nodes(byte[] key, int len, int replicas) {
        List<CRelayServer> out = new ArrayList<>(replicas);
        if (type == Type.JUMP_FNV1A_CH) {
            CRelayServer[] left = buckets.clone();
            int n = left.length;
            long hash = RingHash.fnv1a64Signed(key, len);
            while (n > 0) {
                int j = RingHash.jumpBucket(hash, n);
                out.add(left[j]);
                if (out.size() == replicas) break;
                hash = RingHash.xorshift(hash);
                left[j] = left[--n]; // the chosen server leaves the list
            }
            return out;
        }
        int p = type == Type.CARBON_CH ? RingHash.md5Position(key, len) : RingHash.fold16(RingHash.fnv1a32Signed(key, len));
        // ch_get_nodes' own binary search stops at any entry equal to p, not the first; equal
        // positions all carry the first one's server (see the constructor), so it comes to the same
        int t = RingHash.lowerBound(pos, p);
        for (int seen = 0; out.size() < replicas && seen < pos.length; seen++, t++) {
            if (t >= pos.length) t = 0;
            if (!out.contains(owner[t])) out.add(owner[t]);
        }
        return out;
    }

    /** The sorted ring, {@code pos@server} per entry, for tests and messages. */
    List<String> dump() {
        if (type == Type.JUMP_FNV1A_CH) return Arrays.stream(buckets).map(CRelayServer::toString).toList();
        List<String> out = new ArrayList<>(pos.length);
        for (int i = 0; i < pos.length; i++) out.add(pos[i] + "@" + owner[i]);
        return out;
    }
}
