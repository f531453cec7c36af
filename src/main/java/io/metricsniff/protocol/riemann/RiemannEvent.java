package io.metricsniff.protocol.riemann;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One decoded Riemann {@code Event} (riemann.proto, fields 1-15). Filled by {@link RiemannMsgReader};
 * a field the wire did not set stays null (or {@code has*} false), as Riemann's {@code has*} checks see it.
 */
public final class RiemannEvent {
    String host, service, state, description;
    boolean hasTime, hasTimeMicros;
    long time, timeMicros;
    Float ttl;
    long metricSint64;
    boolean hasSint64, hasD, hasF;
    double metricD;
    float metricF;
    List<String> tags = Collections.emptyList();
    List<String[]> attributes = Collections.emptyList();
    int wireLength;

    public String host() { return host; }
    public String service() { return service; }
    public String state() { return state; }
    public String description() { return description; }
    public Float ttl() { return ttl; }
    public List<String> tags() { return tags; }
    /** Key/value pairs in wire order; a value the wire left out is null. */
    public List<String[]> attributes() { return attributes; }
    /** Bytes of the event inside its Msg. */
    public int wireLength() { return wireLength; }

    /** The metric Riemann uses: sint64 first, then d, then f (riemann.codec). */
    public MetricKind metricKind() {
        return hasSint64 ? MetricKind.SINT64 : hasD ? MetricKind.DOUBLE : hasF ? MetricKind.FLOAT : MetricKind.NONE;
    }

    public long metricSint64() { return metricSint64; }
    public double metricD() { return metricD; }
    public float metricF() { return metricF; }

    /** The metric as a double (a float widens exactly); NaN when there is none. */
    public double metric() {
        switch (metricKind()) {
            case SINT64: return metricSint64;
            case DOUBLE: return metricD;
            case FLOAT: return metricF;
            default: return Double.NaN;
        }
    }

    public boolean hasTime() { return hasTime || hasTimeMicros; }

    /** Seconds: {@code time_micros} / 1e6 when set (it wins), else {@code time}; NaN when neither. */
    public double seconds() {
        if (hasTimeMicros) return timeMicros / 1e6;
        return hasTime ? time : Double.NaN;
    }

    public long time() { return time; }
    public long timeMicros() { return timeMicros; }
    public boolean hasTimeField() { return hasTime; }
    public boolean hasTimeMicros() { return hasTimeMicros; }

    void addTag(String t) {
        if (tags.isEmpty()) tags = new ArrayList<>(4);
        tags.add(t);
    }

    void addAttribute(String key, String value) {
        if (attributes.isEmpty()) attributes = new ArrayList<>(4);
        attributes.add(new String[] {key, value});
    }
}
