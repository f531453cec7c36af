package io.metricsniff.record;

/** A metric's verdict, checked in declaration order: malformed first, then future, then late. */
public enum Verdict {
    OK, MALFORMED, FUTURE, LATE;
    public String json() { return name().toLowerCase(); }
}
