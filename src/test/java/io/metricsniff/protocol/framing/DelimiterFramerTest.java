package io.metricsniff.protocol.framing;

import io.metricsniff.protocol.LineConsumer;
import io.metricsniff.reassembly.EndReason;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The look ahead ({@link LineConsumer#ahead}): every line start offered once, before its line, whatever the cuts. */
class DelimiterFramerTest {
    /** Looks at two lines at a time and records, in stream offsets, the line starts it was shown. */
    static final class Looking implements LineConsumer {
        final List<String> lines = new ArrayList<>();
        final List<Integer> shown = new ArrayList<>();
        int base;           // stream offset of the slice being framed
        int delivered;      // lines delivered so far
        final List<Integer> shownBefore = new ArrayList<>(); // per shown start: lines delivered when it was shown

        @Override public int ahead(byte[] buf, int from, int to) {
            int i = from;
            for (int n = 0; n < 2 && i < to; n++) {
                int nl = indexOf(buf, i, to);
                if (nl < 0) break;
                shown.add(base + i);
                shownBefore.add(delivered);
                i = nl + 1;
            }
            return i < to && indexOf(buf, i, to) >= 0 ? i : to;
        }

        @Override public void line(byte[] raw, long length, long timeNanos) {
            lines.add(new String(raw, StandardCharsets.UTF_8));
            delivered++;
        }

        @Override public void unterminated(byte[] raw, long length, EndReason reason, long timeNanos) { }
        @Override public void gap(long bytes, long timeNanos) { }
        @Override public void skipped(long bytes, String why, long timeNanos) { }

        private static int indexOf(byte[] b, int from, int to) {
            for (int i = from; i < to; i++) if (b[i] == '\n') return i;
            return -1;
        }
    }

    @Test
    void everyWholeLineIsShownOnceBeforeItIsDelivered() {
        String text = "a 1 1\nbb 2 2\n\nccc 3 3\nd 4 4\nee 5 5\nf 6 6\n";
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < all.length - 1; i++) if (all[i] == '\n') starts.add(i + 1);
        for (int cut = 0; cut <= all.length; cut++) {
            Looking out = new Looking();
            DelimiterFramer framer = new DelimiterFramer((byte) '\n', FramingLimits.DEFAULTS, false, out);
            out.base = 0;
            framer.data(all, 0, cut, 1);
            out.base = cut;
            byte[] rest = java.util.Arrays.copyOfRange(all, cut, all.length);
            framer.data(rest, 0, rest.length, 2);
            assertEquals(List.of("a 1 1", "bb 2 2", "", "ccc 3 3", "d 4 4", "ee 5 5", "f 6 6"), out.lines, "cut at " + cut);
            // a line cut in two arrives in pieces and is never shown; every other line start is, once
            List<Integer> expected = new ArrayList<>();
            for (int s : starts) {
                int end = text.indexOf('\n', s);
                if (!(s < cut && end >= cut)) expected.add(s);
            }
            assertEquals(expected, out.shown, "cut at " + cut);
            for (int k = 0; k < out.shown.size(); k++) {
                int lineNo = starts.indexOf(out.shown.get(k));
                assertTrue(out.shownBefore.get(k) <= lineNo, "line " + lineNo + " shown after it was delivered (cut at " + cut + ")");
            }
        }
    }
}
