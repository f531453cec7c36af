package io.metricsniff.tui;

import org.jline.utils.NonBlockingReader;

import java.io.IOException;

/**
 * Turns terminal input into {@link Key}s: control characters, and the ANSI/xterm sequences for
 * arrows, PgUp/PgDn, Home/End and Shift-Tab (CSI and SS3 forms). Unknown sequences are swallowed
 * whole so their tail is never taken for typed characters.
 */
final class KeyReader {
    /** A lone ESC is a key when nothing follows within this time; sequences arrive in one burst. */
    static final long ESC_WAIT_MILLIS = 40;
    /** Longest CSI sequence consumed; anything longer is garbage, not a key. */
    static final int MAX_SEQUENCE = 16;

    static final int TIMEOUT = NonBlockingReader.READ_EXPIRED;

    private final NonBlockingReader in;

    KeyReader(NonBlockingReader in) { this.in = in; }

    /** The next key, or null when none arrived within {@code timeoutMillis}. */
    Key read(long timeoutMillis) throws IOException {
        int c = in.read(Math.max(1, timeoutMillis));
        if (c == TIMEOUT) return null;
        if (c < 0) return Key.of(Key.Kind.EOF);
        switch (c) {
            case 3: return Key.of(Key.Kind.CTRL_C);
            case 9: return Key.of(Key.Kind.TAB);
            case 10: case 13: return Key.of(Key.Kind.ENTER);
            case 8: case 127: return Key.of(Key.Kind.BACKSPACE);
            case 21: return Key.of(Key.Kind.CTRL_U);
            case 27: return escape();
            default: return c < 32 ? Key.of(Key.Kind.UNKNOWN) : Key.ch((char) c);
        }
    }

    private Key escape() throws IOException {
        int c = in.read(ESC_WAIT_MILLIS);
        if (c == TIMEOUT || c < 0) return Key.of(Key.Kind.ESC);
        if (c == 'O') {                               // SS3: application cursor keys
            int f = in.read(ESC_WAIT_MILLIS);
            return fin(f, "");
        }
        if (c != '[') return Key.of(Key.Kind.ESC);    // Alt+key: treat as Esc, drop the key
        StringBuilder params = new StringBuilder();
        for (int i = 0; i < MAX_SEQUENCE; i++) {
            int f = in.read(ESC_WAIT_MILLIS);
            if (f == TIMEOUT || f < 0) return Key.of(Key.Kind.UNKNOWN);
            if (f >= 0x40 && f <= 0x7e) return fin(f, params.toString());
            params.append((char) f);
        }
        return Key.of(Key.Kind.UNKNOWN);
    }

    private static Key fin(int f, String params) {
        switch (f) {
            case 'A': return Key.of(Key.Kind.UP);
            case 'B': return Key.of(Key.Kind.DOWN);
            case 'C': return Key.of(Key.Kind.RIGHT);
            case 'D': return Key.of(Key.Kind.LEFT);
            case 'H': return Key.of(Key.Kind.HOME);
            case 'F': return Key.of(Key.Kind.END);
            case 'Z': return Key.of(Key.Kind.BACK_TAB);
            case '~':
                switch (params) {
                    case "1": case "7": return Key.of(Key.Kind.HOME);
                    case "4": case "8": return Key.of(Key.Kind.END);
                    case "5": return Key.of(Key.Kind.PAGE_UP);
                    case "6": return Key.of(Key.Kind.PAGE_DOWN);
                    default: return Key.of(Key.Kind.UNKNOWN);
                }
            default: return Key.of(Key.Kind.UNKNOWN);
        }
    }
}
