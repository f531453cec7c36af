package io.metricsniff.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Writes the man page (troff) and the bash completion from the picocli command itself, so both
 * stay in step with the options: {@code java -cp metricsniff.jar io.metricsniff.cli.Generate man|bash}.
 * scripts/install installs them.
 */
public final class Generate {
    private Generate() { }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        CommandLine cl = new CommandLine(new SniffCommand());
        String what = args.length == 1 ? args[0] : "";
        switch (what) {
            case "man" -> out.print(manPage(cl.getCommandSpec()));
            case "bash" -> out.print(AutoComplete.bash("metricsniff", cl));
            default -> {
                System.err.println("usage: Generate man|bash");
                System.exit(2);
            }
        }
    }

    static String manPage(CommandSpec spec) {
        StringBuilder sb = new StringBuilder();
        sb.append(".TH METRICSNIFF 1 \"").append(LocalDate.now()).append("\" \"").append(Version.METRICSNIFF)
                .append("\" \"User Commands\"\n.SH NAME\nmetricsniff \\- watch Graphite metric traffic and judge it as a receiver would\n")
                .append(".SH SYNOPSIS\n.B metricsniff\n[\\fIOPTIONS\\fR] [\\fIFILTER WORDS\\fR...]\n.SH DESCRIPTION\n");
        for (String line : spec.usageMessage().description()) sb.append(line.isBlank() ? ".PP\n" : roff(line) + "\n");
        sb.append(".SH OPTIONS\n");
        for (OptionSpec o : spec.options()) {
            sb.append(".TP\n.B ").append(roff(String.join(", ", o.names())));
            if (o.arity().max() > 0) sb.append(" \\fI").append(roff(o.paramLabel())).append("\\fR");
            sb.append('\n');
            for (String d : o.description()) sb.append(roff(d.replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue())))).append('\n');
        }
        sb.append(".SH FILTER AND EXIT STATUS\n");
        for (String line : spec.usageMessage().footer()) if (!line.isBlank()) sb.append(roff(line.strip())).append("\n.br\n");
        sb.append(".SH SEE ALSO\ntcpdump(8), ngrep(8), pcap-filter(7)\n");
        return sb.toString();
    }

    /** troff: a leading dot or quote would be a request; a backslash an escape. */
    private static String roff(String s) {
        String t = s.replace("\\", "\\e").replace("-", "\\-");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }
}
