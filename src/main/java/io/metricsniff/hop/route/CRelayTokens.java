package io.metricsniff.hop.route;

import java.util.ArrayList;
import java.util.List;

/** carbon-c-relay's config lexer in brief: '#' comments to end of line, words, ';', "quoted" strings. */
final class CRelayTokens {
    record Token(String text, int line) { }

    private CRelayTokens() { }

    static List<Token> split(String file, String text, int maxTokens) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int i = 0, n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') { line++; i++; continue; }
            if (Character.isWhitespace(c)) { i++; continue; }
            if (c == '#') {
                while (i < n && text.charAt(i) != '\n') i++;
                continue;
            }
            if (out.size() >= maxTokens) throw new IllegalArgumentException(file + ": too large for a carbon-c-relay config");
            if (c == ';') { out.add(new Token(";", line)); i++; continue; }
            if (c == '"') {
                int close = text.indexOf('"', i + 1);
                if (close < 0) throw new IllegalArgumentException(file + " line " + line + ": carbon-c-relay config: unclosed '\"'");
                out.add(new Token(text.substring(i + 1, close), line));
                for (int k = i; k < close; k++) if (text.charAt(k) == '\n') line++;
                i = close + 1;
                continue;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != ';' && text.charAt(i) != '#') i++;
            out.add(new Token(text.substring(start, i), line));
        }
        return out;
    }
}
