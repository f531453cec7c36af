package io.metricsniff.analysis;

import io.metricsniff.output.Json;
import io.metricsniff.output.TerminalEscaper;

import java.util.List;
import java.util.Locale;

/**
 * One retention/xFilesFactor finding for a group of paths that share a storage schema, an
 * aggregation rule and (for the interval findings) an arrival interval. Fields not relevant to a
 * kind are NaN / 0 / null. Render with {@link #toText()} or {@link #toJson()}.
 *
 * @param pathPrefix       the dotted node prefix all paths share ("" when none)
 * @param samplePaths      a few of the paths, sorted (bounded by {@link RetentionAdvisor#MAX_SAMPLE_PATHS})
 * @param retentions       the schema's retentions as written in the file
 * @param intervalSeconds  measured interval between a path's metric timestamps, rounded to 2 digits
 * @param finestFilled     fraction of finest-archive slots that receive a point
 * @param rollupPrecision  the first rollup archive that has null points (seconds per point)
 * @param rollupKnownFraction mean fraction of known finer slots per point of that rollup
 * @param rollupNullFraction  fraction of that rollup's points that are null although data arrived
 * @param maxLagSeconds    TOO_OLD: how far the oldest point trailed its capture time, at least
 * @param fixRetentions    a retentions value that avoids the problem (checked with whisper's rule), or null
 * @param fixXFilesFactor  an xFilesFactor that avoids the problem (checked), or null
 * @param commands         shell commands that apply the fix to existing whisper files (paths quoted)
 */
public record Advice(Kind kind, long pathCount, String pathPrefix, List<String> samplePaths,
                     String schemaName, String retentions, String aggregationName, double xFilesFactor,
                     String aggregationMethod, double intervalSeconds, long finestPrecision, double finestFilled,
                     long rollupPrecision, double rollupKnownFraction, double rollupNullFraction,
                     double maxLagSeconds, long maxRetentionSeconds, String fixRetentions, Double fixXFilesFactor,
                     List<String> commands, String headline) {

    public enum Kind {
        /** Every rollup point is null: too few finer slots filled for xFilesFactor. */
        NULL_ROLLUPS(true),
        /** Some rollup points are null although data arrived in their time span. */
        SOME_NULL_ROLLUPS(true),
        /** Points older than the longest retention: whisper drops them without a word. */
        TOO_OLD(true),
        /** The interval is coarser than the finest precision: most finest slots stay empty. */
        SPARSE_FINEST(false);

        private final boolean warning;
        Kind(boolean warning) { this.warning = warning; }
        public boolean warning() { return warning; }
        public String json() { return name().toLowerCase(Locale.ROOT); }
    }

    public String severity() { return kind.warning() ? "warning" : "info"; }

    /** The paths as people say it: "41 paths under collectd.", or the single path. */
    public String pathsText() {
        if (pathCount == 1 && !samplePaths.isEmpty()) return TerminalEscaper.escape(samplePaths.get(0));
        String s = pathCount + " paths";
        if (!pathPrefix.isEmpty()) s += " under " + TerminalEscaper.escape(pathPrefix) + ".";
        if (!samplePaths.isEmpty()) s += " (e.g. " + TerminalEscaper.escape(samplePaths.get(0)) + ")";
        return s;
    }

    /** Several lines, no trailing newline, terminal-safe. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(kind.warning() ? "WARNING " : "note ").append(pathsText()).append(": ").append(TerminalEscaper.escape(headline));
        b.append("\n  schema [").append(TerminalEscaper.escape(schemaName)).append("] retentions ").append(TerminalEscaper.escape(retentions));
        if (kind != Kind.TOO_OLD) {
            b.append("; aggregation [").append(TerminalEscaper.escape(aggregationName)).append("] xFilesFactor ")
             .append(num(xFilesFactor)).append(' ').append(TerminalEscaper.escape(aggregationMethod));
            b.append("\n  interval ").append(num(intervalSeconds)).append("s into ")
             .append(Retention.format(finestPrecision)).append(" slots: ").append(pct(finestFilled)).append(" of slots filled");
            if (rollupPrecision > 0) {
                b.append("; each ").append(Retention.format(rollupPrecision)).append(" point sees ")
                 .append(pct(rollupKnownFraction)).append(" known ")
                 .append(rollupKnownFraction < xFilesFactor ? "< " : "vs ").append("xFilesFactor ").append(num(xFilesFactor))
                 .append(" -> ").append(pct(rollupNullFraction)).append(" of ").append(Retention.format(rollupPrecision))
                 .append(" points null");
            }
        } else {
            b.append("\n  oldest point at least ").append(Expectations.seconds(maxLagSeconds))
             .append(" old on arrival; longest retention ").append(Retention.format(maxRetentionSeconds));
        }
        if (fixRetentions != null || fixXFilesFactor != null) {
            b.append("\n  fix:");
            if (fixRetentions != null) {
                b.append(" retentions = ").append(fixRetentions).append(" in [").append(TerminalEscaper.escape(schemaName)).append(']');
            }
            if (fixXFilesFactor != null) {
                b.append(fixRetentions != null ? ", or" : "").append(" xFilesFactor = ").append(num(fixXFilesFactor))
                 .append(" in [").append(TerminalEscaper.escape(aggregationName)).append(']');
            }
            b.append(" (new files only; for existing files:)");
        }
        for (String c : commands) b.append("\n    ").append(TerminalEscaper.escape(c));
        return b.toString();
    }

    /** A JSON object (no trailing newline), snake_case keys like the contract. */
    public String toJson() {
        StringBuilder b = new StringBuilder(512);
        b.append("{\"kind\":\"").append(kind.json()).append('"')
         .append(",\"severity\":\"").append(severity()).append('"')
         .append(",\"paths\":").append(pathCount)
         .append(",\"path_prefix\":");
        Json.string(b, pathPrefix).append(",\"sample_paths\":");
        Json.value(b, samplePaths).append(",\"schema\":");
        Json.string(b, schemaName).append(",\"retentions\":");
        Json.string(b, retentions).append(",\"aggregation\":");
        Json.string(b, aggregationName)
         .append(",\"xfilesfactor\":").append(jnum(xFilesFactor))
         .append(",\"aggregation_method\":");
        Json.string(b, aggregationMethod)
         .append(",\"interval_seconds\":").append(jnum(intervalSeconds))
         .append(",\"finest_precision_seconds\":").append(finestPrecision)
         .append(",\"finest_filled\":").append(jnum(finestFilled))
         .append(",\"rollup_precision_seconds\":").append(rollupPrecision)
         .append(",\"rollup_known_fraction\":").append(jnum(rollupKnownFraction))
         .append(",\"rollup_null_fraction\":").append(jnum(rollupNullFraction))
         .append(",\"max_lag_seconds\":").append(jnum(maxLagSeconds))
         .append(",\"max_retention_seconds\":").append(maxRetentionSeconds)
         .append(",\"fix_retentions\":");
        Json.value(b, fixRetentions) // null when there is no fix
         .append(",\"fix_xfilesfactor\":").append(fixXFilesFactor == null ? "null" : jnum(fixXFilesFactor))
         .append(",\"commands\":");
        Json.value(b, commands).append(",\"message\":");
        Json.string(b, headline).append('}');
        return b.toString();
    }

    static String num(double v) {
        if (Double.isNaN(v)) return "?";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%.1f", v);
        String s = String.format(Locale.ROOT, "%.3f", v);
        while (s.endsWith("0")) s = s.substring(0, s.length() - 1);
        return s;
    }

    static String pct(double f) { return Double.isNaN(f) ? "?" : Math.round(f * 100) + "%"; }

    private static String jnum(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "null";
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
