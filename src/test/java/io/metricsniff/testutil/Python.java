package io.metricsniff.testutil;

/** What carbon's log shows of a line: Python's {@code str.strip()} and {@code repr()}, for test oracles. */
public final class Python {
    private Python() { }

    /** python's repr(s)[1:-1] for the strings carbon logs: what {@code ignoring [...]} shows. */
    public static String pyRepr(String s) {
        boolean dq = s.indexOf('\'') >= 0 && s.indexOf('"') < 0; // python then quotes with "
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') b.append("\\\\");
            else if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else if (c == '\t') b.append("\\t");
            else if (c == '\'' && !dq) b.append("\\'");
            else if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    /** python's str.strip() with no argument (the whitespace it knows in Latin-1). */
    public static String pyStrip(String s) {
        int a = 0, e = s.length();
        while (a < e && isSpace(s.charAt(a))) a++;
        while (e > a && isSpace(s.charAt(e - 1))) e--;
        return s.substring(a, e);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f) || c == 0x85 || c == 0xa0;
    }
}
