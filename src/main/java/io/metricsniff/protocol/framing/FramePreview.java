package io.metricsniff.protocol.framing;

/** The raw text of a record about a whole frame or datagram: its size and first bytes in hex. */
public final class FramePreview {
    /** Bytes of a frame shown. */
    public static final int PREVIEW_BYTES = 16;

    private FramePreview() { }

    /** "[WHAT, 57 bytes: 80 02 5d ...]". */
    public static String hex(String what, byte[] buf, int off, int len) {
        StringBuilder sb = new StringBuilder(what.length() + 24 + 3 * PREVIEW_BYTES);
        sb.append('[').append(what).append(", ").append(len).append(" bytes:");
        for (int i = 0; i < Math.min(len, PREVIEW_BYTES); i++) {
            sb.append(' ').append(Character.forDigit((buf[off + i] >> 4) & 0xf, 16))
                    .append(Character.forDigit(buf[off + i] & 0xf, 16));
        }
        if (len > PREVIEW_BYTES) sb.append(" ...");
        return sb.append(']').toString();
    }
}
