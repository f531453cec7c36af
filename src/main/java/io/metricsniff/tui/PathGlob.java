package io.metricsniff.tui;

import java.util.ArrayList;
import java.util.List;

/**
 * The table filter: a Graphite glob ({@code *}, {@code ?}, {@code [a-z]}, {@code [!x]}, {@code {a,b}}
 * within one node) matched against a path's leading nodes, so {@code lab.*} shows everything under
 * {@code lab} and {@code lab.*.ok.int} exactly those paths. Malformed syntax is taken literally:
 * whatever a person types is a valid filter.
 */
final class PathGlob {
    /** Brace alternatives per node: {@code {a,b}{c,d}...} multiplies, and a typo must not hang the UI. */
    static final int MAX_ALTERNATIVES = 256;

    private final String text;
    private final List<List<String>> nodes = new ArrayList<>(); // alternatives per node

    private PathGlob(String text) {
        this.text = text;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                List<String> alts = new ArrayList<>();
                expand(text.substring(start, i), alts);
                nodes.add(alts);
                start = i + 1;
            }
        }
    }

    /** A glob; an empty or blank text matches everything. */
    static PathGlob compile(String text) {
        return new PathGlob(text == null ? "" : text.strip());
    }

    String text() { return text; }

    boolean matchesAll() { return text.isEmpty(); }

    boolean matches(String path) {
        if (text.isEmpty()) return true;
        int from = 0;
        for (List<String> alts : nodes) {
            if (from > path.length()) return false;              // the path has fewer nodes than the glob
            int end = path.indexOf('.', from);
            if (end < 0) end = path.length();
            boolean any = false;
            for (String alt : alts) {
                if (matchNode(alt, 0, path, from, end)) { any = true; break; }
            }
            if (!any) return false;
            from = end + 1;
        }
        return true;
    }

    // {a,b}x{c,d} -> axc, axd, bxc, bxd; an unclosed brace is literal
    private static void expand(String node, List<String> out) {
        int open = node.indexOf('{');
        int close = open < 0 ? -1 : node.indexOf('}', open);
        if (open < 0 || close < 0) { out.add(node); return; }
        String head = node.substring(0, open), tail = node.substring(close + 1);
        String body = node.substring(open + 1, close);
        int s = 0;
        for (int i = 0; i <= body.length(); i++) {
            if (i == body.length() || body.charAt(i) == ',') {
                if (out.size() >= MAX_ALTERNATIVES) return;
                expand(head + body.substring(s, i) + tail, out);
                s = i + 1;
            }
        }
    }

    // classic wildcard match over s[from,to); '*' backtracks only to the last star, so linear-ish
    private static boolean matchNode(String p, int pi, String s, int si, int to) {
        int starP = -1, starS = -1;
        while (si < to) {
            if (pi < p.length()) {
                char pc = p.charAt(pi);
                if (pc == '*') { starP = ++pi; starS = si; continue; }
                if (pc == '?') { pi++; si++; continue; }
                if (pc == '[') {
                    int close = p.indexOf(']', pi + 2);
                    if (close > 0) {
                        if (inClass(p, pi + 1, close, s.charAt(si))) { pi = close + 1; si++; continue; }
                    } else if (s.charAt(si) == '[') { pi++; si++; continue; }
                } else if (pc == s.charAt(si)) { pi++; si++; continue; }
            }
            if (starP < 0) return false;
            pi = starP;
            si = ++starS;
        }
        while (pi < p.length() && p.charAt(pi) == '*') pi++;
        return pi == p.length();
    }

    private static boolean inClass(String p, int from, int close, char c) {
        boolean negate = p.charAt(from) == '!' || p.charAt(from) == '^';
        if (negate) from++;
        boolean hit = false;
        for (int i = from; i < close; i++) {
            char lo = p.charAt(i);
            if (i + 2 < close && p.charAt(i + 1) == '-') {
                if (c >= lo && c <= p.charAt(i + 2)) hit = true;
                i += 2;
            } else if (c == lo) hit = true;
        }
        return hit != negate;
    }
}
