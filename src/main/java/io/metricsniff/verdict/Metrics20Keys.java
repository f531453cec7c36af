package io.metricsniff.verdict;

/**
 * go-metrics20's key validation as carbon-relay-ng runs it by default (cfg.NewConfig:
 * validation_level_legacy = medium, validation_level_m20 = medium), at the version carbon-relay-ng's
 * go.mod pins (v0.0.0-20240216190837-a2a3be37ef3e). Rules and their place in carbon20/validate.go
 * and carbon20/version.go are cited per method; where go-metrics20's README or carbon-relay-ng's
 * docs/validation.md say otherwise (for example "metrics 2.0 is any name with '=' or '_is_'"),
 * the code decides. Works on bytes: a key is {@code b[from, to)}.
 */
final class Metrics20Keys {
    private Metrics20Keys() { }

    /** carbon20/version.go metricVersion. */
    enum Style { LEGACY, M20, M20_NO_EQUALS }

    /**
     * version.go GetVersionB: only the FIRST node decides (the scan stops at the first '.'): '=' there
     * means metrics 2.0, "_is_" there means its no-equals form, else legacy. So "a.host=x" is legacy
     * and "cpu;dc=eu" (no dot before the tag's '=') is metrics 2.0. Called before the leading dot is
     * dropped, so ".unit=B..." is legacy.
     */
    static Style style(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '=') return Style.M20;
            if (c == '_' && to > i + 3 && b[i + 1] == 'i' && b[i + 2] == 's' && b[i + 3] == '_') return Style.M20_NO_EQUALS;
            if (c == '.') return Style.LEGACY;
        }
        return Style.LEGACY;
    }

    /**
     * validate.go ValidateKeyLegacyB at MediumLegacy: a tag appendix from the first ';' (which may not
     * be the first byte: errEmptyKey) is checked by {@link #tagAppendix}; then every byte of the key,
     * appendix included, must be neither NUL nor have its high bit set (validateNotNullAsciiChars:
     * "8-bit clean" in the comment means 7-bit ASCII in the code, so UTF-8 names are rejected).
     *
     * @return null when valid, else go-metrics20's reason
     */
    static String legacyMedium(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ';') continue;
            if (i == from) return "empty key before the tag appendix";
            String err = tagAppendix(b, i, to);
            if (err != null) return err;
            break;
        }
        for (int i = from; i < to; i++) {
            if (b[i] == 0) return "null byte at position " + (i - from);
            if ((b[i] & 0x80) != 0) return "non-ASCII byte 0x" + Integer.toHexString(b[i] & 0xff) + " at position " + (i - from);
        }
        return null;
    }

    /**
     * validate.go ValidateTagAppendixB, {@code b[from]} being the first ';': each section is ';', a
     * non-empty key without ';' or '!' up to '=', then a non-empty value up to the next ';' that may
     * not contain '=' (graphite's docs allow it; this code does not); a trailing ';' or ";;" fails
     * (a section needs at least 4 bytes). '^' and a leading '~' in a value are allowed.
     */
    static String tagAppendix(byte[] b, int from, int to) {
        int p = from;
        while (true) {
            if (to - p < 4 || b[p] != ';') return "invalid tag appendix (a ';' must start a 'key=value' section)";
            if (b[p + 1] == '=') return "invalid tag appendix (empty tag key)";
            int i = p + 1;
            while (i < to && b[i] != '=') {
                if (b[i] == ';' || b[i] == '!') return "invalid tag appendix ('" + (char) b[i] + "' in a tag key)";
                i++;
            }
            if (i == to) return "invalid tag appendix (a tag without '=')";
            i++;
            if (i == to || b[i] == ';') return "invalid tag appendix (empty tag value)";
            while (i < to && b[i] != ';') {
                if (b[i] == '=') return "invalid tag appendix ('=' inside a tag value)";
                i++;
            }
            if (i == to) return null;
            p = i;
        }
    }

    /**
     * validate.go ValidateKeyM20B / ValidateKeyM20NoEqualsB at MediumM20, on the whole key (the first
     * node only chose the style): no mixing of '=' and "_is_" anywhere; a "unit" and an "mtype" tag, each
     * at the start or after a '.' (not "target_type", which older versions wanted); at least two dots.
     * Legacy checks (NUL, ASCII, tag appendix) do not run for these names.
     */
    static String m20Medium(byte[] b, int from, int to, Style style) {
        boolean eq = style == Style.M20;
        String sep = eq ? "=" : "_is_";
        if (eq ? contains(b, from, to, "_is_") : contains(b, from, to, "=")) return "it mixes '=' and '_is_' (both = and _is_)";
        if (!hasTag(b, from, to, "unit" + sep)) return "it has no unit" + sep + " tag";
        if (!hasTag(b, from, to, "mtype" + sep)) return "it has no mtype" + sep + " tag";
        int dots = 0;
        for (int i = from; i < to; i++) if (b[i] == '.') dots++;
        return dots < 2 ? "it must have at least 1 tag beyond unit and mtype (two dots)" : null;
    }

    private static boolean hasTag(byte[] b, int from, int to, String tag) {
        return startsWith(b, from, to, tag) || contains(b, from, to, "." + tag);
    }

    private static boolean startsWith(byte[] b, int from, int to, String s) {
        if (to - from < s.length()) return false;
        for (int k = 0; k < s.length(); k++) if (b[from + k] != s.charAt(k)) return false;
        return true;
    }

    private static boolean contains(byte[] b, int from, int to, String s) {
        for (int i = from; i + s.length() <= to; i++) if (startsWith(b, i, to, s)) return true;
        return false;
    }
}
