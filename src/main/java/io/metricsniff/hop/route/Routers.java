package io.metricsniff.hop.route;

import io.metricsniff.hop.Router;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the {@link Router} of a relay from its own config file (for {@code --hop-config FILE}):
 * a carbon.conf (an INI file: its first statement is a {@code [section]}) gives carbon-relay's
 * consistent-hashing router from the {@code [relay]} section; anything else is read as a
 * carbon-c-relay config. A file either cannot use is one line in an IllegalArgumentException.
 */
public final class Routers {
    /** Relay configs are small; a bigger file is the wrong file. */
    static final long MAX_FILE_BYTES = 4L << 20;

    private Routers() { }

    public static Router fromConfig(Path file) {
        String text = read(file);
        return looksLikeIni(text) ? CarbonRelayConf.read(file) : CRelayConfig.parse(file.toString(), text);
    }

    /** The first line that is not blank or a comment starts with '[' (carbon.conf's [cache], [relay]...). */
    static boolean looksLikeIni(String text) {
        for (String line : text.split("\n", -1)) { // a config file, not the hot path
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith(";")) continue;
            return s.startsWith("[") && s.endsWith("]");
        }
        return false;
    }

    private static String read(Path file) {
        try {
            if (Files.isDirectory(file)) throw new IllegalArgumentException(file + ": is a directory, not a relay config");
            if (Files.size(file) > MAX_FILE_BYTES) throw new IllegalArgumentException(file + ": larger than " + MAX_FILE_BYTES + " bytes, not a relay config");
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }
}
