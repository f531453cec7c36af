package io.metricsniff.tui;

import io.metricsniff.record.Verdict;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** Styles and fixed-width cells for the screen layout: columns, not chars (wide characters count twice). */
final class Cells {
    private Cells() { }

    static final AttributedStyle BAR = AttributedStyle.DEFAULT.inverse();
    static final AttributedStyle BOLD = AttributedStyle.BOLD;
    static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
    static final AttributedStyle SELECTED = AttributedStyle.DEFAULT.inverse();

    static AttributedStyle style(Verdict v) {
        switch (v) {
            case MALFORMED: return AttributedStyle.BOLD.foreground(AttributedStyle.RED);
            case FUTURE: return AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
            case LATE: return AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
            default: return AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
        }
    }

    static AttributedString bar(AttributedStringBuilder b, int width) {
        int w = b.columnLength();
        if (w < width) b.append(" ".repeat(width - w));
        return b.toAttributedString();
    }

    static AttributedString fitLine(AttributedString s, int width) {
        return s.columnLength() <= width ? s : s.columnSubSequence(0, width);
    }

    /** Left-aligned in exactly {@code w} columns, cut with a {@code ~}. */
    static String pad(String s, int w) {
        AttributedString a = new AttributedString(s);
        int len = a.columnLength();
        if (len == w) return s;
        if (len < w) return s + " ".repeat(w - len);
        String cut = a.columnSubSequence(0, Math.max(0, w - 1)).toString();
        int cw = new AttributedString(cut).columnLength();
        return cut + "~" + " ".repeat(Math.max(0, w - 1 - cw));
    }

    /** Right-aligned in {@code w} columns (numbers never need cutting at these widths). */
    static String left(String s, int w) {
        return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
    }
}
