package io.metricsniff.analysis;

import java.nio.file.Path;

/**
 * What metricsniff needs from carbon.conf's {@code [cache]} section, read as carbon's conf.py reads it
 * (through {@link CarbonIni}; a number, or {@code inf}). A key that is absent keeps carbon's code
 * default: MAX_CREATES_PER_MINUTE = inf (the carbon.conf Debian and carbon ship set it to 50).
 */
public record CarbonConf(String file, double maxCreatesPerMinute) {

    public static CarbonConf parse(Path file) { return from(CarbonIni.read(file), file.toString()); }

    public static CarbonConf parse(String fileName, String text) { return from(CarbonIni.parse(fileName, text), fileName); }

    private static CarbonConf from(CarbonIni ini, String file) {
        double creates = Double.POSITIVE_INFINITY;
        for (CarbonIni.Section s : ini.sections()) {
            if (!s.name().equals("cache")) continue;
            String v = s.options().get("max_creates_per_minute");
            if (v != null) creates = number(file, "MAX_CREATES_PER_MINUTE", v.strip());
        }
        return new CarbonConf(file, creates);
    }

    /** conf.py: int(value), else float(value) (Python accepts inf, infinity, nan in any case). */
    private static double number(String file, String key, String v) {
        String lower = v.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("inf") || lower.equals("+inf") || lower.equals("infinity")) return Double.POSITIVE_INFINITY;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": " + key + " = " + v + " is not a number");
        }
    }
}
