package io.metricsniff.protocol.pickle;

/**
 * Why a pickle frame could not be read. {@link #code()} is a stable problem code for the JSON
 * contract (one of {@code Problems.PICKLE_*}); the message says what carbon would do. No stack trace: this is about untrusted input.
 */
public final class PickleException extends Exception {
    private final String code;

    public PickleException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() { return code; }
}
