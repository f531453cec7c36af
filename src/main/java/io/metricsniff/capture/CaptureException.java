package io.metricsniff.capture;

/** A capture that cannot start or continue. The message is one line meant for a person. */
public class CaptureException extends Exception {
    private static final long serialVersionUID = 1L;

    public CaptureException(String message) { super(message); }
    public CaptureException(String message, Throwable cause) { super(message, cause); }
}
