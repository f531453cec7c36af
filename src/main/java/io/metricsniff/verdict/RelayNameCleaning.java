package io.metricsniff.verdict;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * carbon-c-relay's dispatcher name cleansing as a pure function (the profile's {@code stored_path}
 * and the hop matcher's key both use it): leading, trailing and double dots removed, characters
 * outside {@code [A-Za-z0-9]} and the allowed set replaced by '_'; a tag appendix after the first
 * ';' is left alone.
 */
public final class RelayNameCleaning {
    private RelayNameCleaning() { }

    /** The cleansed name of {@code b[from, to)}. */
    public static byte[] cleanse(byte[] b, int from, int to, String allowed) {
        byte[] out = new byte[to - from];
        int q = 0;
        boolean tags = false;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (tags) { out[q++] = c == 0 ? (byte) '_' : c; continue; } // only NUL is replaced in tags (checked against 3.7.3)
            if (c == ';') { tags = true; out[q++] = c; continue; }
            if (c == '.') {
                if (q > 0 && out[q - 1] != '.') out[q++] = c;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || (c > 0 && allowed.indexOf(c) >= 0)) {
                out[q++] = c;
            } else {
                out[q++] = '_';
            }
        }
        if (!tags && q > 0 && out[q - 1] == '.') q--; // trailing separator before the space
        return q == out.length ? out : Arrays.copyOf(out, q);
    }

    /**
     * The lengths dispatch_received_metrics measures for one line {@code b[from, to)} (without its
     * terminator): the cleaned line in the high 32 bits, the cleaned name (up to the first space, or
     * the ';' that starts tags) in the low. Past the name, a tab becomes a space, a separator equal
     * to the one before it or right after the first space is dropped; after a ';' nothing is.
     */
    public static long cleanedLine(byte[] b, int from, int to, String allowed) {
        int q = 0, firstSpace = -1;
        byte last = 0;
        boolean tags = false;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (!tags && (c == ' ' || c == '\t' || c == '.')) {
                if (q == 0) continue;                     // no leading separator
                if (c == '\t') c = ' ';
                if (c == ' ' && firstSpace < 0) {
                    if (last == '.') q--;                 // strip the name's trailing dot
                    firstSpace = q;
                    q++;
                } else if (last != c && q - 1 != firstSpace) {
                    q++;
                } else {
                    continue;
                }
            } else if (c == ';') {
                if (!tags) firstSpace = q;                // the name ends where the tags start
                tags = true;
                q++;
            } else {
                q++;                                      // copied, or replaced by '_': one byte either way
            }
            last = c;
        }
        return (long) q << 32 | (firstSpace < 0 ? q : firstSpace);
    }

    /** The name carbon-c-relay (default {@code -c}) routes and stores {@code name} under. */
    public static String clean(String name) {
        if (isClean(name)) return name; // the common case allocates nothing
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        return new String(cleanse(b, 0, b.length, CarbonCRelayProfile.ALLOWED_CHARS), StandardCharsets.UTF_8);
    }

    private static boolean isClean(String s) {
        int n = s.length();
        if (n == 0 || s.charAt(0) == '.' || s.charAt(n - 1) == '.') return n == 0;
        char prev = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ';') return s.indexOf('\0', i) < 0;
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || (c == '.' && prev != '.') || CarbonCRelayProfile.ALLOWED_CHARS.indexOf(c) >= 0;
            if (!ok) return false;
            prev = c;
        }
        return true;
    }
}
