package io.metricsniff.output;

/** PLACEHOLDER until the tui branch lands: replaced by the real escaper on merge. */
public final class TerminalEscaper {
    private TerminalEscaper() { }
    public static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                if (sb == null) sb = new StringBuilder(s.substring(0, i));
                sb.append(String.format("\\x%02x", (int) c));
            } else if (sb != null) sb.append(c);
        }
        return sb == null ? s : sb.toString();
    }
}
