package io.metricsniff.paths;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static long fp(int i) { return PathHash.fmix(0x9E3779B97F4A7C15L * (i + 1)); }
}
