package io.metricsniff.reassembly;

/**
 * Segments far outside a direction's window are garbage, unless a run of them agrees on a new
 * position: then the capture lost more than a window and the stream is to move there.
 */
final class ResyncRun {
    /**
     * Consecutive out-of-window segments, each within a window of the previous one, after which the
     * stream is taken to have really moved there (e.g. capture loss larger than a window).
     */
    static final int RESYNC_SEGMENTS = 8;

    private int run;
    private int anchor;

    /** A segment within the window ends the run. */
    void reset() { run = 0; }

    /** One more out-of-window segment at {@code seq}: true when the run agrees on moving there. */
    boolean agrees(int seq, int window) {
        int fromAnchor = seq - anchor;
        run = run > 0 && fromAnchor <= window && fromAnchor >= -window ? run + 1 : 1;
        anchor = seq;
        if (run < RESYNC_SEGMENTS) return false;
        run = 0;
        return true;
    }
}
