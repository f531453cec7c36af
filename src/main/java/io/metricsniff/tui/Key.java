package io.metricsniff.tui;

/** One decoded keystroke: a kind, and the character for {@link Kind#CHAR}. */
record Key(Kind kind, char ch) {
    enum Kind { CHAR, UP, DOWN, LEFT, RIGHT, PAGE_UP, PAGE_DOWN, HOME, END, ENTER, TAB, BACK_TAB,
                ESC, BACKSPACE, CTRL_C, CTRL_U, EOF, UNKNOWN }

    static Key of(Kind k) { return new Key(k, '\0'); }
    static Key ch(char c) { return new Key(Kind.CHAR, c); }
    boolean is(char c) { return kind == Kind.CHAR && ch == c; }
}
