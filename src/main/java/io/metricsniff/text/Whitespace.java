package io.metricsniff.text;

/** Whose idea of whitespace a field split or a trim follows (each receiver's language differs). */
public enum Whitespace {
    /** Python's {@code str.split()}: ASCII whitespace plus \x1c-\x1f, and Unicode spaces. */
    PYTHON,
    /** Go's {@code unicode.IsSpace} / {@code bytes.Fields}: ASCII whitespace and Unicode spaces. */
    GO,
    /** Java regex {@code \s}: ASCII {@code [ \t\n\x0B\f\r]} only. */
    JAVA
}
