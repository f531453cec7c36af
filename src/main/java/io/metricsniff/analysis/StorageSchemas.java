package io.metricsniff.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * carbon's storage-schemas.conf, loaded as carbon-cache's loadStorageSchemas does: sections in
 * file order, first whose {@code pattern} {@code re.search}es the metric name wins, and after
 * them carbon's built-in default (60 s for 7 days). Sections carbon skips (no pattern, no
 * retentions, an archive list whisper rejects) are skipped here too and listed in {@link #notes()};
 * what makes carbon exit (a bad retention, a bad regex, configparser errors) throws
 * IllegalArgumentException with one line.
 */
public final class StorageSchemas {
    /** One schema section. {@code archives} sorted finest first, as whisper stores them. */
    public record Schema(String name, String pattern, Pattern regex, String retentions,
                         List<Retention.Archive> archives) {
        public boolean matches(String metric) { return regex == null || regex.matcher(metric).find(); }
        public long maxRetentionSeconds() {
            long m = 0;
            for (Retention.Archive a : archives) m = Math.max(m, a.retentionSeconds());
            return m;
        }
        public boolean isBuiltinDefault() { return regex == null; }
    }

    /** carbon/storage.py: defaultArchive = Archive(60, 60 * 24 * 7), used when nothing matches. */
    public static final Schema CARBON_DEFAULT = new Schema("default (carbon built-in)", null, null, "60:10080",
            List.of(new Retention.Archive(60, 60 * 24 * 7)));

    private final String file;
    private final List<Schema> schemas;
    private final List<String> notes;

    private StorageSchemas(String file, List<Schema> schemas, List<String> notes) {
        this.file = file;
        this.schemas = schemas;
        this.notes = notes;
    }

    public static StorageSchemas parse(Path file) { return from(CarbonIni.read(file), file.toString()); }

    /** For tests and for text held in memory. */
    public static StorageSchemas parse(String fileName, String text) {
        return from(CarbonIni.parse(fileName, text), fileName);
    }

    private static StorageSchemas from(CarbonIni ini, String file) {
        List<Schema> list = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (CarbonIni.Section s : ini.sections()) {
            Map<String, String> o = s.options();
            String retentions = o.get("retentions");
            if (retentions == null) { notes.add("[" + s.name() + "] has no 'retentions': carbon skips it"); continue; }
            List<Retention.Archive> archives;
            try {
                archives = Retention.parse(retentions);
            } catch (IllegalArgumentException e) {
                throw s.error(file, e.getMessage());
            }
            Pattern regex = s.patternRegex(file, notes);
            if (regex == null) continue;
            List<Retention.Archive> sorted;
            try {
                sorted = Retention.validate(archives);
            } catch (IllegalArgumentException e) {
                notes.add("[" + s.name() + "] retentions " + retentions + " rejected by whisper, carbon skips it: " + e.getMessage());
                continue;
            }
            list.add(new Schema(s.name(), o.get("pattern"), regex, retentions, sorted));
        }
        list.add(CARBON_DEFAULT);
        return new StorageSchemas(file, List.copyOf(list), List.copyOf(notes));
    }

    /** carbon's choice for a new metric: the first matching section, else the built-in default. */
    public Schema match(String metric) {
        for (Schema s : schemas) if (s.matches(metric)) return s;
        return CARBON_DEFAULT; // unreachable: the default is last and matches everything
    }

    /** The sections in carbon's order, ending with the built-in default. */
    public List<Schema> schemas() { return schemas; }

    /** Sections carbon skips, one line each, for the summary. */
    public List<String> notes() { return notes; }

    public String file() { return file; }
}
