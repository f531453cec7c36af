package io.metricsniff.output;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {
    private static String str(String s) { return Json.string(new StringBuilder(), s).toString(); }

    @Test void escapesQuotesBackslashesAndEveryControlCharacter() {
        assertEquals("\"a\\\"b\\\\c\"", str("a\"b\\c"));
        assertEquals("\"\\r\\n\\t\\u0000\\u001b[31m\\u007f\\u009b\"", str("\r\n\t\0\u001b[31m\u007f\u009b"));
        assertEquals("\"\\u2028\"", str("\u2028"));
        assertEquals("\"héllo ✓\"", str("héllo ✓"));
    }

    @Test void numbersKeepTheirKindAndNonFiniteValuesStayVisible() {
        assertEquals("42.0", Json.number(new StringBuilder(), 42, false).toString());
        assertEquals("1795504341", Json.number(new StringBuilder(), 1795504341, true).toString());
        assertEquals("1.5", Json.number(new StringBuilder(), 1.5, true).toString());
        assertEquals("\"NaN\"", Json.number(new StringBuilder(), Double.NaN, false).toString());
        assertEquals("\"-Infinity\"", Json.number(new StringBuilder(), Double.NEGATIVE_INFINITY, false).toString());
    }

    @Test void pairsWithARepeatedNameAreOneKeyWithTheLaterValue() {
        String json = Json.pairs(new StringBuilder(), List.of(new String[] {"a", "1"}, new String[] {"b", null},
                new String[] {"a", "2"})).toString();
        assertEquals("{\"a\":\"2\",\"b\":null}", json);
    }

    @Test void nestedValuesKeepInsertionOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "summary");
        m.put("packets", 3L);
        m.put("list", List.of(1, "x"));
        m.put("none", null);
        assertEquals("{\"type\":\"summary\",\"packets\":3,\"list\":[1,\"x\"],\"none\":null}",
                Json.value(new StringBuilder(), m).toString());
    }
}
