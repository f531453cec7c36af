package io.metricsniff.cli;

import io.metricsniff.hop.HopEngine;
import io.metricsniff.record.Protocol;
import io.metricsniff.verdict.ReceiverProfile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line, as in docs/interface.md. Each option sits beside its help. */
@Command(name = "metricsniff", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = Version.class,
        usageHelpWidth = 100,
        description = {
            "Watch Graphite metric traffic (plaintext, pickle, StatsD) on the wire, reassemble TCP and",
            "judge every metric the way a real receiver would: malformed, late and future metrics stand out.",
            "",
            "  metricsniff -d lo port 2003       live, on an interface, with a BPF filter",
            "  metricsniff -I capture.pcap        replay a pcap or pcapng file",
            ""},
        footer = {"", "Filter words form one BPF expression, as with tcpdump and ngrep. Default filter:",
            "  " + SniffCommand.DEFAULT_FILTER,
            "On Ethernet the filter also matches inside one or two VLAN tags (802.1Q, QinQ), unlike",
            "tcpdump's 'port 2003'; a filter that says 'vlan' itself is used as typed.",
            "Exit status: 0 success, 1 an --expect was not met, 2 usage or capture error."})
public final class SniffCommand {
    /** Every port {@code --protocol auto} reads ({@code Protocol.forPort}; a test keeps the two in step). */
    static final String DEFAULT_FILTER = "port 2003 or port 2004 or port 2013 or port 2014 or port 2023 or port 2024"
            + " or port 5555 or port 8125";

    enum Format { text, json, tui }

    /** Where packets come from: one of the two, or neither (the first up device). */
    static final class Source {
        @Option(names = {"-d", "-i", "--device"}, paramLabel = "IFACE",
                description = "Live capture on IFACE (lo, eth0, any); -i as in tcpdump.")
        String device;

        @Option(names = {"-I", "-r", "--input"}, paramLabel = "FILE",
                description = "Replay a capture file: pcap (µs or ns) or pcapng; - reads a stream from stdin "
                        + "(tcpdump -U -w - | metricsniff -I -); -r as in tcpdump.")
        Path input;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source = new Source();

    @Option(names = {"-O", "-w", "--output"}, paramLabel = "FILE",
            description = "Also write the captured packets that passed the filter to a pcap file; -w as in tcpdump.")
    Path output;

    @Option(names = {"-B", "--buffer-size"}, paramLabel = "KiB",
            description = "Kernel capture buffer in KiB, as tcpdump's -B (default 131072 = 128 MiB).")
    Integer bufferKiB;

    @Option(names = "--immediate-mode",
            description = "Deliver each packet at once (default only while a person watches: tui, or text on a terminal).")
    boolean immediate;

    @Option(names = {"-n", "-c", "--count"}, paramLabel = "N",
            description = "Stop after N metric records (-c as in tcpdump, but metrics, not packets).")
    Long count;

    @Option(names = {"-q", "--quiet"}, description = "Print only the final summary (in the chosen format).")
    boolean quiet;

    @Option(names = "--format", paramLabel = "text|json|tui",
            description = "Output format. Default: tui for live capture on a terminal, text otherwise.")
    Format format;

    @Option(names = "--protocol", paramLabel = "auto|graphite|pickle|statsd|riemann", defaultValue = "auto",
            converter = Converters.ProtocolName.class,
            description = "How payloads are read. auto goes by port: 2003, 2013, 2023 plaintext; "
                    + "2004, 2014, 2024 pickle; 8125 StatsD; 5555 Riemann's protobuf (TCP and UDP).")
    Protocol protocol;

    @Option(names = "--receiver", paramLabel = "NAME", defaultValue = "carbon", converter = Converters.Receiver.class,
            description = "Whose rules decide the verdict: carbon, go-carbon, carbon-c-relay, carbon-relay-ng, "
                    + "riemann (default ${DEFAULT-VALUE}).")
    ReceiverProfile receiver;

    @Option(names = "--late", paramLabel = "DURATION", converter = Converters.Duration.class, defaultValue = "60s",
            description = "How far a metric timestamp may trail the capture time of its packet (default ${DEFAULT-VALUE}).")
    DurationOption late;

    @Option(names = "--future", paramLabel = "DURATION", converter = Converters.Duration.class, defaultValue = "60s",
            description = "How far a metric timestamp may lead the capture time of its packet (default ${DEFAULT-VALUE}).")
    DurationOption future;

    @Option(names = "--expect", paramLabel = "GLOB",
            description = "Delivery check (repeatable): exit 0 only if every GLOB matched a metric with verdict ok.")
    List<String> expect = new ArrayList<>();

    @Option(names = "--within", paramLabel = "DURATION", converter = Converters.Duration.class,
            description = "Live capture with --expect: stop as soon as every expectation is met; fail when the time is up.")
    DurationOption within;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.Duration.class,
            description = "Live capture: stop after DURATION (like tshark's -a duration), then print the summary. "
                    + "DURATION: 90 (seconds), 90s, 1m30s, 500ms, 2h, 7d.")
    DurationOption duration;

    @Option(names = "--schemas", paramLabel = "FILE",
            description = "carbon's storage-schemas.conf, for the retention and xFilesFactor advice.")
    Path schemas;

    @Option(names = "--aggregation", paramLabel = "FILE",
            description = "carbon's storage-aggregation.conf, for the retention and xFilesFactor advice.")
    Path aggregation;

    @Option(names = "--whisper-dir", paramLabel = "DIR", defaultValue = "/var/lib/graphite/whisper",
            description = "Where carbon keeps .wsp files, for the commands the advice prints (default ${DEFAULT-VALUE}).")
    Path whisperDir;

    @Option(names = "--hop", paramLabel = "[KIND:]ENDPOINTS",
            description = {"Follow every datapoint across a relay (repeatable, one per hop): traffic to ENDPOINTS "
                    + "(2013,2014 or 10.0.0.5:2003; KIND carbon (default), carbon-c-relay or riemann) goes in, metric "
                    + "traffic to other ports comes out (plaintext or pickle, told by its first bytes). Capture both "
                    + "sides: on the relay's host with -d any, or -d lo when it all runs on loopback; with no filter "
                    + "words the filter is 'tcp or udp'."})
    List<String> hops = new ArrayList<>();

    @Option(names = "--hop-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Converters.Duration.class,
            description = "A datapoint not seen leaving a hop within DURATION (capture time) is dropped (default ${DEFAULT-VALUE}).")
    DurationOption hopTimeout;

    @Option(names = "--hop-max-pending", paramLabel = "N", defaultValue = "" + HopEngine.Options.DEFAULT_MAX_PENDING,
            description = "Datapoints pending per hop before the oldest is settled early, unresolved if no copy came out yet (default ${DEFAULT-VALUE}; "
                    + "64 bytes each plus its name: raise it, and the heap, when a busy relay's datapoints end unresolved).")
    int hopMaxPending;

    @Option(names = "--hop-replicas", paramLabel = "N",
            description = "Copies of each datapoint a hop sends (its REPLICATION_FACTOR; default 1, or what --hop-config says).")
    Integer hopReplicas;

    @Option(names = "--hop-config", paramLabel = "FILE",
            description = "The relay's own config (carbon.conf with a [relay] section, or a carbon-c-relay config): copies "
                    + "sent where its rules would not send them are misrouted, and it gives the replication factor.")
    Path hopConfig;

    @Option(names = "--hop-delivered", description = "Also report each delivered datapoint (with its lag).")
    boolean hopDelivered;

    @Option(names = "--health",
            description = "Connection health from TCP headers: refused connects, resets and the lines they lost, "
                    + "zero windows, retransmissions, reconnect storms (summary key health).")
    boolean health;

    @Option(names = "--carbon-conf", paramLabel = "FILE",
            description = "carbon.conf (with --schemas): hold the traffic against carbon-cache's create limit, storage "
                    + "slots and writers (summary key carbon); also per-host clock offsets (clocks).")
    Path carbonConf;

    @Option(names = "--report-to", paramLabel = "HOST:PORT", converter = Converters.ReportTarget.class,
            description = "Send metricsniff's own counts to this Graphite line receiver (plaintext) under "
                    + "metricsniff.<host>. every --report-interval; implies --health. Its own connection is not judged.")
    InetSocketAddress reportTo;

    @Option(names = "--report-interval", paramLabel = "DURATION", defaultValue = "60s", converter = Converters.Duration.class,
            description = "How often --report-to sends (default ${DEFAULT-VALUE}); counts are per interval.")
    DurationOption reportInterval;

    @Option(names = "--report-host", paramLabel = "NAME",
            description = "The <host> node of the reported names (default: this machine's short host name).")
    String reportHost;

    @Option(names = "--pace", description = "With -I and --format tui: replay at the recorded pace.")
    boolean pace;

    @Option(names = {"-D", "--list-interfaces"}, description = "List the devices libpcap can capture on, as tcpdump -D.")
    boolean listInterfaces;

    @Parameters(paramLabel = "FILTER", arity = "0..*", description = "BPF filter words.")
    List<String> filterWords = new ArrayList<>();

    String filter() {
        return filterWords.isEmpty() ? DEFAULT_FILTER : String.join(" ", filterWords);
    }
}
