package io.metricsniff.tui;

/** A row of one of the lists: its key keeps the selection on it when rows move or new ones come. */
interface Listed {
    String key();
}
