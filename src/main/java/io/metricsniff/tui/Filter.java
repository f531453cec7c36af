package io.metricsniff.tui;

import io.metricsniff.analysis.GraphiteGlob;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What {@code /} typed, as a test on text. Three forms, told apart by their look:
 * {@code re:REGEX} is a Java regular expression found anywhere ({@code re:cpu-[0-3]});
 * text with a glob character ({@code * ? [ {}) is a Graphite glob matched against a path's
 * leading nodes, so {@code lab.*} shows everything under {@code lab}; any other text is a
 * substring ({@code cpu}). Blank shows everything. Whatever a person types is a valid filter:
 * a bad regex or a glob GraphiteGlob refuses matches nothing, and {@link #error()} says why.
 * Runs on the UI thread only, never per record.
 */
record Filter(String text, Kind kind, GraphiteGlob glob, Pattern regex, String error) {
    enum Kind { ALL, SUBSTRING, GLOB, REGEX, NOTHING }

    static final String REGEX_PREFIX = "re:";
    static final Filter ALL = new Filter("", Kind.ALL, null, null, null);

    static Filter of(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) return ALL;
        if (t.startsWith(REGEX_PREFIX)) {
            try {
                return new Filter(t, Kind.REGEX, null, Pattern.compile(t.substring(REGEX_PREFIX.length())), null);
            } catch (PatternSyntaxException e) {
                return new Filter(t, Kind.NOTHING, null, null, "bad regex: " + e.getDescription());
            }
        }
        if (t.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
            try {
                return new Filter(t, Kind.GLOB, GraphiteGlob.compile(t), null, null);
            } catch (IllegalArgumentException tooBig) {
                return new Filter(t, Kind.NOTHING, null, null, "glob refused: " + tooBig.getMessage());
            }
        }
        return new Filter(t, Kind.SUBSTRING, null, null, null);
    }

    boolean matchesAll() { return kind == Kind.ALL; }

    /** How the text is read, for the header. */
    String label() {
        switch (kind) {
            case GLOB: return "glob";
            case REGEX: return "regex";
            case SUBSTRING: return "substring";
            default: return error == null ? "" : error;
        }
    }

    /** Does this text (a path, a host, a line) pass? */
    boolean matches(String s) {
        if (s == null) return kind == Kind.ALL;
        switch (kind) {
            case ALL: return true;
            case SUBSTRING: return s.contains(text);
            case GLOB: return glob.matchesPrefixOf(s);
            case REGEX: return regex.matcher(s).find();
            default: return false;
        }
    }

    /** Passes when any of the texts does (a problem row: its code, host, prefix, example line). */
    boolean matchesAny(String... texts) {
        if (kind == Kind.ALL) return true;
        for (String s : texts) if (s != null && matches(s)) return true;
        return false;
    }
}
