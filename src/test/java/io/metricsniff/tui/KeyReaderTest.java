package io.metricsniff.tui;

import org.jline.utils.NonBlocking;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class KeyReaderTest {
    static List<Key> keys(String input) throws Exception {
        KeyReader r = new KeyReader(NonBlocking.nonBlocking("test", new StringReader(input)));
        List<Key> out = new ArrayList<>();
        for (Key k = r.read(50); k != null && k.kind() != Key.Kind.EOF; k = r.read(50)) out.add(k);
        return out;
    }

    @Test void decodesControlsAndSequences() throws Exception {
        List<Key> k = keys("q\t\r\n\u0003\u007f\u0015"
                + "\u001b[A\u001b[B\u001b[C\u001b[D\u001bOA\u001b[5~\u001b[6~\u001b[H\u001b[4~\u001b[Z\u001b[1;5A/");
        List<Key.Kind> kinds = k.stream().map(Key::kind).toList();
        assertEquals(List.of(Key.Kind.CHAR, Key.Kind.TAB, Key.Kind.ENTER, Key.Kind.ENTER, Key.Kind.CTRL_C,
                Key.Kind.BACKSPACE, Key.Kind.CTRL_U, Key.Kind.UP, Key.Kind.DOWN, Key.Kind.RIGHT, Key.Kind.LEFT,
                Key.Kind.UP, Key.Kind.PAGE_UP, Key.Kind.PAGE_DOWN, Key.Kind.HOME, Key.Kind.END, Key.Kind.BACK_TAB,
                Key.Kind.UP, Key.Kind.CHAR), kinds);
        assertTrue(k.get(0).is('q'));
        assertTrue(k.get(k.size() - 1).is('/'));
    }

    @Test void loneEscapeAndUnknownSequences() throws Exception {
        assertEquals(List.of(Key.Kind.ESC), keys("\u001b").stream().map(Key::kind).toList());
        // an unknown CSI is swallowed whole: its tail never becomes typed characters
        List<Key> k = keys("\u001b[99~x");
        assertEquals(Key.Kind.UNKNOWN, k.get(0).kind());
        assertTrue(k.get(1).is('x'));
        assertEquals(2, k.size());
    }
}
