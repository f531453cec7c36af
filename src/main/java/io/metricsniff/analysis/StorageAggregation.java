package io.metricsniff.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * carbon's storage-aggregation.conf, loaded as loadAggregationSchemas does: sections in file
 * order, first whose {@code pattern} {@code re.search}es the metric name wins, even when it sets
 * neither value; what a section leaves unset is whisper's default (xFilesFactor 0.5, average).
 * Without a file (carbon only logs that it is missing) everything gets the defaults.
 */
public final class StorageAggregation {
    /** whisper.create's defaults for an unset xFilesFactor / aggregationMethod. */
    public static final double WHISPER_DEFAULT_XFF = 0.5;
    public static final String WHISPER_DEFAULT_METHOD = "average";
    /** whisper.aggregationMethods. */
    public static final Set<String> METHODS =
            Set.of("average", "sum", "last", "max", "min", "avg_zero", "absmax", "absmin");

    /** One aggregation rule with the effective values (defaults filled in). */
    public record Rule(String name, String pattern, Pattern regex, double xFilesFactor, String method,
                       boolean xffSet, boolean methodSet) {
        public boolean matches(String metric) { return regex == null || regex.matcher(metric).find(); }
    }

    /** carbon/storage.py defaultAggregation: (None, None), i.e. whisper's defaults. */
    public static final Rule CARBON_DEFAULT = new Rule("default (carbon built-in)", null, null,
            WHISPER_DEFAULT_XFF, WHISPER_DEFAULT_METHOD, false, false);

    private final String file;
    private final List<Rule> rules;
    private final List<String> notes;

    private StorageAggregation(String file, List<Rule> rules, List<String> notes) {
        this.file = file;
        this.rules = rules;
        this.notes = notes;
    }

    /** No file: carbon's behaviour when storage-aggregation.conf is absent. */
    public static StorageAggregation none() {
        return new StorageAggregation(null, List.of(CARBON_DEFAULT), List.of());
    }

    public static StorageAggregation parse(Path file) { return from(CarbonIni.read(file), file.toString()); }

    public static StorageAggregation parse(String fileName, String text) {
        return from(CarbonIni.parse(fileName, text), fileName);
    }

    private static StorageAggregation from(CarbonIni ini, String file) {
        List<Rule> list = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (CarbonIni.Section s : ini.sections()) {
            Map<String, String> o = s.options();
            String xffText = o.get("xfilesfactor");
            String method = o.get("aggregationmethod");
            double xff = WHISPER_DEFAULT_XFF;
            if (xffText != null) {
                Double v = pythonFloat(xffText);
                if (v == null) {   // float() raised ValueError: carbon logs and skips the section
                    notes.add("[" + s.name() + "] xFilesFactor '" + xffText + "' is not a number: carbon skips it");
                    continue;
                }
                if (!(v >= 0 && v <= 1)) {   // an AssertionError: carbon does not start
                    throw new IllegalArgumentException(file + ": xFilesFactor " + xffText + " in section ["
                            + s.name() + "] is not between 0 and 1");
                }
                xff = v;
            }
            if (method != null && !METHODS.contains(method)) {
                throw new IllegalArgumentException(file + ": aggregationMethod '" + method + "' in section ["
                        + s.name() + "] is not one of " + String.join(", ", new java.util.TreeSet<>(METHODS)));
            }
            Pattern regex = s.patternRegex(file, notes);
            if (regex == null) continue;
            list.add(new Rule(s.name(), o.get("pattern"), regex, xff, method == null ? WHISPER_DEFAULT_METHOD : method,
                    xffText != null, method != null));
        }
        list.add(CARBON_DEFAULT);
        return new StorageAggregation(file, List.copyOf(list), List.copyOf(notes));
    }

    // Python float(): decimal or exponent form, '_' between digits, inf/nan words; null if it would raise.
    static Double pythonFloat(String s) {
        String t = s.strip();
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (unsigned.equals("nan")) return Double.NaN;
        if (!t.matches("[+-]?(\\d(_?\\d)*(\\.(\\d(_?\\d)*)?)?|\\.\\d(_?\\d)*)([eE][+-]?\\d(_?\\d)*)?")) return null;
        return Double.parseDouble(t.replace("_", ""));
    }

    public Rule match(String metric) {
        for (Rule r : rules) if (r.matches(metric)) return r;
        return CARBON_DEFAULT;
    }

    public List<Rule> rules() { return rules; }

    public List<String> notes() { return notes; }

    public String file() { return file; }
}
