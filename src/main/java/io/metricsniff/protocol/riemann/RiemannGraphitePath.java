package io.metricsniff.protocol.riemann;

/**
 * The path Riemann's graphite output writes by default ({@code riemann.graphite/graphite-path-percentiles}):
 * the service's trailing {@code (\d+)\.(\d+)$} is replaced by the digits after the dot alone
 * ({@code "api 0.95"} becomes {@code "api 95"}; the code meant to keep a non-zero whole part but
 * its {@code when-not} has no body, so {@code "api 99.9"} becomes {@code "api 9"}), then the host
 * split on {@code .} and reversed, then the service split on single spaces, all joined with {@code .}.
 * Splits follow {@code clojure.string/split} (Java's {@code Pattern.split}: trailing empty parts
 * dropped, a string without a separator kept whole, even when empty). Written without regex: it
 * runs once per event.
 */
public final class RiemannGraphitePath {
    private RiemannGraphitePath() { }

    /** The Graphite path for an event with this host and service (either may be null). */
    public static String of(String host, String service) {
        StringBuilder sb = new StringBuilder((host == null ? 0 : host.length()) + (service == null ? 0 : service.length()) + 2);
        boolean any = false;
        if (host != null) any = appendReversed(sb, host);
        if (service != null) {
            String s = percentiles(service);
            int keep = s.indexOf(' ') < 0 ? s.length() : keptLength(s, ' ');
            if (keep > 0 || s.isEmpty()) { // "" splits into one empty part; only spaces into none
                if (any) sb.append('.');
                for (int i = 0; i < keep; i++) {
                    char c = s.charAt(i);
                    sb.append(c == ' ' ? '.' : c);
                }
            }
        }
        return sb.toString();
    }

    /** Whether Riemann's {@code (int (:time event))} can cast these seconds; if not its graphite output fails on the event. */
    public static boolean fitsInt(double seconds) {
        return seconds < (double) Integer.MAX_VALUE + 1 && seconds > (double) Integer.MIN_VALUE - 1;
    }

    /** The timestamp Riemann's graphite output writes: {@code (int time)}, truncated toward zero (as is when it does not fit). */
    public static double timestamp(double seconds) { return fitsInt(seconds) ? (int) seconds : seconds; }

    /**
     * The service after the percentile rule: a trailing {@code digits.digits} (at the end, or before
     * one final line terminator, as Java's {@code $} allows) loses its whole part and the dot.
     */
    public static String percentiles(String service) {
        int end = service.length() - finalTerminator(service);
        int fracStart = end;
        while (fracStart > 0 && digit(service.charAt(fracStart - 1))) fracStart--;
        if (fracStart == end || fracStart < 2 || service.charAt(fracStart - 1) != '.') return service;
        int wholeStart = fracStart - 1;
        while (wholeStart > 0 && digit(service.charAt(wholeStart - 1))) wholeStart--;
        if (wholeStart == fracStart - 1) return service; // no digit before the dot
        return service.substring(0, wholeStart) + service.substring(fracStart);
    }

    /** Appends the host's dot-separated parts in reverse order; false when it contributed no part. */
    private static boolean appendReversed(StringBuilder sb, String host) {
        int keep = keptLength(host, '.');
        if (keep == 0) {
            if (host.indexOf('.') >= 0) return false; // only separators: no parts at all
            sb.append(host);                          // no separator (also ""): one part, itself
            return true;
        }
        int end = keep;
        boolean first = true;
        while (end >= 0) {
            int start = host.lastIndexOf('.', end - 1);
            if (!first) sb.append('.');
            sb.append(host, start + 1, end);
            first = false;
            if (start < 0) break;
            end = start;
        }
        return true;
    }

    /**
     * Length of {@code s} once the trailing empty parts of a split on {@code sep} are dropped:
     * {@code s} without its trailing separators; 0 when nothing but separators remain or s is empty.
     */
    private static int keptLength(String s, char sep) {
        int n = s.length();
        while (n > 0 && s.charAt(n - 1) == sep) n--;
        return n;
    }

    /** Java regex {@code \d} without UNICODE_CHARACTER_CLASS: ASCII digits only. */
    private static boolean digit(char c) { return c >= '0' && c <= '9'; }

    /** Length of one line terminator ending s (what {@code $} may stand before), else 0. */
    private static int finalTerminator(String s) {
        int n = s.length();
        if (n == 0) return 0;
        char c = s.charAt(n - 1);
        if (c == '\n') return n >= 2 && s.charAt(n - 2) == '\r' ? 2 : 1;
        return c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029' ? 1 : 0;
    }
}
