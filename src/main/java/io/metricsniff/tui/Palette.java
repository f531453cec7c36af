package io.metricsniff.tui;

import io.metricsniff.record.Verdict;

import org.jline.utils.AttributedStyle;

/**
 * The live view's styles. With colour, verdicts are coloured (malformed red, future magenta,
 * late yellow, ok green); without (NO_COLOR, or a terminal without colours), only bold and
 * inverse remain, so nothing depends on colour alone: the verdict is always written out.
 */
record Palette(boolean colour) {
    static final AttributedStyle BAR = AttributedStyle.DEFAULT.inverse();
    static final AttributedStyle BOLD = AttributedStyle.BOLD;
    static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
    static final AttributedStyle PLAIN = AttributedStyle.DEFAULT;

    AttributedStyle verdict(Verdict v) {
        if (!colour) return v == Verdict.MALFORMED ? BOLD : PLAIN;
        switch (v) {
            case MALFORMED: return AttributedStyle.BOLD.foreground(AttributedStyle.RED);
            case FUTURE: return AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
            case LATE: return AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
            default: return AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
        }
    }

    /** Something wrong with the capture itself (kernel drops). */
    AttributedStyle alert() { return colour ? AttributedStyle.BOLD.foreground(AttributedStyle.RED) : BOLD; }

    /** Something to look at (gaps, a full path table). */
    AttributedStyle warn() { return colour ? AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW) : BOLD; }
}
