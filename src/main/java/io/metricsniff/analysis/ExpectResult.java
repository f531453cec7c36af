package io.metricsniff.analysis;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.output.Json;
import io.metricsniff.output.TerminalEscaper;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one {@code --expect} glob. Times are capture times in nanoseconds since the epoch,
 * -1 when nothing matched. {@code senders} are the sending hosts (addresses with port 0: a
 * client that opens a connection per flush is one sender), bounded by
 * {@link Expectations#MAX_SENDERS}; more hosts are only counted in {@code sendersOverflow}.
 * {@code connections} counts distinct address:port pairs (at most {@link Expectations#MAX_CONNECTIONS}).
 */
public record ExpectResult(String glob, long matches, long ok, long malformed, long late, long future,
                           long firstNanos, long lastNanos, List<Endpoint> senders, int sendersOverflow,
                           int connections, Status status, String reason) {

    public enum Status {
        /** At least one matching metric with verdict ok. */
        MET,
        /** No metric path matched the glob. */
        NEVER_SEEN,
        /** Every match was malformed (the receiver rejects or drops it). */
        ONLY_MALFORMED,
        /** Every match was late or in the future. */
        ONLY_LATE_OR_FUTURE,
        /** Matches, none ok: malformed and late/future mixed. */
        NO_OK;

        public String json() { return name().toLowerCase(); }
    }

    public boolean met() { return status == Status.MET; }

    /** One line for the text summary, e.g. {@code MET lab.*.cpu: 120 matches, 120 ok, ...}. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(met() ? "ok   " : "FAIL ").append(TerminalEscaper.escape(glob)).append(": ").append(TerminalEscaper.escape(reason));
        if (matches > 0) {
            b.append(" [").append(matches).append(" matches, ").append(ok).append(" ok");
            if (malformed > 0) b.append(", ").append(malformed).append(" malformed");
            if (late > 0) b.append(", ").append(late).append(" late");
            if (future > 0) b.append(", ").append(future).append(" future");
            b.append("; first ").append(Instant.ofEpochSecond(0, firstNanos))
             .append(", last ").append(Instant.ofEpochSecond(0, lastNanos))
             .append("; from ").append(sendersText()).append(']');
        }
        return b.toString();
    }

    private String sendersText() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < senders.size(); i++) b.append(i == 0 ? "" : " ").append(senders.get(i).host());
        if (sendersOverflow > 0) b.append(" +").append(sendersOverflow).append(" more");
        b.append(" (").append(connections).append(connections == 1 ? " connection)" : " connections)");
        return b.toString();
    }

    /** A JSON object (no trailing newline) for the summary, keys in snake_case like the contract. */
    public String toJson() {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"glob\":");
        Json.string(b, glob)
         .append(",\"status\":\"").append(status.json()).append('"')
         .append(",\"met\":").append(met())
         .append(",\"matches\":").append(matches)
         .append(",\"ok\":").append(ok)
         .append(",\"malformed\":").append(malformed)
         .append(",\"late\":").append(late)
         .append(",\"future\":").append(future);
        if (matches > 0) {
            b.append(",\"first_seen\":\"").append(Instant.ofEpochSecond(0, firstNanos)).append('"')
             .append(",\"last_seen\":\"").append(Instant.ofEpochSecond(0, lastNanos)).append('"');
        }
        b.append(",\"senders\":[");
        for (int i = 0; i < senders.size(); i++) {
            b.append(i == 0 ? "" : ",").append('"').append(senders.get(i).host()).append('"');
        }
        b.append("],\"senders_overflow\":").append(sendersOverflow)
         .append(",\"connections\":").append(connections)
         .append(",\"reason\":");
        Json.string(b, reason).append('}');
        return b.toString();
    }
}
