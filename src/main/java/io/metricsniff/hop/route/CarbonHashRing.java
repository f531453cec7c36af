package io.metricsniff.hop.route;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * carbon's {@code ConsistentHashRing} (lib/carbon/hashing.py, 1.1.x): {@link #REPLICAS} positions
 * per node, a position already taken moves up by one (so node order matters), and
 * {@link #walk} yields nodes in the order of the generator {@code get_nodes}.
 */
final class CarbonHashRing {
    /** hashing.py ConsistentHashRing's replica_count default, which carbon's routers never change. */
    static final int REPLICAS = 100;

    /** The hash_type ROUTER_HASH_TYPE selects (routers.py: None means carbon_ch). */
    enum HashType { CARBON_CH, FNV1A_CH }

    /** A ring node as routers.py adds it: the tuple {@code (server, instance)}; instance may be null. */
    record Node(String server, String instance) { }

    private final HashType type;
    private final List<Node> nodes = new ArrayList<>();
    private int[] positions = new int[0];      // sorted
    private Node[] owners = new Node[0];       // owners[i] holds positions[i]

    CarbonHashRing(HashType type) { this.type = type; }

    /** hashing.py add_node: positions of "%s:%d" % (node, i) (carbon_ch) or "%d-%s" % (i, instance) (fnv1a_ch). */
    void add(Node node) {
        nodes.add(node);
        int n = positions.length;
        int[] pos = Arrays.copyOf(positions, n + REPLICAS);
        Node[] own = Arrays.copyOf(owners, n + REPLICAS);
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < n; i++) taken.add(pos[i]);
        for (int i = 0; i < REPLICAS; i++) {
            String key = type == HashType.FNV1A_CH
                    ? i + "-" + (node.instance() == null ? "None" : node.instance())
                    : tupleRepr(node) + ":" + i;
            int p = position(key.getBytes(StandardCharsets.UTF_8));
            while (taken.contains(p)) p++; // "while position in [r[0] for r in self.ring]: position += 1"
            taken.add(p);
            insertSorted(pos, own, n + i, p, node);
        }
        positions = pos;
        owners = own;
    }

    private static void insertSorted(int[] pos, Node[] own, int size, int p, Node node) {
        int at = Arrays.binarySearch(pos, 0, size, p);
        at = at < 0 ? -at - 1 : at; // positions are unique here: bisect.insort's place
        System.arraycopy(pos, at, pos, at + 1, size - at);
        System.arraycopy(own, at, own, at + 1, size - at);
        pos[at] = p;
        own[at] = node;
    }

    /** hashing.py carbonHash: the ring position of a key's UTF-8 bytes. */
    int position(byte[] key) {
        return type == HashType.FNV1A_CH
                ? RingHash.fold16(RingHash.fnv1a32Unsigned(key, key.length))
                : RingHash.md5Position(key, key.length);
    }

    int nodeCount() { return nodes.size(); }

    int[] positions() { return positions.clone(); }

    /**
     * hashing.py get_nodes, including its quirks: with one node it yields that node first and then
     * again from the walk; the walk stops one entry before where it began ({@code last_index}).
     */
    List<Node> walk(String key) {
        List<Node> out = new ArrayList<>();
        int len = positions.length;
        if (len == 0) return out;
        if (nodes.size() == 1) out.add(nodes.get(0));
        int p = position(key.getBytes(StandardCharsets.UTF_8));
        int index = RingHash.lowerBound(positions, p) % len;              // bisect_left(ring, (position, ())) % ring_len
        int last = Math.floorMod(index - 1, len);
        Set<Node> seen = new HashSet<>();
        while (seen.size() < nodes.size() && index != last) {
            Node n = owners[index];
            if (seen.add(n)) out.add(n);
            index = (index + 1) % len;
        }
        return out;
    }

    /** Python's str() of the tuple (server, instance): "('127.0.0.1', None)" or "('h', 'a')". */
    static String tupleRepr(Node node) {
        return "(" + strRepr(node.server()) + ", " + (node.instance() == null ? "None" : strRepr(node.instance())) + ")";
    }

    // Python's repr of a str as far as host names and instance names can need it: the quote it
    // picks, and backslash escapes for the quote and the backslash.
    private static String strRepr(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder().append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == q) b.append('\\');
            b.append(c);
        }
        return b.append(q).toString();
    }
}
