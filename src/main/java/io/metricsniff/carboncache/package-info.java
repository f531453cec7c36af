/**
 * What carbon-cache 1.1 does with points the wire shows it received ({@code --carbon-conf} with
 * {@code --schemas}): the create limit (its TokenBucket and sorted write strategy, on capture time),
 * several points in one storage slot, several hosts writing one series; and each sender's clock
 * offset and millisecond timestamps. Judged records in, counts and named series out; bounded tables.
 */
package io.metricsniff.carboncache;
