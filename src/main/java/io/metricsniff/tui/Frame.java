package io.metricsniff.tui;

import io.metricsniff.analysis.PathStats;
import io.metricsniff.record.Verdict;

import java.util.List;
import java.util.OptionalLong;

/**
 * Everything one redraw shows, already copied out of the shared state. {@code perVerdict} sums to
 * {@code metrics}. {@code readBytes}/{@code fileBytes} are -1 unless a file is being read;
 * {@code etaSeconds} is NaN until it can be estimated. {@code detailPath} is the opened path's
 * statistics with its recent points (null unless a path's detail is open).
 */
record Frame(Header header, List<PathRow> paths, List<SenderRow> senders, List<ProblemGroups.Group> groups,
             List<FlaggedLine> raw, List<Kind> kinds, PathStats.Snapshot detailPath, Extra extra) {

    /**
     * The hops, health and carbon-cache rules lists; empty when --hop / --health / --carbon-conf are off
     * ({@code hopsOn}/{@code healthOn}/{@code carbonOn} false).
     */
    record Extra(boolean hopsOn, List<HopRow> hops, List<DropRow> drops, boolean healthOn, List<HealthRow> health,
                 boolean carbonOn, String carbonTitle, List<CarbonRow> carbon) {
        static final Extra NONE = new Extra(false, List.of(), List.of(), false, List.of(), false, "", List.of());
    }

    record Header(String description, boolean live, boolean finished, double elapsedSeconds, long packets,
                  long bytes, double linesPerSecond, OptionalLong kernelDrops, long flows, long gaps, long gapBytes,
                  long[] perVerdict, long metrics, long unlisted, int paths, long pathOverflow, int depth,
                  long readBytes, long fileBytes, double etaSeconds) { }

    /** One problem code present, with its count and the worst verdict it came with. */
    record Kind(String code, long count, Verdict verdict) { }

    /** The rows of one list. */
    List<? extends Listed> list(ViewState.Pane p) {
        switch (p) {
            case PATHS: return paths;
            case SENDERS: return senders;
            case GROUPS: return groups;
            case HOPS: return extra.hops();
            case DROPS: return extra.drops();
            case HEALTH: return extra.health();
            case CARBON: return extra.carbon();
            default: return raw;
        }
    }

    Frame withDetail(PathStats.Snapshot d) { return new Frame(header, paths, senders, groups, raw, kinds, d, extra); }
}
