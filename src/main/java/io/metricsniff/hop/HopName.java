package io.metricsniff.hop;

import io.metricsniff.paths.PathHash;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.text.LineScan;

import java.nio.charset.StandardCharsets;

/**
 * A record's name as a hop matches it: its UTF-8 bytes and their fingerprint. A plain ASCII path
 * still in the record's raw bytes is used where it lies (no String); anything else goes through
 * the String, so that names compare as the Strings did (invalid UTF-8 as U+FFFD). Reused: one
 * per caller, valid until the next {@code of} call.
 */
final class HopName {
    byte[] bytes;
    int off, len;
    long fp;

    /** The name {@code r} goes into {@code kind}'s hop as, once the hop rewrote it. */
    HopName in(MetricRecord r, HopKind kind) {
        if (kind == HopKind.CARBON_C_RELAY || r.storedPath() != null || !inRaw(r)) {
            set(kind.rewrite(r.storedPath() != null ? r.storedPath() : r.path()));
        }
        return this;
    }

    /** The name {@code r} carries as sent (what comes out of a hop). */
    HopName out(MetricRecord r) {
        if (!inRaw(r)) set(r.path());
        return this;
    }

    /** True when the name starts with the ASCII {@code prefix}. */
    boolean startsWith(byte[] prefix) {
        if (len < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (bytes[off + i] != prefix[i]) return false;
        return true;
    }

    private boolean inRaw(MetricRecord r) {
        int at = r.pathOffsetInRaw();
        if (at < 0) return false;
        byte[] raw = r.rawBytes();
        int n = r.pathLengthInRaw();
        if (!LineScan.isAscii(raw, at, at + n)) return false;
        bytes = raw;
        off = at;
        len = n;
        fp = r.hasPathFingerprint() ? r.pathFingerprint() : PathHash.of(raw, at, n); // the path index's, when it ran
        return true;
    }

    private void set(String name) {
        bytes = name.getBytes(StandardCharsets.UTF_8);
        off = 0;
        len = bytes.length;
        fp = PathHash.of(bytes, 0, len);
    }
}
