package io.metricsniff.hop.route;

import java.util.ArrayList;
import java.util.List;

/**
 * The names the live tests send: plain, deep, tagged, and names carbon-c-relay cleans (odd
 * characters, doubled, leading and trailing dots). Each line's value is its index, so a copy
 * that arrives renamed is still paired with the line it came from.
 */
final class RouteSample {
    private RouteSample() { }

    static List<String> names(String prefix, int count) {
        List<String> n = new ArrayList<>(count);
        for (int i = 0; n.size() < count; i++) {
            switch (i % 8) {
                case 0 -> n.add(prefix + ".plain.n" + i);
                case 1 -> n.add(prefix + ".deep.host" + (i % 13) + ".cpu" + (i % 7) + ".user.m" + i);
                case 2 -> n.add(prefix + ".tagged.t" + i + ";env=lab;dc=d" + (i % 3));
                case 3 -> n.add(prefix + ".odd.host(" + i + ")/cpu%");
                case 4 -> n.add(prefix + "..double..dots.d" + i);
                case 5 -> n.add("." + prefix + ".leading.l" + i);
                case 6 -> n.add(prefix + ".trailing.t" + i + ".");
                default -> n.add(prefix + ".mixed-Case_ok:#.m" + i);
            }
        }
        return n;
    }

    /** Lines {@code name index timestamp}. */
    static List<String> lines(List<String> names, long timestamp) {
        List<String> l = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) l.add(names.get(i) + " " + i + " " + timestamp);
        return l;
    }
}
