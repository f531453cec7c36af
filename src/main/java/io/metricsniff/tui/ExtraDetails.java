package io.metricsniff.tui;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.health.HealthCount;
import io.metricsniff.hop.Copy;
import io.metricsniff.hop.HopOutcome;
import io.metricsniff.output.TerminalEscaper;

import org.jline.utils.AttributedStyle;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The detail of a hop row, a hop drop (the whole reason, wrapped), a sender host's connection health and
 * a carbon-cache rules row (series or clock, wrapped).
 */
final class ExtraDetails {
    private ExtraDetails() { }

    static void render(Object row, BiConsumer<String, AttributedStyle> text, Consumer<String> wrapped) {
        if (row instanceof DropRow d) drop(d.outcome(), text, wrapped);
        else if (row instanceof HopRow h) hop(h, text);
        else if (row instanceof HealthRow r) health(r, text);
        else if (row instanceof CarbonRow c) for (String l : c.lines()) wrapped.accept(l);
    }

    private static void drop(HopOutcome o, BiConsumer<String, AttributedStyle> text, Consumer<String> wrapped) {
        text.accept("  " + o.verdict().json() + " at hop " + o.hop(), Palette.BOLD);
        text.accept("  path " + TerminalEscaper.escape(o.path()) + "  timestamp " + o.timestamp() + "  value "
                + Fmt.value(o.value()), Palette.PLAIN);
        text.accept("  in  " + copy(o.in()), Palette.PLAIN);
        for (Copy c : o.out()) text.accept("  out " + copy(c), Palette.PLAIN);
        StringBuilder where = new StringBuilder();
        for (Endpoint e : o.destinations()) where.append(where.length() > 0 ? ", " : "").append(e);
        if (where.length() > 0) text.accept("  destinations " + where, Palette.PLAIN);
        text.accept("  why:", Palette.BOLD);
        wrapped.accept(TerminalEscaper.escape(o.reason() == null ? "no cause seen on the wire" : o.reason()));
    }

    private static String copy(Copy c) { return Fmt.clock(c.timeNanos()) + "  " + c.src() + " > " + c.dst(); }

    private static void hop(HopRow h, BiConsumer<String, AttributedStyle> text) {
        if (h.isDestination()) {
            text.accept("  destination " + h.destination() + "  out " + Fmt.count(h.out()) + "  dropped "
                    + Fmt.count(h.dropped()), Palette.PLAIN);
            return;
        }
        text.accept("  in " + Fmt.count(h.in()) + "  delivered " + Fmt.count(h.delivered()) + "  dropped "
                + Fmt.count(h.dropped()) + "  duplicated " + Fmt.count(h.duplicated()) + "  misrouted "
                + Fmt.count(h.misrouted()) + "  unresolved " + Fmt.count(h.unresolved()), Palette.PLAIN);
        text.accept("  lag p50 " + Fmt.seconds(h.p50()) + "  p99 " + Fmt.seconds(h.p99()) + "  max "
                + Fmt.seconds(h.max()), Palette.PLAIN);
    }

    private static void health(HealthRow r, BiConsumer<String, AttributedStyle> text) {
        for (HealthCount c : HealthCount.values()) text.accept("  " + Screen.pad(c.key(), 18) + Fmt.count(r.get(c)), Palette.PLAIN);
        text.accept("  " + Screen.pad("retransmit rate", 18) + Panes.percent(r.retransmitRate()), Palette.PLAIN);
        text.accept("  open " + r.host().open() + "  quiet " + r.host().quiet() + (r.host().storming()
                ? "  reconnect storm going on (" + r.host().stormConnects() + " connects)" : ""), Palette.PLAIN);
    }
}
