/**
 * carbon's pickle protocol: length-prefixed frames, a restricted unpickler that executes nothing,
 * and the walk carbon's receiver makes over the unpickled object, yielding datapoints (and what
 * it cannot read). Must not know the chosen receiver's rules, timing or outputs.
 */
package io.metricsniff.protocol.pickle;
