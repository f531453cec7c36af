package io.metricsniff.tui;

import io.metricsniff.analysis.HostStats;
import io.metricsniff.analysis.PathTable;
import io.metricsniff.output.TerminalEscaper;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Verdict;

import java.util.Map;

/** One row of the senders view: a host and what it sent. */
record SenderRow(String key, HostStats.Snapshot stats, Verdict worst, String protocols, String kinds) implements Listed {
    static SenderRow of(HostStats.Snapshot s) {
        Verdict worst = Verdict.OK;
        for (Verdict v : Verdict.values()) {
            if (s.count(v) > 0 && PathTable.severity(v) > PathTable.severity(worst)) worst = v;
        }
        StringBuilder p = new StringBuilder();
        for (Protocol pr : s.protocols()) p.append(p.length() > 0 ? "," : "").append(pr.json());
        StringBuilder k = new StringBuilder();
        for (Map.Entry<String, Long> e : s.problems().entrySet()) {
            k.append(k.length() > 0 ? "  " : "").append(e.getKey()).append(' ').append(Fmt.count(e.getValue()));
        }
        return new SenderRow(s.name(), s, worst, p.toString(), TerminalEscaper.escape(k.toString()));
    }
}
