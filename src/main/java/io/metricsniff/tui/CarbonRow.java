package io.metricsniff.tui;

import io.metricsniff.carboncache.CacheFinding;
import io.metricsniff.carboncache.ClockOffsets;
import io.metricsniff.output.TerminalEscaper;

import java.util.List;
import java.util.Locale;

/**
 * One row of the carbon-cache rules pane: a series a rule cost points (held back at the create limit,
 * overwritten in a slot, written by several hosts) or a sender host's clock. Cells are made once, when
 * the board publishes, and escaped there; {@code lines} is the detail (Enter).
 */
record CarbonRow(String finding, String subject, long lost, String detail, boolean problem, List<String> lines)
        implements Listed {
    /** A clock this far off (either way) is flagged: an on-time sender stamps a point well under a second
     *  before it is on the wire, and NTP keeps clocks within milliseconds; 5 s leaves room for a slow flush. */
    static final double CLOCK_OFF_SECONDS = 5;
    /** Lost values shown in the row; the detail has every one kept. */
    private static final int ROW_VALUES = 4;

    @Override public String key() { return finding + " " + subject; }

    static CarbonRow of(CacheFinding f) {
        String series = TerminalEscaper.escape(f.series());
        String values = values(f.lostValues(), f.lostValues().size(), f.lostPoints());
        String writers = String.join(", ", f.writers());
        switch (f.kind()) {
            case HELD_BACK: {
                String d = f.createdLater() ? "created later: points before that dropped" : "not created: every point dropped";
                return new CarbonRow(f.kind().label(), series, f.lostPoints(), d, true, List.of(
                        "series " + series, "MAX_CREATES_PER_MINUTE held it back: " + d,
                        "points lost " + f.lostPoints()));
            }
            case SLOT_OVERWRITE:
                return new CarbonRow(f.kind().label(), series, f.lostPoints(),
                        "lost " + values(f.lostValues(), ROW_VALUES, f.lostPoints()), true, List.of(
                        "series " + series, "a later point in the same storage slot replaced " + f.lostPoints()
                                + " point(s): whisper keeps the last written", "values lost " + values));
            default:
                return new CarbonRow(f.kind().label(), series, f.lostPoints(), "writers " + writers, true, List.of(
                        "series " + series, "written by " + writers + ": the last writer wins",
                        "points replaced by another host's " + f.lostPoints(), "values lost " + values));
        }
    }

    static CarbonRow of(ClockOffsets.HostClock c) {
        double o = c.offsetSeconds();
        String offset = Double.isNaN(o) ? "no seconds timestamp" : String.format(Locale.ROOT, "offset %+.3f s", o);
        String ms = c.msTimestamps() > 0 ? ", " + c.msTimestamps() + " ms timestamps" : "";
        boolean off = Math.abs(o) >= CLOCK_OFF_SECONDS || c.msTimestamps() > 0;
        String verdict = Double.isNaN(o) ? "" : Math.abs(o) < CLOCK_OFF_SECONDS ? "on time"
                : o < 0 ? "behind (or its points are delayed)" : "ahead";
        return new CarbonRow("clock", c.host(), -1, offset + " over " + c.points() + " points" + ms, off, List.of(
                "sender host " + c.host(), "clock " + offset + (verdict.isEmpty() ? "" : ": " + verdict),
                "median of timestamp - capture time over its latest points (" + c.points() + " points)",
                "millisecond timestamps " + c.msTimestamps()));
    }

    private static String values(List<Double> v, int shown, long lost) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(shown, v.size()); i++) sb.append(i > 0 ? ", " : "").append(Fmt.value(v.get(i)));
        if (lost > Math.min(shown, v.size())) sb.append(sb.length() > 0 ? ", ..." : "-");
        return sb.toString();
    }
}
