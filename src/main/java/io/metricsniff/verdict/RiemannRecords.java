package io.metricsniff.verdict;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.protocol.riemann.MetricKind;
import io.metricsniff.protocol.riemann.RiemannEvent;
import io.metricsniff.protocol.riemann.RiemannGraphitePath;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Problems;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.RiemannFields;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;

import java.util.List;

/**
 * Turns decoded Riemann events into records, shared by the TCP and UDP decoders: the path, value
 * and timestamp are those of the line Riemann's graphite output would write
 * ({@link RiemannGraphitePath}, the metric as a double, {@code (int time)} whole seconds); the raw
 * text renders the event as Riemann prints one (a Clojure map). Also builds the record for a
 * frame or datagram that could not be read. Used by the judging consumers of both transports.
 */
final class RiemannRecords {

    private final Judge judge;
    private final RecordSink sink;

    RiemannRecords(Judge judge, RecordSink sink) {
        this.judge = judge;
        this.sink = sink;
    }

    /** Judges one event and hands its record to the sink. */
    void event(RiemannEvent e, long timeNanos, Endpoint src, Endpoint dst, Transport transport) {
        MetricRecord rec = new MetricRecord(timeNanos, src, dst, transport, Protocol.RIEMANN, render(e));
        rec.path(RiemannGraphitePath.of(e.host(), e.service()));
        double seconds = e.seconds();
        rec.riemann(new RiemannFields(e.host(), e.service(), e.state(), e.description(), e.metricKind().json(),
                seconds, e.ttl(), e.tags(), e.attributes()));
        if (Double.isNaN(seconds)) {
            seconds = Math.floor(timeNanos / 1e9); // Riemann's clock at receipt, near enough
            rec.note(Problems.riemannNoTime());
        }
        rec.timestamp(RiemannGraphitePath.timestamp(seconds));
        if (!RiemannGraphitePath.fitsInt(seconds)) rec.note(Problems.riemannTimeRange(seconds));
        if (e.metricKind() != MetricKind.NONE) rec.value(e.metric());
        judge.judgeEvent(rec);
        sink.metric(rec);
    }

    /** A frame or datagram Riemann rejects as a whole. */
    void bad(long timeNanos, Endpoint src, Endpoint dst, Transport transport, String rawText, Problem problem) {
        sink.metric(new MetricRecord(timeNanos, src, dst, transport, Protocol.RIEMANN, rawText)
                .flag(Verdict.MALFORMED, problem));
    }

    /** {@code {:host "h", :service "s", :metric_d 1.5, :time 1795508376, :tags ["a"], :attributes {"k" "v"}}}. */
    static String render(RiemannEvent e) {
        StringBuilder sb = new StringBuilder(96);
        sb.append('{');
        str(sb, "host", e.host());
        str(sb, "service", e.service());
        str(sb, "state", e.state());
        str(sb, "description", e.description());
        switch (e.metricKind()) {
            case SINT64: key(sb, "metric_sint64").append(e.metricSint64()); break;
            case DOUBLE: key(sb, "metric_d").append(e.metricD()); break;
            case FLOAT: key(sb, "metric_f").append(e.metricF()); break;
            default: break;
        }
        if (e.hasTimeField()) key(sb, "time").append(e.time());
        if (e.hasTimeMicros()) key(sb, "time_micros").append(e.timeMicros());
        if (e.ttl() != null) key(sb, "ttl").append(e.ttl().floatValue());
        List<String> tags = e.tags();
        if (!tags.isEmpty()) {
            key(sb, "tags").append('[');
            for (int i = 0; i < tags.size(); i++) quoted(i > 0 ? sb.append(' ') : sb, tags.get(i));
            sb.append(']');
        }
        List<String[]> attrs = e.attributes();
        if (!attrs.isEmpty()) {
            key(sb, "attributes").append('{');
            for (int i = 0; i < attrs.size(); i++) {
                quoted(i > 0 ? sb.append(", ") : sb, attrs.get(i)[0]).append(' ');
                if (attrs.get(i)[1] == null) sb.append("nil"); else quoted(sb, attrs.get(i)[1]);
            }
            sb.append('}');
        }
        return sb.append('}').toString();
    }

    private static void str(StringBuilder sb, String key, String v) {
        if (v != null) quoted(key(sb, key), v);
    }

    private static StringBuilder key(StringBuilder sb, String key) {
        if (sb.length() > 1) sb.append(", ");
        return sb.append(':').append(key).append(' ');
    }

    /** Clojure's string literal: quotes and backslashes escaped; control characters are the outputs' job. */
    private static StringBuilder quoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        return sb.append('"');
    }
}
