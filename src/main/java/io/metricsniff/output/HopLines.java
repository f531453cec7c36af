package io.metricsniff.output;

import io.metricsniff.hop.Copy;
import io.metricsniff.hop.HopListener;
import io.metricsniff.hop.HopOutcome;

import java.io.PrintStream;

/**
 * Hop verdicts as output lines: {@code hop} JSON records (see the contract's "Hops" section), or
 * one escaped text line per problem:
 * {@code 02:50:17.1 HOP *:2013 DROPPED lab.x 1 1796007016 in 127.0.0.1:4 -> 127.0.0.21:2013  ! reason}.
 */
public final class HopLines implements HopListener {
    private final PrintStream out;
    private final Times times;
    private final boolean json;
    private final StringBuilder sb = new StringBuilder(256);

    public HopLines(PrintStream out, int timeDigits, boolean json) {
        this.out = out;
        this.times = new Times(timeDigits);
        this.json = json;
    }

    @Override public void outcome(HopOutcome o) {
        sb.setLength(0);
        if (json) json(o); else text(o);
        out.append(sb.append('\n'));
    }

    private void json(HopOutcome o) {
        sb.append("{\"type\":\"hop\",\"hop\":");
        Json.string(sb, o.hop()).append(",\"verdict\":\"").append(o.verdict().json()).append("\",\"path\":");
        Json.string(sb, o.path()).append(",\"timestamp\":").append(o.timestamp());
        Json.number(sb.append(",\"value\":"), o.value(), false);
        copy(sb.append(",\"in\":"), o.in()).append(",\"out\":[");
        for (int i = 0; i < o.out().size(); i++) copy(sb.append(i == 0 ? "" : ","), o.out().get(i));
        sb.append(']');
        if (o.lagNanos() >= 0) Json.number(sb.append(",\"lag_ms\":"), o.lagNanos() / 1e6, false);
        if (!o.destinations().isEmpty()) {
            sb.append(",\"destinations\":[");
            for (int i = 0; i < o.destinations().size(); i++) {
                sb.append(i == 0 ? "\"" : ",\"").append(o.destinations().get(i)).append('"');
            }
            sb.append(']');
        }
        if (o.reason() != null) Json.string(sb.append(",\"reason\":"), o.reason());
        sb.append('}');
    }

    private StringBuilder copy(StringBuilder b, Copy c) {
        b.append("{\"time\":\"");
        times.iso(b, c.timeNanos()).append("\",\"src\":\"").append(c.src()).append("\",\"dst\":\"").append(c.dst());
        return b.append("\"}");
    }

    private void text(HopOutcome o) {
        times.clock(sb, o.in().timeNanos()).append(" HOP ").append(o.hop()).append(' ');
        String label = o.verdict().name();
        sb.append(label);
        for (int i = label.length(); i < 10; i++) sb.append(' ');
        sb.append(TerminalEscaper.escape(o.path())).append(' ');
        Json.number(sb, o.value(), false).append(' ').append(o.timestamp())
                .append("  in ").append(o.in().src()).append(" -> ").append(o.in().dst());
        for (Copy c : o.out()) sb.append(", out -> ").append(c.dst());
        if (o.lagNanos() >= 0) sb.append(String.format(java.util.Locale.ROOT, " after %.3f ms", o.lagNanos() / 1e6));
        if (o.reason() != null) sb.append("  ! ").append(TerminalEscaper.escape(o.reason()));
    }
}
