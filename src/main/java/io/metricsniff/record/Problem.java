package io.metricsniff.record;

/**
 * One thing wrong with a metric: a short stable code (part of the JSON contract, never renamed)
 * and a message a person understands, naming the receiver where the rule is the receiver's.
 */
public record Problem(String code, String message) {
}
