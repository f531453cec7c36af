package io.metricsniff.tui;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

import java.util.List;

/** The ? pane: every key and what the columns mean. */
final class HelpPane {
    private HelpPane() { }

    static final String[] HELP = {
        "  keys",
        "  q, Ctrl-C      quit (the terminal is restored)",
        "  p, space       pause / resume the display (capture goes on)",
        "  s              sort by rate, problems, lag, name",
        "  /              filter by a Graphite glob: * ? [a-z] {a,b}; lab.* shows all under lab",
        "                 Enter keeps it, Esc restores the previous one; Esc later clears it",
        "  c, +, -        group rows by their first 1..6 path nodes, or show full paths",
        "  Enter          on a path: its recent values; on a prefix: drill in.  Left: back up",
        "  Tab            switch between the metrics table and the problems pane",
        "  Up/Down j/k    move; PgUp/PgDn page; Home/End g/G first/last",
        "  ?              this help; any key closes it",
        "",
        "  lag = capture time minus the metric's timestamp; interval = mean spacing of its timestamps",
        "  rate/s: per second over the last second while capturing, averaged over the capture at the end",
    };

    static void render(int height, List<AttributedString> out) {
        for (int i = 0; i < height; i++) {
            out.add(i < HELP.length ? new AttributedString(HELP[i], i == 0 ? Cells.BOLD : AttributedStyle.DEFAULT)
                    : AttributedString.EMPTY);
        }
    }
}
