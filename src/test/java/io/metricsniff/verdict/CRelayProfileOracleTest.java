package io.metricsniff.verdict;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 10: the real carbon-c-relay (Debian 3.7.3) is the oracle for the carbon-c-relay profile:
 * every line of {@link ProfileTableTest#TABLE} goes through the running relay ({@link CRelayOracle}).
 */
class CRelayProfileOracleTest {
    static final String BINARY = CRelayOracle.BINARY;

    @Test
    void theRelayAgreesWithTheProfileOnEveryTableLine() throws Exception {
        String[] rows = new String[ProfileTableTest.TABLE.length];
        for (int k = 0; k < rows.length; k++) rows[k] = (String) ProfileTableTest.TABLE[k][0];
        assertEquals(List.of(), CRelayOracle.disagreements(rows, new CarbonCRelayProfile()), "carbon-c-relay vs its profile");
    }
}
