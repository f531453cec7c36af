package io.metricsniff.paths;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stream's order predicts ids; a prediction never changes the id a path gets. */
class PathSequenceTest {
    @Test void aRepeatedOrderIsPredictedAfterTheFirstRound() {
        PathIndex ix = new PathIndex(1000);
        PathSequence seq = ix.sequence();
        int[] ids = new int[50];
        for (int i = 0; i < ids.length; i++) {
            assertEquals(PathIndex.NONE, seq.predict(), "nothing learnt yet");
            ids[i] = ix.idOf(fp(i), seq.predict());
            seq.seen(ids[i]);
        }
        int right = 0;
        for (int i = 0; i < ids.length; i++) {
            int guess = seq.predict();
            if (guess == ids[i]) right++;
            assertEquals(ids[i], ix.idOf(fp(i), guess));
            seq.seen(ids[i]);
        }
        assertEquals(ids.length - 1, right, "every path but the first of the round follows the one before it");
    }

    @Test void wrongOrOutOfRangeGuessesStillGiveTheRightId() {
        PathIndex ix = new PathIndex(64); // small: the sample halves and ids are released and reused
        Random rnd = new Random(5);
        PathIndex plain = new PathIndex(64);
        for (int k = 0; k < 20_000; k++) {
            long f = fp(rnd.nextInt(300));
            int guess = rnd.nextInt(4) == 0 ? -1 : rnd.nextInt(80); // any id, live, released or never given
            assertEquals(plain.idOf(f), ix.idOf(f, guess), "path " + f + " guess " + guess);
        }
        assertEquals(plain.sampledFraction(), ix.sampledFraction());
    }

    @Test void noGuessesWhileTheOrderIsRandomAndBackSoonAfterItSettles() {
        PathIndex ix = new PathIndex(100_000);
        PathSequence seq = ix.sequence();
        Random rnd = new Random(11);
        int paths = 5_000, offered = 0;
        for (int k = 0; k < 20_000; k++) {        // paths in random order: a guess would rarely be right
            int guess = seq.predict();
            if (k >= 10_000 && guess != PathIndex.NONE) offered++;
            seq.seen(ix.idOf(fp(rnd.nextInt(paths)), guess));
        }
        assertEquals(0, offered, "guesses offered while the order is random");
        int[] ids = new int[paths];
        for (int round = 0; round < 2; round++) {  // now one order, twice
            for (int i = 0; i < paths; i++) {
                ids[i] = ix.idOf(fp(i), seq.predict());
                seq.seen(ids[i]);
            }
        }
        assertTrue(rightGuesses(seq, ids) >= paths * 99 / 100, "two rounds after the order settled, nearly every guess is offered and right");
        assertEquals(paths, rightGuesses(seq, ids), "a round later, every one");
    }

    @Test void warmingIsAskedForOnlyWhileLookupsGoToTheTable() {
        PathIndex ix = new PathIndex(1000);
        PathSequence seq = ix.sequence();
        assertTrue(seq.wantsWarming(), "a new stream's lookups go to the table");
        int[] ids = new int[100];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < ids.length; i++) {
                ids[i] = ix.idOf(fp(i), seq.predict());
                seq.seen(ids[i]);
            }
        }
        seq.warm(new long[0], 0);
        assertEquals(ids.length, rightGuesses(seq, ids), "the order holds: every guess right");
        assertFalse(seq.wantsWarming(), "no lookup read the table");
        seq.seen(ids[50]);                        // out of order: the next guess is wrong
        assertTrue(seq.wantsWarming());
        seq.warm(new long[0], 0);
        assertFalse(seq.wantsWarming());
    }

    private static int rightGuesses(PathSequence seq, int[] ids) {
        int right = 0;
        for (int id : ids) {
            if (seq.predict() == id) right++;
            seq.seen(id);
        }
        return right;
    }

    private static long fp(int i) { return PathHash.fmix(0x9E3779B97F4A7C15L * (i + 1)); }
}
