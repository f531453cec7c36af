package io.metricsniff.verdict;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** How the statsd daemon reads DogStatsD tags and sanitises a bucket name (stats.js). */
final class StatsdNames {
    private StatsdNames() { }

    /** {@code k:v,k2} from {@code line[s, e)}: name/value pairs, value "" when there is no ':'. */
    static List<String[]> tags(byte[] line, int s, int e) {
        if (s >= e) return Collections.emptyList();
        List<String[]> out = new ArrayList<>(4);
        int p = s;
        while (p <= e) {
            int t = p;
            while (p < e && line[p] != ',') p++;
            if (p > t) {
                int c = t;
                while (c < p && line[c] != ':') c++;
                out.add(c < p ? new String[] {text(line, t, c), text(line, c + 1, p)} : new String[] {text(line, t, p), ""});
            }
            p++;
        }
        return out;
    }

    /** Whether the name {@code line[0, nameEnd)} has only characters sanitizeKeyName keeps. */
    static boolean clean(byte[] line, int nameEnd) {
        for (int i = 0; i < nameEnd; i++) if (!keyChar(line[i])) return false;
        return true;
    }

    /**
     * The bucket statsd stores when it rewrites the name (keyNameSanitize, on by default, and tags
     * appended as ;k=v); null when it stores the name as sent.
     */
    static String stored(String name, List<String[]> tags, boolean clean) {
        if (clean && tags.isEmpty()) return null;
        StringBuilder key = new StringBuilder(name);
        for (String[] t : tags) {
            String tag = t[1].isEmpty() ? t[0] : t[0] + ":" + t[1];
            key.append(';').append(replaceFirst(replaceFirst(tag, ';', '_'), ':', '=')); // JS replace(str): first only
        }
        StringBuilder out = new StringBuilder(key.length());
        boolean inSpace = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isWhitespace(c)) {
                if (!inSpace) out.append('_');
                inSpace = true;
                continue;
            }
            inSpace = false;
            if (c == '/') out.append('-');
            else if (c < 128 && keyChar((byte) c)) out.append(c);
        }
        return out.toString();
    }

    private static String replaceFirst(String s, char from, char to) {
        int i = s.indexOf(from);
        return i < 0 ? s : s.substring(0, i) + to + s.substring(i + 1);
    }

    /** stats.js sanitizeKeyName keeps [a-zA-Z_\-0-9.;=]. */
    private static boolean keyChar(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.' || c == ';' || c == '=';
    }

    private static String text(byte[] b, int s, int e) { return new String(b, s, e - s, StandardCharsets.UTF_8); }
}
