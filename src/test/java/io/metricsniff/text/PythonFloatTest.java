package io.metricsniff.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PythonFloatTest {
    static double py(String s) { return PythonFloat.parse(s); }
    static double go(String s) { byte[] b = s.getBytes(StandardCharsets.UTF_8); return GoFloat.parse(b, 0, b.length); }

    @Test
    void acceptsWhatPythonAccepts() {
        assertEquals(42.0, py("42"));
        assertEquals(-3.25, py("-3.25"));
        assertEquals(5.0, py("+5"));
        assertEquals(1000.0, py("1e3"));
        assertEquals(1000.0, py("1_000"));
        assertEquals(1000.5, py("1_000.5"));
        assertEquals(0.5, py(".5"));
        assertEquals(5.0, py("5."));
        assertEquals(7.0, py("  7\t"));
        assertEquals(7.0, py("\u00a07\u3000"));
        assertEquals(12.0, py("\u0661\u0662"));
        assertTrue(Double.isNaN(py("nan")) && !PythonFloat.isInvalid(py("nan")));
        assertTrue(Double.isNaN(py("-NaN")) && !PythonFloat.isInvalid(py("-NaN")));
        assertEquals(Double.POSITIVE_INFINITY, py("inf"));
        assertEquals(Double.NEGATIVE_INFINITY, py("-Infinity"));
        assertEquals(Double.POSITIVE_INFINITY, py("1e400"));
        assertEquals(0.0, py("1e-400"));
        assertEquals(0.1, py("0.1"));
        assertEquals(1700000000.123, py("1700000000.123"));
        assertEquals(123456789012345678.0, py("123456789012345678"));
        assertEquals(1e11, py("1_0e1_0")); // exponent digits may use '_' too
    }

    @Test
    void rejectsWhatPythonRejects() {
        for (String s : new String[] {"", " ", "abc", "1_", "_1", "1__0", "1._5", "1e", "1e+", "0x10", "1,5",
                "infinit", "nana", "--1", "1 2", "1d", "\u00a0", "1\u0000"}) {
            assertTrue(PythonFloat.isInvalid(py(s)), "'" + s + "'");
        }
    }

    @Test
    void goParseFloat() {
        assertEquals(1000.0, go("1e3"));
        assertEquals(5.0, go("+5"));
        assertEquals(8.0, go("0x1p3"));
        assertEquals(Double.POSITIVE_INFINITY, go("+Inf"));
        assertTrue(Double.isNaN(go("NaN")) && !PythonFloat.isInvalid(go("NaN")));
        assertEquals(1000.0, go("1_000"), "Go float syntax allows digit separators (atof_test.go)");
        for (String s : new String[] {"1__000", " 1", "1 ", "+nan", "1e400", "0x10", "infin", ""}) {
            assertTrue(PythonFloat.isInvalid(go(s)), "'" + s + "'");
        }
    }
}
