package io.metricsniff.output;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code --format text}: one ngrep-like line per metric,
 * {@code 07:12:21.123456 T 127.0.0.1:50236 -> 127.0.0.1:2003 MALFORMED lab.x nan 1  ! nan-value: ...}.
 * Network text is escaped; problems stand out (in colour on a terminal).
 */
public final class TextSink implements RecordSink {
    private static final String RED = "\u001b[1;31m", YELLOW = "\u001b[33m", GREEN = "\u001b[32m",
            CYAN = "\u001b[36m", RESET = "\u001b[0m";

    /** A line longer than this is cut in text output (JSON keeps all of it): one screen line or so. */
    public static final int MAX_SHOWN_CHARS = 300;

    private final PrintStream out;
    private final Times times;
    private final boolean colour;
    private final StringBuilder sb = new StringBuilder(256);

    public TextSink(PrintStream out, int timeDigits, boolean colour) {
        this.out = out;
        this.times = new Times(timeDigits);
        this.colour = colour;
    }

    @Override public void metric(MetricRecord r) {
        sb.setLength(0);
        flow(r.timeNanos(), r.transport() == Transport.TCP ? 'T' : 'U', r.src(), r.dst());
        Verdict v = r.verdict();
        String label = v == Verdict.OK ? "ok" : v.name();
        if (colour) sb.append(v == Verdict.OK ? GREEN : v == Verdict.MALFORMED ? RED : YELLOW);
        sb.append(label);
        if (colour) sb.append(RESET);
        for (int i = label.length(); i < 10; i++) sb.append(' ');
        String raw = r.raw();
        if (raw.length() > MAX_SHOWN_CHARS) {
            sb.append(TerminalEscaper.escape(raw.substring(0, MAX_SHOWN_CHARS))).append("... (").append(r.rawLength()).append(" bytes)");
        } else {
            sb.append(TerminalEscaper.escape(raw));
        }
        if (r.riemann() != null && r.path() != null) sb.append("  -> ").append(TerminalEscaper.escape(r.path())); // its Graphite path
        if (r.storedPath() != null) sb.append("  (stored as ").append(TerminalEscaper.escape(r.storedPath())).append(')');
        List<Problem> problems = r.problems();
        if (!problems.isEmpty()) {
            sb.append(colour ? (v == Verdict.OK ? CYAN : RED) : "").append("  ! ");
            for (int i = 0; i < problems.size(); i++) {
                if (i > 0) sb.append("; ");
                sb.append(problems.get(i).code()).append(": ").append(TerminalEscaper.escape(problems.get(i).message()));
            }
            if (colour) sb.append(RESET);
        }
        out.append(sb.append('\n'));
    }

    @Override public void gap(long timeNanos, Endpoint src, Endpoint dst, long bytes) {
        sb.setLength(0);
        flow(timeNanos, 'T', src, dst);
        if (colour) sb.append(YELLOW);
        sb.append("GAP       ").append(bytes).append(" bytes missing from the capture; partial line dropped");
        if (colour) sb.append(RESET);
        out.append(sb.append('\n'));
    }

    @Override public void skipped(long timeNanos, Endpoint src, Endpoint dst, long bytes, String why) {
        sb.setLength(0);
        flow(timeNanos, 'T', src, dst);
        sb.append("SKIPPED   ").append(bytes).append(" bytes: ").append(why);
        out.append(sb.append('\n'));
    }

    private void flow(long timeNanos, char transport, Endpoint src, Endpoint dst) {
        times.clock(sb, timeNanos).append(' ').append(transport).append(' ')
                .append(src).append(" -> ").append(dst).append(' ');
    }
}
