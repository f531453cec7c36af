/**
 * Byte scanning and number reading, shared by framers and receiver rules: SWAR search, UTF-8
 * validity, each language's whitespace ({@link io.metricsniff.text.Whitespace}) and its number
 * syntax (Python's and Go's float, JavaScript's Number(), durations). Reads bytes and returns
 * facts; it must not know receivers, verdicts, records or protocols.
 */
package io.metricsniff.text;
