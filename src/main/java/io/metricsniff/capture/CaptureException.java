package io.metricsniff.capture;

/** A capture that cannot start or continue. The message is one line meant for a person. */
public final class CaptureException extends Exception {
    public CaptureException(String message) { super(message); }
    public CaptureException(String message, Throwable cause) { super(message, cause); }
}
