package io.metricsniff.output;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.RecordSink;

import java.io.PrintStream;
import java.util.List;

/** {@code --format json}: one {@code metric} or {@code gap} object per line, as the contract says. */
public final class JsonLinesSink implements RecordSink {
    private final PrintStream out;
    private final Times times;
    private final StringBuilder sb = new StringBuilder(256);

    public JsonLinesSink(PrintStream out, int timeDigits) {
        this.out = out;
        this.times = new Times(timeDigits);
    }

    @Override public void metric(MetricRecord r) {
        sb.setLength(0);
        sb.append("{\"type\":\"metric\",\"time\":\"");
        times.iso(sb, r.timeNanos()).append("\",\"src\":\"").append(r.src()).append("\",\"dst\":\"")
                .append(r.dst()).append("\",\"transport\":\"").append(r.transport().json())
                .append("\",\"protocol\":\"").append(r.protocol().json()).append("\",\"raw\":");
        Json.string(sb, r.raw());
        if (r.path() != null) Json.string(sb.append(",\"path\":"), r.path());
        if (r.storedPath() != null) Json.string(sb.append(",\"stored_path\":"), r.storedPath());
        if (!r.tags().isEmpty()) Json.pairs(sb.append(",\"tags\":"), r.tags());
        if (r.hasValue()) Json.number(sb.append(",\"value\":"), r.value(), false);
        if (r.hasTimestamp()) Json.number(sb.append(",\"timestamp\":"), r.timestamp(), true);
        if (r.statsdType() != null) {
            Json.string(sb.append(",\"statsd_type\":"), r.statsdType());
            Json.number(sb.append(",\"sample_rate\":"), r.sampleRate(), false);
        }
        if (r.riemann() != null) RiemannJson.fields(sb, r.riemann());
        sb.append(",\"verdict\":\"").append(r.verdict().json()).append("\",\"problems\":[");
        List<Problem> problems = r.problems();
        for (int i = 0; i < problems.size(); i++) {
            if (i > 0) sb.append(',');
            Json.string(sb.append("{\"code\":"), problems.get(i).code()).append(",\"message\":");
            Json.string(sb, problems.get(i).message()).append('}');
        }
        sb.append("]}\n");
        out.append(sb);
    }

    @Override public void gap(long timeNanos, Endpoint src, Endpoint dst, long bytes) {
        sb.setLength(0);
        sb.append("{\"type\":\"gap\",\"time\":\"");
        times.iso(sb, timeNanos).append("\",\"src\":\"").append(src).append("\",\"dst\":\"").append(dst)
                .append("\",\"bytes\":").append(bytes).append("}\n");
        out.append(sb);
    }
}
