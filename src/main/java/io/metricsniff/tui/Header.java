package io.metricsniff.tui;

import io.metricsniff.output.TerminalEscaper;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

import java.util.List;

/** The header: source and state (and progress through a file), capture counters, verdicts, problem kinds. */
final class Header {
    private Header() { }

    static void render(Frame f, ViewState vs, Palette pal, int width, List<AttributedString> out) {
        Frame.Header h = f.header();
        String state = vs.paused ? "PAUSED" : h.finished() ? (h.live() ? "STOPPED" : "END OF FILE") : h.live() ? "LIVE" : "READING";
        AttributedStringBuilder b = new AttributedStringBuilder().style(Palette.BAR);
        b.append(" metricsniff  ").append(h.description()).append("  elapsed ").append(Fmt.elapsed(h.elapsedSeconds()))
         .append("  [").append(state).append("] ");
        if (!h.finished() && h.readBytes() >= 0 && h.fileBytes() > 0) {
            b.append(" read ").append(Fmt.bytes(h.readBytes())).append(" of ").append(Fmt.bytes(h.fileBytes()))
             .append(" (").append(String.valueOf(Math.min(100, h.readBytes() * 100 / h.fileBytes()))).append("%)");
            b.append("  eta ").append(Double.isNaN(h.etaSeconds()) ? "-" : Fmt.elapsed(Math.ceil(h.etaSeconds()))).append(' ');
        }
        out.add(Screen.bar(b, width));

        b = new AttributedStringBuilder();
        b.append("packets ").append(Fmt.count(h.packets())).append("  bytes ").append(Fmt.bytes(h.bytes()))
         .append("  lines/s ").append(Fmt.count(h.linesPerSecond())).append("  drops ");
        if (h.kernelDrops().isPresent()) {
            long d = h.kernelDrops().getAsLong();
            b.style(d > 0 ? pal.alert() : Palette.PLAIN).append(Fmt.count(d)).style(Palette.PLAIN);
        } else b.append("-");
        b.append("  flows ").append(Fmt.count(h.flows())).append("  gaps ");
        b.style(h.gaps() > 0 ? pal.warn() : Palette.PLAIN).append(Fmt.count(h.gaps()));
        if (h.gaps() > 0) b.append(" (").append(Fmt.bytes(h.gapBytes())).append(")");
        b.style(Palette.PLAIN).append("  paths ").append(Fmt.count(h.paths()));
        if (h.pathOverflow() > 0) {
            b.style(pal.warn()).append(" (table full, ").append(Fmt.count(h.pathOverflow())).append(" untracked)").style(Palette.PLAIN);
        }
        out.add(b.toAttributedString());

        b = new AttributedStringBuilder();
        b.append("metrics ").append(Fmt.count(h.metrics()));
        Screen.verdicts(b, h.perVerdict(), pal);
        b.append("   sort ").style(Palette.BOLD).append(vs.sort.label).style(Palette.PLAIN);
        if (!vs.filter.matchesAll()) {
            b.append("  filter ").style(Palette.BOLD).append(TerminalEscaper.escape(vs.filter.text())).style(Palette.PLAIN)
             .append(" (").append(TerminalEscaper.escape(vs.filter.label())).append(")");
        }
        if (h.depth() > 0) {
            b.append("  prefixes ").append(String.valueOf(h.depth())).append(h.depth() == 1 ? " node" : " nodes")
             .append(vs.autoDepth ? " (auto)" : "");
        }
        out.add(b.toAttributedString());
        kinds(f, pal, width, out);
    }

    // every problem kind present, worst colour, biggest first; wrapped onto MAX_KIND_LINES lines
    private static void kinds(Frame f, Palette pal, int width, List<AttributedString> out) {
        AttributedStringBuilder b = new AttributedStringBuilder().append("kinds");
        if (f.kinds().isEmpty()) {
            out.add(b.style(Palette.DIM).append("  none").toAttributedString());
            return;
        }
        int lines = 1;
        for (int i = 0; i < f.kinds().size(); i++) {
            Frame.Kind k = f.kinds().get(i);
            String item = k.code() + " " + Fmt.count(k.count());
            String more = "  +" + (f.kinds().size() - i) + " more";
            if (b.columnLength() + 2 + item.length() > width) {
                if (lines == Screen.MAX_KIND_LINES) { b.append(more); break; }
                out.add(b.toAttributedString());
                b = new AttributedStringBuilder().append("     ");
                lines++;
            }
            b.append("  ").style(pal.verdict(k.verdict())).append(item).style(Palette.PLAIN);
        }
        out.add(b.toAttributedString());
    }
}
