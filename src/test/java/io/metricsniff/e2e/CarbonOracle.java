package io.metricsniff.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What carbon-cache itself made of a capture, recorded beside it by scripts/record-captures:
 * {@code <name>.carbon.log} (its "invalid line" log lines and errors) and {@code <name>.stored.txt}
 * (every point in the whisper files afterwards, {@code path timestamp value}).
 */
final class CarbonOracle {
    /** A line carbon logged as invalid: the client and python's repr() of the stripped line. */
    record Invalid(String client, String repr) { }

    /** A point carbon wrote to whisper. */
    record Stored(String path, long timestamp, double value) { }

    private static final Pattern INVALID =
            Pattern.compile("invalid line received from client (\\S+), ignoring \\[(.*)\\]$");

    final List<Invalid> invalid = new ArrayList<>();
    final List<Stored> stored = new ArrayList<>();
    final List<String> log;

    CarbonOracle(Path capture) throws IOException {
        String base = capture.toString().replaceAll("\\.pcap$", "");
        log = Files.readAllLines(Path.of(base + ".carbon.log"), StandardCharsets.UTF_8);
        for (String l : log) {
            Matcher m = INVALID.matcher(l);
            if (m.find()) invalid.add(new Invalid(m.group(1), m.group(2)));
        }
        for (String l : Files.readAllLines(Path.of(base + ".stored.txt"), StandardCharsets.UTF_8)) {
            if (l.isBlank()) continue;
            int b = l.lastIndexOf(' '), a = l.lastIndexOf(' ', b - 1);
            stored.add(new Stored(l.substring(0, a), Long.parseLong(l.substring(a + 1, b)),
                    Double.parseDouble(l.substring(b + 1).replace("inf", "Infinity"))));
        }
    }




    /** carbon normalises tagged names by sorting the tags; compare names the same way. */
    static String normalisePath(String path) {
        int semi = path.indexOf(';');
        if (semi < 0) return path;
        String[] tags = path.substring(semi + 1).split(";", -1);
        Arrays.sort(tags);
        return path.substring(0, semi) + ";" + String.join(";", tags);
    }
}
