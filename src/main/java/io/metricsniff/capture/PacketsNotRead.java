package io.metricsniff.capture;

/** The file holds packets the run could not read (libpcap stopped early): an error, not a warning. */
public final class PacketsNotRead extends CaptureException {
    private static final long serialVersionUID = 1L;

    public PacketsNotRead(String message) { super(message); }
}
