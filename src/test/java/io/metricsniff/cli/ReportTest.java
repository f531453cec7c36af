package io.metricsniff.cli;

import io.metricsniff.analysis.PathTable;
import io.metricsniff.output.Summary;
import io.metricsniff.paths.PathIndex;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Past the path index's limit the summary says which fraction of paths the per-path checks cover. */
class ReportTest {
    @Test
    void samplingIsStatedNeverSilent() {
        PathIndex index = new PathIndex(1000);
        PathTable paths = new PathTable(index, false);
        assertTrue(Report.sections(null, null, paths, index).isEmpty(), "nothing to say below the limit");
        for (long i = 1; i <= 10_000; i++) index.idOf(i * 0x9E3779B97F4A7C15L);
        List<Summary.Section> sections = Report.sections(null, null, paths, index);
        assertEquals(1, sections.size());
        Summary.Section s = sections.get(0);
        double f = (Double) s.json().get("path_sample_fraction");
        assertTrue(f < 1 && f == index.sampledFraction(), "fraction " + f);
        assertEquals(index.size(), s.json().get("paths_tracked"));
        assertTrue((Long) s.json().get("sampled_out_records") > 0);
        assertTrue(s.text().contains("hash sample of " + (int) (f * 100) + "%") || s.text().contains("hash sample of " + f * 100),
                s.text());
    }
}
