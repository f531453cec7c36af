package io.metricsniff.reassembly;

import io.metricsniff.decode.Endpoint;

/** Creates the consumer for a new TCP direction, or declines it (null: bytes are skipped). */
public interface StreamHandlerFactory {
    /**
     * @param midstream true when the capture did not see the SYN: the first bytes may begin in the
     *                  middle of a record, so the consumer should resynchronise
     */
    StreamHandler open(Endpoint src, Endpoint dst, boolean midstream, long timeNanos);
}
