package io.metricsniff.tui;

/**
 * The help screen ({@code ?}). README.md's key list is these lines; a test keeps them in step,
 * and {@code scripts/tui-check} presses every key listed here.
 */
final class HelpText {
    private HelpText() { }

    static final String[] KEYS = {
        "q, Ctrl-C      quit (the terminal is restored)",
        "p, space       pause / resume the display (capture goes on)",
        "s              sort paths by rate, problems, lag, name",
        "/              filter every pane: text is a substring (cpu), text with * ? [ { a Graphite",
        "               glob on leading path nodes (lab.*), re:REGEX a regular expression (re:cpu-[0-3])",
        "               Enter keeps it, Esc restores the previous one; Esc later clears it",
        "c, +, -        group paths by their first 1..6 nodes, or show full paths",
        "w              upper pane: paths, or senders grouped by host",
        "r              lower pane: problems grouped by kind, host and prefix, or raw lines newest first",
        "H              hops (--hop): per hop in/delivered/dropped/duplicated/misrouted/unresolved and lag,",
        "               per destination out/dropped; below, the latest drops (Enter: the whole reason)",
        "C              connection health (--health) per sender host: refused, resets, lines lost,",
        "               zero windows, retransmissions, reconnect storms; below, carbon-cache's rules",
        "               (--carbon-conf): series held back at the create limit, overwritten in a slot",
        "               (the values lost), written by several hosts; and each sender host's clock offset",
        "Tab            switch between the upper and the lower pane",
        "Enter          open the selected row's detail (on a prefix: drill in)",
        "Esc, Left      close the detail; Left also leaves a drilled-in prefix",
        "Up/Down j/k    move; PgUp/PgDn page; Home/End g/G first/last",
        "?, h           this help; any key closes it",
    };

    static final String[] NOTES = {
        "lag = capture time minus the metric's timestamp (\"ms timestamp\" when it is in milliseconds)",
        "rate/s: one-minute moving average while capturing, the average over the capture at the end",
        "rows keep their order for 10 s between re-sorts, so keys land on the row you see",
        "clock = a sender's median (timestamp - capture time): its clock's offset, or its delay",
    };

    static int lines() { return KEYS.length + NOTES.length + 2; }

    static String line(int i) {
        if (i == 0) return "  keys";
        if (i <= KEYS.length) return "  " + KEYS[i - 1];
        if (i == KEYS.length + 1) return "";
        int n = i - KEYS.length - 2;
        return n < NOTES.length ? "  " + NOTES[n] : "";
    }
}
