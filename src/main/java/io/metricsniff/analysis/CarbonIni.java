package io.metricsniff.analysis;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a carbon config file the way carbon's OrderedConfigParser does: Python's configparser
 * (strict, {@code =} or {@code :} delimiters, option names lower-cased, full-line {@code #} and
 * {@code ;} comments only, indented continuation lines, a DEFAULT section inherited by all,
 * {@code %%} and {@code %(name)s} interpolation) plus carbon's own section order, which lists
 * only lines that start with '[' and end with ']'.
 *
 * <p>Errors that make carbon refuse the file become an IllegalArgumentException with one line.
 */
public final class CarbonIni {
    /** Config files are small; a bigger file is the wrong file. */
    static final long MAX_FILE_BYTES = 4L << 20;
    /** configparser's MAX_INTERPOLATION_DEPTH. */
    private static final int MAX_INTERPOLATION_DEPTH = 10;

    /** One section in file order with its options (defaults merged in, interpolated lazily). */
    public record Section(String name, int line, Map<String, String> options) {
        /** A one-line error about this section, for what makes carbon exit. */
        IllegalArgumentException error(String file, String what) {
            return new IllegalArgumentException(file + ": " + what + " in section [" + name + "]");
        }

        /**
         * The {@code pattern} option compiled as carbon's re.compile does. Null, with a note, when
         * the section has none (carbon skips it); a regex carbon cannot compile makes it exit: thrown.
         */
        Pattern patternRegex(String file, List<String> notes) {
            String pattern = options.get("pattern");
            if (pattern == null || pattern.isEmpty()) {
                notes.add("[" + name + "] has no 'pattern': carbon skips it");
                return null;
            }
            try {
                return PythonRegex.compile(pattern);
            } catch (IllegalArgumentException e) {
                throw error(file, e.getMessage());
            }
        }
    }

    private final String fileName;
    private final Map<String, String> defaults = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    private final Map<String, Integer> sectionLines = new LinkedHashMap<>();
    private final List<String> order = new ArrayList<>();   // carbon's section order

    private CarbonIni(String fileName) { this.fileName = fileName; }

    public static CarbonIni read(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) throw new IllegalArgumentException(name + ": is a directory");
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(name + ": larger than " + MAX_FILE_BYTES + " bytes, not a carbon config");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(name + ": not valid UTF-8");
        }
        CarbonIni ini = new CarbonIni(name);
        ini.parse(text);
        return ini;
    }

    /** Parses text directly (tests). */
    static CarbonIni parse(String fileName, String text) {
        CarbonIni ini = new CarbonIni(fileName);
        ini.parse(text);
        return ini;
    }

    private IllegalArgumentException error(int line, String msg) {
        return new IllegalArgumentException(fileName + " line " + line + ": " + msg);
    }

    private void parse(String text) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
        String[] lines = text.split("\n", -1);   // config files, not the hot path
        Map<String, String> cur = null;
        String curOpt = null;
        int optIndent = 0;
        for (int ln = 0; ln < lines.length; ln++) {
            int lineNo = ln + 1;
            String raw = lines[ln];
            if (raw.endsWith("\r")) raw = raw.substring(0, raw.length() - 1);
            String stripped = raw.strip();
            if (stripped.startsWith("[") && stripped.endsWith("]") && stripped.length() >= 2) {
                order.add(stripped.substring(1, stripped.length() - 1)); // carbon's own scan
            }
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
                curOpt = stripped.isEmpty() ? null : curOpt; // an empty line ends a continuation
                continue;
            }
            int indent = 0;
            while (indent < raw.length() && Character.isWhitespace(raw.charAt(indent))) indent++;
            if (cur != null && curOpt != null && indent > optIndent) {
                cur.put(curOpt, cur.get(curOpt) + "\n" + stripped);
                continue;
            }
            if (stripped.startsWith("[")) {
                int close = stripped.lastIndexOf(']');
                if (close > 1) {
                    String name = stripped.substring(1, close);
                    if (name.equals("DEFAULT")) cur = defaults;
                    else {
                        if (sections.containsKey(name)) throw error(lineNo, "section [" + name + "] already exists");
                        cur = new LinkedHashMap<>();
                        sections.put(name, cur);
                        sectionLines.put(name, lineNo);
                    }
                    curOpt = null;
                    continue;
                }
            }
            if (cur == null) throw error(lineNo, "option before any [section]");
            int eq = stripped.indexOf('='), colon = stripped.indexOf(':');
            int d = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (d < 0) throw error(lineNo, "expected 'name = value'");
            String key = stripped.substring(0, d).strip().toLowerCase(java.util.Locale.ROOT);
            if (key.isEmpty()) throw error(lineNo, "empty option name");
            if (cur.containsKey(key)) throw error(lineNo, "option '" + key + "' given twice in one section");
            cur.put(key, stripped.substring(d + 1).strip());
            curOpt = key;
            optIndent = indent;
        }
    }

    /** Sections as carbon iterates them: its order scan, options of configparser's parse. */
    public List<Section> sections() {
        List<Section> out = new ArrayList<>();
        for (String name : order) {
            Map<String, String> own = name.equals("DEFAULT") ? Map.of() : sections.get(name);
            if (own == null) continue; // configparser saw no such section (carbon would crash on items())
            Map<String, String> merged = new LinkedHashMap<>(defaults);
            merged.putAll(own);
            int line = sectionLines.getOrDefault(name, 0);
            Map<String, String> interpolated = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : merged.entrySet()) {
                interpolated.put(e.getKey(), interpolate(name, line, e.getValue(), merged, 0));
            }
            out.add(new Section(name, line, interpolated));
        }
        return out;
    }

    // configparser's BasicInterpolation, which carbon's items() call goes through.
    private String interpolate(String section, int line, String value, Map<String, String> opts, int depth) {
        if (value.indexOf('%') < 0) return value;
        if (depth > MAX_INTERPOLATION_DEPTH) throw error(line, "interpolation too deep in [" + section + "]");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '%') { b.append(c); continue; }
            if (i + 1 < value.length() && value.charAt(i + 1) == '%') { b.append('%'); i++; continue; }
            if (i + 1 < value.length() && value.charAt(i + 1) == '(') {
                int close = value.indexOf(")s", i + 2);
                if (close > 0) {
                    String ref = value.substring(i + 2, close).toLowerCase(java.util.Locale.ROOT);
                    String v = opts.get(ref);
                    if (v == null) throw error(line, "[" + section + "] refers to %(" + ref + ")s, which is not set");
                    b.append(interpolate(section, line, v, opts, depth + 1));
                    i = close + 1;
                    continue;
                }
            }
            throw error(line, "[" + section + "] has a '%' that is neither '%%' nor '%(name)s' (configparser rejects it)");
        }
        return b.toString();
    }
}
