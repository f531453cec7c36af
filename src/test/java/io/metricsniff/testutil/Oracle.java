package io.metricsniff.testutil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one reader of what the real receivers made of a capture, recorded beside it by
 * scripts/record-captures and scripts/record-protocols: {@code NAME.carbon.log} (carbon's
 * "invalid line" log lines and errors), {@code NAME.stored.txt} (every point in the whisper files
 * afterwards, {@code path timestamp value}) and {@code NAME.statsd.log}; for the relay hops of
 * scripts/record-crelay-hop, {@code NAME.received.txt} (what each destination read).
 */
public final class Oracle {
    private static final String INVALID = "invalid line received from "; // then "client " over TCP
    private static final String IGNORING = ", ignoring [";

    private Oracle() { }

    /** A line carbon logged as invalid: its daemon (log prefix), the client and python's repr() of the stripped line. */
    public record Invalid(String daemon, String client, String repr) { }

    /** A point whisper stored. */
    public record Stored(String path, long timestamp, double value) { }

    /** One line a relay's destination read (scripts/lib/relay-sink.py writes {@code DST<TAB>LINE}). */
    public record Received(String dst, String line) {
        /** The metric name: the line up to its first space. */
        public String name() { int sp = line.indexOf(' '); return sp < 0 ? line : line.substring(0, sp); }
        /** The value field (the hop tests send each line's index as its value). */
        public double value() {
            int a = line.indexOf(' ') + 1, b = line.indexOf(' ', a);
            return Double.parseDouble(b < 0 ? line.substring(a) : line.substring(a, b));
        }
    }

    /** Everything carbon-cache made of one capture. */
    public record Carbon(List<Invalid> invalid, List<Stored> stored, List<String> log) { }

    public static Carbon carbon(Path capture) {
        return new Carbon(carbonInvalid(capture), stored(capture), carbonLog(capture));
    }

    /** {@code captures/NAME.pcap}, checked to exist. */
    public static Path capture(String name) {
        Path pcap = Path.of("captures", name + ".pcap");
        if (!Files.isRegularFile(pcap)) throw new AssertionError("missing " + pcap + " (scripts/record-protocols)");
        return pcap;
    }

    /** The file recorded beside {@code capture} with {@code suffix} in place of .pcap. */
    public static List<String> beside(Path capture, String suffix) {
        Path p = Path.of(capture.toString().replaceAll("\\.pcap$", "") + suffix);
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + p, e);
        }
    }

    /** tshark's TCP counts for a capture ({@code NAME.tcp.txt}, scripts/lib/tcp-oracle.py): key to count. */
    public static java.util.Map<String, Long> tcpCounts(String name) {
        java.util.Map<String, Long> m = new java.util.HashMap<>();
        for (String line : beside(capture(name), ".tcp.txt")) {
            int sp = line.indexOf(' ');
            m.put(line.substring(0, sp), Long.parseLong(line.substring(sp + 1)));
        }
        return m;
    }

    /** What the relay's destinations read ({@code NAME.received.txt}, scripts/record-crelay-hop). */
    public static List<Received> relayReceived(Path capture) {
        return parseReceived(beside(capture, ".received.txt"));
    }

    /**
     * relay-sink.py's {@code DST<TAB>LINE} lines; a line without a field separator is not a metric
     * (carbon-c-relay counts a tag's ';' as one: it forwards "a.b;t=v" alone).
     */
    public static List<Received> parseReceived(List<String> lines) {
        List<Received> out = new ArrayList<>();
        for (String l : lines) {
            int tab = l.indexOf('\t');
            if (tab > 0 && (l.indexOf(' ', tab) > 0 || l.indexOf(';', tab) > 0)) out.add(new Received(l.substring(0, tab), l.substring(tab + 1)));
        }
        return out;
    }

    /** The whole carbon log. */
    public static List<String> carbonLog(Path capture) { return beside(capture, ".carbon.log"); }

    /**
     * The lines carbon logged as {@code invalid line received from [client ]C, ignoring [TEXT]}, TEXT
     * being Python's repr of the stripped line without its quotes.
     */
    public static List<Invalid> carbonInvalid(Path capture) {
        List<Invalid> l = new ArrayList<>();
        for (String line : carbonLog(capture)) {
            int at = line.indexOf(INVALID);
            int ignoring = at < 0 ? -1 : line.indexOf(IGNORING, at);
            if (ignoring < 0 || !line.endsWith("]")) continue;
            int colon = line.indexOf(':');
            String daemon = colon < 0 || colon > at ? "" : line.substring(0, colon);
            String client = line.substring(at + INVALID.length(), ignoring);
            l.add(new Invalid(daemon, client.startsWith("client ") ? client.substring("client ".length()) : client,
                    line.substring(ignoring + IGNORING.length(), line.length() - 1)));
        }
        return l;
    }

    /** The TEXT of every invalid line one daemon (log prefix, e.g. carbon-relay) logged. */
    public static List<String> carbonInvalid(Path capture, String daemon) {
        List<String> l = new ArrayList<>();
        for (Invalid i : carbonInvalid(capture)) if (i.daemon().equals(daemon)) l.add(i.repr());
        return l;
    }

    /** Every point in the whisper files after the recording. */
    public static List<Stored> stored(Path capture) {
        List<Stored> l = new ArrayList<>();
        for (String line : beside(capture, ".stored.txt")) {
            if (line.isBlank()) continue;
            int b = line.lastIndexOf(' ');
            int a = line.lastIndexOf(' ', b - 1);
            l.add(new Stored(line.substring(0, a), Long.parseLong(line.substring(a + 1, b)),
                    parsePythonFloat(line.substring(b + 1))));
        }
        return l;
    }

    /** The whole lines statsd logged as {@code Bad line: FIELDS in msg "LINE"}. */
    public static List<String> statsdBad(Path capture) {
        List<String> l = new ArrayList<>();
        for (String line : beside(capture, ".statsd.log")) {
            int at = line.indexOf("Bad line: ");
            if (at < 0) continue;
            int open = line.indexOf(" in msg \"", at);
            l.add(line.substring(open + " in msg \"".length(), line.lastIndexOf('"')));
        }
        return l;
    }

    /** Python's repr of a float: inf, -inf, nan or a decimal. */
    public static double parsePythonFloat(String s) {
        switch (s) {
            case "inf": return Double.POSITIVE_INFINITY;
            case "-inf": return Double.NEGATIVE_INFINITY;
            case "nan": return Double.NaN;
            default: return Double.parseDouble(s);
        }
    }

    /** carbon normalises tagged names by sorting the tags; compare names the same way. */
    public static String normalisePath(String path) {
        int semi = path.indexOf(';');
        if (semi < 0) return path;
        String[] tags = path.substring(semi + 1).split(";", -1);
        Arrays.sort(tags);
        return path.substring(0, semi) + ";" + String.join(";", tags);
    }
}
