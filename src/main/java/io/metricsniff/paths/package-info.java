/**
 * The one path index every per-path feature shares: a 64-bit fingerprint of each path's bytes
 * ({@link io.metricsniff.paths.PathHash}), open addressing over primitive arrays, a dense id per
 * path and paged primitive columns keyed by that id. Bounded: beyond its limit it keeps a
 * hash-chosen sample of paths and says which fraction. Knows bytes and ids only; it must not
 * know verdicts, statistics or outputs (it reads a record's path and nothing else).
 */
package io.metricsniff.paths;
