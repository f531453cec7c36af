package io.metricsniff.hop;

import io.metricsniff.analysis.GraphiteGlob;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --expect} across hops: a glob fails when a matching datapoint was dropped at a hop, with
 * the first drop's hop and cause.
 */
public final class HopExpect implements HopListener {
    private final GraphiteGlob[] globs;
    private final long[] drops;
    private final String[] first;

    public HopExpect(List<String> globs) {
        this.globs = new GraphiteGlob[globs.size()];
        for (int i = 0; i < this.globs.length; i++) this.globs[i] = GraphiteGlob.compile(globs.get(i));
        this.drops = new long[this.globs.length];
        this.first = new String[this.globs.length];
    }

    @Override public void outcome(HopOutcome o) {
        if (o.verdict() != HopVerdict.DROPPED) return;
        for (int i = 0; i < globs.length; i++) {
            if (!globs[i].matches(o.path())) continue;
            if (drops[i]++ == 0) first[i] = o.path() + " " + o.timestamp() + " at hop " + o.hop() + ": " + o.reason();
        }
    }

    public boolean allMet() {
        for (long d : drops) if (d > 0) return false;
        return true;
    }

    /** One FAIL line per glob with drops (escape before printing: paths come from the network). */
    public List<String> failures() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < globs.length; i++) {
            if (drops[i] > 0) out.add(globs[i].glob() + ": " + drops[i] + " datapoints dropped at a hop (first: " + first[i] + ")");
        }
        return out;
    }
}
