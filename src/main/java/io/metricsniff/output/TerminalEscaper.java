package io.metricsniff.output;

/**
 * Makes untrusted text (paths, raw lines, messages from the network) safe to print on a terminal:
 * nothing a peer sends can move the cursor, change colours, set the window title or reorder text.
 *
 * <ul>
 *   <li>{@code \t \n \r} become {@code \t \n \r}; other C0 controls, DEL and C1 controls
 *       (U+0080..U+009F, which some terminals obey as 8-bit CSI/OSC) become {@code \xNN};</li>
 *   <li>a backslash becomes {@code \\}, so an escaped ESC cannot be confused with a sender
 *       who literally wrote {@code \x1b};</li>
 *   <li>invisible format characters that reorder or hide text (bidi overrides and isolates,
 *       zero-width characters, line/paragraph separators, BOM) and lone surrogates become
 *       <code>&#92;u{XXXX}</code>.</li>
 * </ul>
 * Printable text, including non-ASCII letters, passes unchanged; clean strings are returned as is.
 */
public final class TerminalEscaper {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TerminalEscaper() { }

    /** The text with every unsafe character made visible; the same instance when nothing needed it. */
    public static String escape(String s) {
        if (s == null) return null;
        int n = s.length();
        int i = 0;
        while (i < n && !unsafe(s, i)) i++;
        if (i == n) return s;
        StringBuilder sb = new StringBuilder(n + 16);
        sb.append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (!unsafe(s, i)) {
                sb.append(c);
                if (Character.isHighSurrogate(c)) sb.append(s.charAt(++i)); // valid pair, checked by unsafe
                continue;
            }
            switch (c) {
                case '\\': sb.append("\\\\"); break;
                case '\t': sb.append("\\t"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                default:
                    if (c <= 0xff) {
                        sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        sb.append("\\u{").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                          .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]).append('}');
                    }
            }
        }
        return sb.toString();
    }

    /** True when {@code s} would be changed by {@link #escape}. */
    public static boolean needsEscape(String s) {
        for (int i = 0, n = s.length(); i < n; i++) if (unsafe(s, i)) return true;
        return false;
    }

    private static boolean unsafe(String s, int i) {
        char c = s.charAt(i);
        if (c >= 0x20 && c < 0x7f) return c == '\\';          // the common case: printable ASCII
        if (c < 0x20 || c <= 0x9f) return true;                 // C0, DEL, C1
        if (c < 0x200b) return c == 0x061c || c == 0x180e;      // Arabic letter mark, Mongolian vowel separator
        if (c <= 0x200f) return true;                           // zero-width space/joiners, LRM, RLM
        if (c >= 0x2028 && c <= 0x202e) return true;            // line/paragraph separators, bidi embeddings
        if (c >= 0x2060 && c <= 0x206f) return true;            // word joiner, bidi isolates, invisible operators
        if (c == 0xfeff) return true;                           // BOM / zero-width no-break space
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }
}
