package io.metricsniff.hop;

import io.metricsniff.decode.Endpoint;

import java.util.Arrays;

/** One datapoint that went into a hop, with the copies of it seen coming out so far. */
public final class Pending {
    final Key key;
    final Copy in;
    /** How many copies the hop should send (its replication factor, or what its router says). */
    final int expected;
    /** Why the hop's receiver rejects it (a problem code), or null when it accepts it. */
    final String rejected;
    Pending next; // the next pending datapoint with the same key (a multiset, in arrival order)
    private Copy[] copies;
    private int count;

    Pending(Key key, Copy in, int expected, String rejected) {
        this.key = key;
        this.in = in;
        this.expected = expected;
        this.rejected = rejected;
    }

    public Key key() { return key; }
    public Copy in() { return in; }
    public int expected() { return expected; }
    public String rejected() { return rejected; }
    public int copies() { return count; }
    public Copy copy(int i) { return copies[i]; }

    void add(Copy c) {
        if (copies == null) copies = new Copy[Math.max(expected, 1)];
        else if (count == copies.length) copies = Arrays.copyOf(copies, count * 2);
        copies[count++] = c;
    }

    boolean sentTo(Endpoint dst) {
        for (int i = 0; i < count; i++) if (copies[i].dst().equals(dst)) return true;
        return false;
    }

    /** The copies as a list, for records. */
    public java.util.List<Copy> copyList() {
        return count == 0 ? java.util.List.of() : java.util.List.of(Arrays.copyOf(copies, count));
    }
}
