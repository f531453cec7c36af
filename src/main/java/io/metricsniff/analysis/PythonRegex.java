package io.metricsniff.analysis;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a Python {@code re} pattern (as written in storage-schemas.conf) to a java.util.regex
 * Pattern with the same meaning for metric names. The languages are close; this translates where
 * they differ: {@code (?P<name>)}, {@code (?P=name)}, {@code (?#...)}, {@code \Z}, octal and
 * {@code \U} escapes, a '{' that is not a quantifier (literal in Python), {@code {,n}}, a '[' or
 * '&&' inside a class (literal in Python), and the flags: Unicode classes and "only \n ends a
 * line" as in Python 3. Use it with {@code matcher(s).find()}: carbon calls {@code re.search}.
 */
final class PythonRegex {
    private PythonRegex() { }

    /** IllegalArgumentException with Python's view of the problem when the pattern is invalid. */
    static Pattern compile(String py) {
        String java = translate(py);
        try {
            return Pattern.compile(java, Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression '" + py + "': " + e.getDescription());
        }
    }

    static String translate(String p) {
        StringBuilder out = new StringBuilder(p.length() + 8);
        Map<String, String> names = new HashMap<>();
        int n = p.length();
        boolean quantifiable = false;   // whether the previous item can take a quantifier
        for (int i = 0; i < n; ) {
            char c = p.charAt(i);
            if (c == '\\') {
                i = escape(p, i, out, false);
                quantifiable = true;
            } else if (c == '[') {
                i = charClass(p, i, out);
                quantifiable = true;
            } else if (c == '(') {
                if (p.startsWith("(?#", i)) {                 // comment group: drop it
                    int close = p.indexOf(')', i);
                    if (close < 0) throw new IllegalArgumentException("invalid regular expression '" + p + "': missing ), unterminated comment");
                    i = close + 1;
                    continue;
                }
                boolean backReference = p.startsWith("(?P=", i);
                i = group(p, i, out, names);
                quantifiable = backReference;
            } else if (c == '{') {
                int end = quantifierEnd(p, i);
                if (end > 0 && quantifiable) {
                    String q = p.substring(i, end);
                    out.append(q.startsWith("{,") ? "{0" + q.substring(1) : q);
                    i = end;
                } else {
                    out.append("\\{");                       // Python: a literal brace
                    i++;
                    quantifiable = true;
                }
            } else if (c == '}') {
                out.append("\\}");
                i++;
                quantifiable = true;
            } else {
                out.append(c);
                i++;
                quantifiable = c != '|' && c != '^' && c != '$';
                if (c == '*' || c == '+' || c == '?') quantifiable = false;
            }
        }
        return out.toString();
    }

    // Opens a group at p[i] == '(', translating Python's (?P<name> and (?P=name); returns the index after it.
    private static int group(String p, int i, StringBuilder out, Map<String, String> names) {
        if (p.startsWith("(?P<", i)) {
            int close = p.indexOf('>', i);
            if (close < 0) throw new IllegalArgumentException("invalid regular expression '" + p + "': missing >, unterminated name");
            String javaName = "g" + names.size() + "n";
            names.put(p.substring(i + 4, close), javaName);
            out.append("(?<").append(javaName).append('>');
            return close + 1;
        }
        if (p.startsWith("(?P=", i)) {
            int close = p.indexOf(')', i);
            String ref = close < 0 ? null : names.get(p.substring(i + 4, close));
            if (ref == null) throw new IllegalArgumentException("invalid regular expression '" + p + "': unknown group name");
            out.append("\\k<").append(ref).append('>');
            return close + 1;
        }
        out.append('(');
        return i + 1;
    }

    // "{m}", "{m,}", "{,n}", "{m,n}" (and "{,}") are quantifiers in Python; returns the end or -1.
    private static int quantifierEnd(String p, int i) {
        int j = i + 1, n = p.length();
        int digits1 = 0;
        while (j < n && Character.isDigit(p.charAt(j)) && p.charAt(j) < 128) { j++; digits1++; }
        if (j < n && p.charAt(j) == '}') return digits1 > 0 ? j + 1 : -1;
        if (j >= n || p.charAt(j) != ',') return -1;
        j++;
        while (j < n && Character.isDigit(p.charAt(j)) && p.charAt(j) < 128) j++;
        return j < n && p.charAt(j) == '}' ? j + 1 : -1;
    }

    // Copies one escape starting at p[i] == '\\'; returns the index after it.
    private static int escape(String p, int i, StringBuilder out, boolean inClass) {
        if (i + 1 >= p.length()) throw new IllegalArgumentException("invalid regular expression '" + p + "': bad escape (end of pattern)");
        char e = p.charAt(i + 1);
        switch (e) {
            case 'Z':
                out.append(inClass ? "Z" : "\\z");
                return i + 2;
            case 'U': {                                          // \UXXXXXXXX
                if (i + 10 > p.length()) throw new IllegalArgumentException("invalid regular expression '" + p + "': bad \\U escape");
                out.append("\\x{").append(p, i + 2, i + 10).append('}');
                return i + 10;
            }
            case 'v':
                out.append("\\x0B");                             // Java's \v is a class
                return i + 2;
            case '0': {                                          // octal, up to 3 digits
                int j = i + 2;
                while (j < p.length() && j < i + 4 && p.charAt(j) >= '0' && p.charAt(j) <= '7') j++;
                int v = j == i + 2 ? 0 : Integer.parseInt(p.substring(i + 2, j), 8);
                out.append(String.format("\\x{%x}", v));
                return j;
            }
            default:
                if (!inClass && e >= '1' && e <= '9') {            // backreference
                    out.append('\\').append(e);
                    return i + 2;
                }
                if (Character.isLetter(e) && e < 128 && "abfnrtxuABbdDsSwWN".indexOf(e) < 0) {
                    throw new IllegalArgumentException("invalid regular expression '" + p + "': bad escape \\" + e);
                }
                out.append('\\').append(e);
                return i + 2;
        }
    }

    // Copies a [...] class starting at p[i] == '['; returns the index after ']'.
    private static int charClass(String p, int i, StringBuilder out) {
        int n = p.length();
        int j = i + 1;
        out.append('[');
        if (j < n && p.charAt(j) == '^') { out.append('^'); j++; }
        boolean first = true;
        while (true) {
            if (j >= n) throw new IllegalArgumentException("invalid regular expression '" + p + "': unterminated character set");
            char c = p.charAt(j);
            if (c == ']' && !first) { out.append(']'); return j + 1; }
            if (c == '\\') {
                j = escape(p, j, out, true);
            } else {
                if (c == '[' || c == ']' || c == '&' || c == '^') out.append('\\');
                out.append(c);
                j++;
            }
            first = false;
        }
    }
}
