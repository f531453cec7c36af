package io.metricsniff.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A Graphite path glob, matched the way graphite-web's standard finder walks the whisper tree:
 * backslashes are dropped, the pattern is split on '.', and each node is brace-expanded
 * ({@code {a,b}}, nested too) and then matched with Python's fnmatch: {@code *} any run of
 * characters, {@code ?} one character, {@code [abc]}, {@code [a-z]}, {@code [!abc]} (negation is
 * '!', a leading ']' is a member, a '[' without a closing ']' is literal). Case-sensitive, as on
 * Linux. A node that is exactly {@code **} spans nodes: zero or more in the middle of a pattern,
 * one or more at its end. Since nodes are matched separately, {@code *} never crosses a '.'.
 *
 * <p>Compiled once; {@link #matches} allocates nothing and uses no regex.
 */
public final class GraphiteGlob {
    /** Brace expansion multiplies; a pattern beyond this is a mistake, not a query. */
    public static final int MAX_ALTERNATIVES_PER_NODE = 1024;
    /** Longer globs are not metric names anybody types. */
    public static final int MAX_GLOB_LENGTH = 4096;

    // Node program ops: a char >= 0 is a literal; these negative codes are wildcards.
    private static final int ANY_RUN = -1;   // *
    private static final int ANY_ONE = -2;   // ?
    private static final int CLASS = -3;     // [...]: index into Alt.classes follows

    /** One brace alternative of one node, as a tiny program. */
    private static final class Alt {
        final int[] ops;          // literal chars (>= 0) or ANY_RUN / ANY_ONE / CLASS,index
        final CharClass[] classes;
        final boolean anyNode;     // the whole alternative is '*': every node matches
        Alt(int[] ops, CharClass[] classes) {
            this.ops = ops;
            this.classes = classes;
            this.anyNode = ops.length == 1 && ops[0] == ANY_RUN;
        }
    }

    private record CharClass(boolean negated, char[] lo, char[] hi) {
        boolean contains(char c) {
            boolean in = false;
            for (int i = 0; i < lo.length; i++) {
                if (c >= lo[i] && c <= hi[i]) { in = true; break; }
            }
            return in != negated;
        }
    }

    private final String glob;
    private final Alt[][] nodes;       // per node its alternatives; null entry = '**'
    private final boolean hasGlobstar;

    private GraphiteGlob(String glob, Alt[][] nodes, boolean hasGlobstar) {
        this.glob = glob;
        this.nodes = nodes;
        this.hasGlobstar = hasGlobstar;
    }

    /** Compiles a glob; IllegalArgumentException (one line) for an empty or absurd one. */
    public static GraphiteGlob compile(String glob) {
        if (glob == null || glob.isEmpty()) throw new IllegalArgumentException("empty --expect glob");
        if (glob.length() > MAX_GLOB_LENGTH) {
            throw new IllegalArgumentException("--expect glob longer than " + MAX_GLOB_LENGTH + " characters");
        }
        String clean = glob.replace("\\", ""); // graphite-web removes every backslash before matching
        List<String> parts = splitDots(clean);
        Alt[][] nodes = new Alt[parts.size()][];
        boolean globstar = false;
        for (int i = 0; i < parts.size(); i++) {
            String node = parts.get(i);
            if (node.equals("**")) { nodes[i] = null; globstar = true; continue; }
            List<String> variants = new ArrayList<>(expandBraces(node));
            Alt[] alts = new Alt[variants.size()];
            for (int j = 0; j < alts.length; j++) alts[j] = compileNode(variants.get(j));
            nodes[i] = alts;
        }
        return new GraphiteGlob(glob, nodes, globstar);
    }

    public String glob() { return glob; }

    @Override public String toString() { return glob; }

    /** Whether the whole metric path matches. */
    public boolean matches(String path) {
        return match(path, false);
    }

    /**
     * Whether the glob matches the path's leading nodes, as a filter does: {@code lab.*} matches
     * everything under {@code lab}, {@code lab.*.ok} also {@code lab.mix.ok.int}. Nodes still match
     * whole: {@code la} is not a prefix of {@code lab.mix}.
     */
    public boolean matchesPrefixOf(String path) {
        return match(path, true);
    }

    private boolean match(String path, boolean prefix) {
        if (path == null) return false;
        if (!hasGlobstar) {
            int pos = 0;
            int n = path.length();
            for (int i = 0; i < nodes.length; i++) {
                if (pos > n) return false;               // fewer nodes than the glob
                int end = path.indexOf('.', pos);
                if (end < 0) end = n;
                if (!matchNode(nodes[i], path, pos, end)) return false;
                pos = end + 1;
            }
            return prefix || pos == n + 1;                // and no nodes left over, unless a prefix
        }
        return matchFrom(0, path, 0, prefix);
    }

    // Node-by-node with backtracking over '**' (rare; depth bounded by the glob's node count).
    private boolean matchFrom(int ni, String path, int pos, boolean prefix) {
        int n = path.length();
        if (ni == nodes.length) return prefix || pos == n + 1;
        if (pos > n) return false;
        if (nodes[ni] == null) {
            boolean last = ni == nodes.length - 1;
            if (last) return true;                        // '**' at the end: one or more nodes (pos <= n)
            // zero nodes, then every later node boundary
            if (matchFrom(ni + 1, path, pos, prefix)) return true;
            int p = pos;
            while (true) {
                int end = path.indexOf('.', p);
                if (end < 0) return false;
                if (matchFrom(ni + 1, path, end + 1, prefix)) return true;
                p = end + 1;
            }
        }
        int end = path.indexOf('.', pos);
        if (end < 0) end = n;
        return matchNode(nodes[ni], path, pos, end) && matchFrom(ni + 1, path, end + 1, prefix);
    }

    private static boolean matchNode(Alt[] alts, String s, int from, int to) {
        for (Alt a : alts) {
            if (a.anyNode || matchAlt(a, s, from, to)) return true;
        }
        return false;
    }

    // Classic wildcard matching with one backtrack point per '*': linear in practice.
    private static boolean matchAlt(Alt a, String s, int from, int to) {
        int[] ops = a.ops;
        int oi = 0, si = from;
        int starOp = -1, starSi = -1;
        while (si < to) {
            if (oi < ops.length) {
                int op = ops[oi];
                if (op == ANY_RUN) { starOp = oi++; starSi = si; continue; }
                char c = s.charAt(si);
                if (op == ANY_ONE) { oi++; si++; continue; }
                if (op == CLASS) {
                    if (a.classes[ops[oi + 1]].contains(c)) { oi += 2; si++; continue; }
                } else if (op == c) { oi++; si++; continue; }
            }
            if (starOp < 0) return false;
            oi = starOp + 1;
            si = ++starSi;
        }
        while (oi < ops.length && ops[oi] == ANY_RUN) oi++;
        return oi == ops.length;
    }

    private static List<String> splitDots(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') { out.add(s.substring(start, i)); start = i + 1; }
        }
        return out;
    }

    /** Shell-style brace expansion within one node: {a,b}, nested, {x} drops its braces. */
    static Set<String> expandBraces(String s) {
        Set<String> out = new LinkedHashSet<>();
        expandInto(s, out);
        return out;
    }

    private static void expandInto(String s, Set<String> out) {
        if (out.size() > MAX_ALTERNATIVES_PER_NODE) {
            throw new IllegalArgumentException("--expect glob expands to more than "
                    + MAX_ALTERNATIVES_PER_NODE + " alternatives in one node");
        }
        int open = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') open = i;          // innermost: the last '{' before the first '}' after it
            else if (c == '}' && open >= 0) {
                String inner = s.substring(open + 1, i);
                String head = s.substring(0, open), tail = s.substring(i + 1);
                int start = 0;
                for (int j = 0; j <= inner.length(); j++) {
                    if (j == inner.length() || inner.charAt(j) == ',') {
                        expandInto(head + inner.substring(start, j) + tail, out);
                        start = j + 1;
                    }
                }
                return;
            }
        }
        out.add(s);                           // no balanced braces left: the rest is literal
    }

    /**
     * As {@link #compile}, but also refuses what graphite-web would take literally and so never
     * match a real path: an unclosed '[', unbalanced braces, an empty node. For --expect, where a
     * typo would otherwise fail silently after the whole --within.
     */
    public static GraphiteGlob compileStrict(String glob) {
        GraphiteGlob g = compile(glob);
        int depth = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') { i++; continue; }
            if (c == '{') depth++;
            if (c == '}' && --depth < 0) throw invalid(glob, "'}' without '{'");
            if (c == '[') {
                int close = glob.indexOf(']', i + 2);
                int dot = glob.indexOf('.', i);
                if (close < 0 || dot >= 0 && dot < close) throw invalid(glob, "'[' without ']' in the same node");
                i = close;
            }
        }
        if (depth != 0) throw invalid(glob, "'{' without '}'");
        if (glob.startsWith(".") || glob.endsWith(".") || glob.contains("..")) throw invalid(glob, "an empty node");
        return g;
    }

    private static IllegalArgumentException invalid(String glob, String why) {
        return new IllegalArgumentException("--expect '" + glob + "' is not a valid glob: " + why);
    }

    private static Alt compileNode(String p) {
        List<Integer> ops = new ArrayList<>();
        List<CharClass> classes = new ArrayList<>();
        int n = p.length();
        for (int i = 0; i < n; ) {
            char c = p.charAt(i);
            if (c == '*') {
                if (ops.isEmpty() || ops.get(ops.size() - 1) != ANY_RUN) ops.add(ANY_RUN); // ** in a node == *
                i++;
            } else if (c == '?') {
                ops.add(ANY_ONE);
                i++;
            } else if (c == '[') {
                int j = i + 1;
                if (j < n && p.charAt(j) == '!') j++;
                if (j < n && p.charAt(j) == ']') j++;
                while (j < n && p.charAt(j) != ']') j++;
                if (j >= n) { ops.add((int) '['); i++; continue; }   // fnmatch: unclosed '[' is literal
                ops.add(CLASS);
                ops.add(classes.size());
                classes.add(parseClass(p.substring(i + 1, j)));
                i = j + 1;
            } else {
                ops.add((int) c);
                i++;
            }
        }
        int[] arr = new int[ops.size()];
        for (int i = 0; i < arr.length; i++) arr[i] = ops.get(i);
        return new Alt(arr, classes.toArray(new CharClass[0]));
    }

    // Body between '[' and ']': optional '!', then members and ranges; empty ranges (z-a) match nothing.
    private static CharClass parseClass(String body) {
        boolean neg = false;
        int i = 0;
        if (body.startsWith("!")) { neg = true; i = 1; }
        StringBuilder lo = new StringBuilder(), hi = new StringBuilder();
        while (i < body.length()) {
            char a = body.charAt(i);
            if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
                char b = body.charAt(i + 2);
                if (a <= b) { lo.append(a); hi.append(b); }
                i += 3;
            } else {
                lo.append(a); hi.append(a);
                i++;
            }
        }
        return new CharClass(neg, lo.toString().toCharArray(), hi.toString().toCharArray());
    }
}
