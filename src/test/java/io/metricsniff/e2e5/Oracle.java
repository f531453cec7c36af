package io.metricsniff.e2e5;

import java.util.ArrayList;
import java.util.List;

/** Reads the receivers' own verdicts kept beside each capture by scripts/record-protocols. */
final class Oracle {
    private Oracle() { }

    /** A point whisper stored: `path timestamp value` in NAME.stored.txt. */
    record Stored(String path, long timestamp, double value) { }

    static List<Stored> stored(String name) {
        List<Stored> l = new ArrayList<>();
        for (String line : Replay.readLines(name + ".stored.txt")) {
            if (line.isBlank()) {
                continue;
            }
            int a = line.lastIndexOf(' ');
            int b = line.lastIndexOf(' ', a - 1);
            l.add(new Stored(line.substring(0, b), Long.parseLong(line.substring(b + 1, a)),
                    parsePythonFloat(line.substring(a + 1))));
        }
        return l;
    }

    static double parsePythonFloat(String s) {
        switch (s) {
            case "inf": return Double.POSITIVE_INFINITY;
            case "-inf": return Double.NEGATIVE_INFINITY;
            case "nan": return Double.NaN;
            default: return Double.parseDouble(s);
        }
    }

    /**
     * The lines carbon logged as `invalid line received from ..., ignoring [TEXT]`, TEXT being
     * Python's repr of the stripped line without its quotes (the same as the stripped line for
     * the plain ASCII lines the recordings send). Only lines of the given daemon (prefix).
     */
    static List<String> carbonInvalid(String name, String daemon) {
        List<String> l = new ArrayList<>();
        for (String line : Replay.readLines(name + ".carbon.log")) {
            if (!line.startsWith(daemon + ":") || !line.contains("invalid line received from")) {
                continue;
            }
            int open = line.indexOf(", ignoring [");
            l.add(line.substring(open + ", ignoring [".length(), line.lastIndexOf(']')));
        }
        return l;
    }

    /** The whole lines statsd logged as `Bad line: FIELDS in msg "LINE"`. */
    static List<String> statsdBad(String name) {
        List<String> l = new ArrayList<>();
        for (String line : Replay.readLines(name + ".statsd.log")) {
            int at = line.indexOf("Bad line: ");
            if (at < 0) {
                continue;
            }
            int open = line.indexOf(" in msg \"", at);
            l.add(line.substring(open + " in msg \"".length(), line.lastIndexOf('"')));
        }
        return l;
    }


}
