package io.metricsniff.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain-decimal fast path (eight digits a step) against Java's own parser. */
class DecimalTest {
    @Test void fastPathAgreesWithParseDouble() {
        Random rnd = new Random(42);
        String chars = "0123456789.";
        for (int round = 0; round < 200_000; round++) {
            StringBuilder sb = new StringBuilder(rnd.nextInt(4) == 0 ? "-" : "");
            for (int k = 1 + rnd.nextInt(18); k > 0; k--) sb.append(chars.charAt(rnd.nextInt(rnd.nextInt(6) == 0 ? 11 : 10)));
            if (rnd.nextInt(10) == 0) sb.insert(rnd.nextInt(sb.length() + 1), (char) ('/' + 11 * rnd.nextInt(2))); // '/' and ':' border the digits
            String s = sb.toString();
            byte[] b = (">" + s + "<").getBytes(StandardCharsets.US_ASCII); // bytes beside the slice must not count
            double got = Decimal.fast(b, 1, b.length - 1);
            long digits = s.chars().filter(Character::isDigit).count();
            boolean plain = s.matches("-?\\d*\\.?\\d*") && digits > 0 && digits <= 15;
            if (plain) assertEquals(Double.parseDouble(s), got, s);
            else assertTrue(Decimal.isInvalid(got), s + " -> " + got);
        }
    }

    @Test void aTimestampAndACounter() {
        byte[] b = "1795508376 12345678.5 0000000012".getBytes(StandardCharsets.US_ASCII);
        assertEquals(1795508376.0, Decimal.fast(b, 0, 10));
        assertEquals(12345678.5, Decimal.fast(b, 11, 21));
        assertEquals(12.0, Decimal.fast(b, 22, 32));
    }
}
