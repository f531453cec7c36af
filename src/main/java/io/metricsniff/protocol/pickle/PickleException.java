package io.metricsniff.protocol.pickle;

/**
 * Why a pickle frame could not be read. {@link #code()} is a stable problem code for the JSON
 * contract; the message says what carbon would do. No stack trace: this is about untrusted input.
 */
public final class PickleException extends Exception {
    /** carbon catches the error, logs {@code invalid pickle received from ...} and keeps the connection. */
    public static final String INVALID = "pickle-invalid";
    /** An opcode that needs a class or callable: never executed here, refused by carbon's SafeUnpickler. */
    public static final String REFUSED = "pickle-refused-opcode";
    /** Safe opcodes this reader does not build (dicts, sets): carbon would unpickle them. */
    public static final String UNSUPPORTED = "pickle-unsupported-opcode";
    /** One of metricsniff's memory bounds tripped (see PickleReader's constants). */
    public static final String LIMIT = "pickle-limit";

    private final String code;

    public PickleException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() { return code; }
}
