package io.metricsniff.record;

/** The transport a record arrived over; the JSON name is the lower-case enum name. */
public enum Transport {
    TCP, UDP;
    public String json() { return name().toLowerCase(); }
}
