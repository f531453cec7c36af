package io.metricsniff.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Go's own table for strconv.ParseFloat(s, 64): go/src/strconv/atof_test.go {@code atoftests}
 * (in, Go's printed result, error), rewritten as cases. "S" is ErrSyntax, "R" ErrRange: both
 * are an error for go-carbon and carbon-relay-ng, so both must give {@link GoFloat#INVALID}.
 */
class GoFloatTest {
    static final String[][] ATOFTESTS = {
        {"", "S"}, {"1", "1"}, {"+1", "1"}, {"1x", "S"}, {"1.1.", "S"}, {"1e23", "1e+23"}, {"1E23", "1e+23"},
        {"100000000000000000000000", "1e+23"}, {"1e-100", "1e-100"}, {"123456700", "1.234567e+08"},
        {"99999999999999974834176", "9.999999999999997e+22"}, {"100000000000000000000001", "1.0000000000000001e+23"},
        {"100000000000000016777216", "1.0000000000000003e+23"}, {"-1", "-1"}, {"-0.1", "-0.1"}, {"-0", "-0"},
        {"1e-20", "1e-20"}, {"625e-3", "0.625"},
        // Hexadecimal floating-point.
        {"0x1p0", "1"}, {"0x1p1", "2"}, {"0x1p-1", "0.5"}, {"0x1ep-1", "15"}, {"-0x1ep-1", "-15"}, {"-0x1_ep-1", "-15"},
        {"0x1p-200", "6.223015277861142e-61"}, {"0x1p200", "1.6069380442589903e+60"}, {"0x1fFe2.p0", "131042"},
        {"0x1fFe2.P0", "131042"}, {"-0x2p3", "-16"}, {"0x0.fp4", "15"}, {"0x0.fp0", "0.9375"}, {"0x1e2", "S"}, {"1p2", "S"},
        // zeros
        {"0", "0"}, {"0e0", "0"}, {"-0e0", "-0"}, {"+0e0", "0"}, {"0e-0", "0"}, {"0e+01234567890123456789", "0"},
        {"0.00e-01234567890123456789", "0"}, {"-0e+01234567890123456789", "-0"}, {"0x0p+01234567890123456789", "0"},
        {"-0x0.00p-01234567890123456789", "-0"}, {"0e348", "0"}, {"0x0p1026", "0"},
        // NaNs and Infs
        {"nan", "NaN"}, {"NaN", "NaN"}, {"NAN", "NaN"}, {"inf", "+Inf"}, {"-Inf", "-Inf"}, {"+INF", "+Inf"},
        {"-Infinity", "-Inf"}, {"+INFINITY", "+Inf"}, {"Infinity", "+Inf"},
        // largest float64, and too large
        {"1.7976931348623157e308", "1.7976931348623157e+308"}, {"0x1.fffffffffffffp1023", "1.7976931348623157e+308"},
        {"0x1fffffffffffffp+971", "1.7976931348623157e+308"}, {"0x.1fffffffffffffp1027", "1.7976931348623157e+308"},
        {"1.7976931348623159e308", "R"}, {"-1.7976931348623159e308", "R"}, {"0x1p1024", "R"}, {"0x2p1023", "R"},
        {"1.7976931348623158e308", "1.7976931348623157e+308"}, {"0x1.fffffffffffff7fffp1023", "1.7976931348623157e+308"},
        {"1.797693134862315808e308", "R"}, {"0x1.fffffffffffff8p1023", "R"},
        {"1e308", "1e+308"}, {"2e308", "R"}, {"1e309", "R"}, {"1e400", "R"}, {"-1e400", "R"}, {"1e400000", "R"},
        {"0x1p2000000000", "R"},
        // denormalized, too small
        {"1e-305", "1e-305"}, {"1e-322", "1e-322"}, {"5e-324", "5e-324"}, {"4e-324", "5e-324"}, {"2e-324", "0"},
        {"1e-350", "0"}, {"1e-400000", "0"}, {"0x0.00000000000010p-1022", "5e-324"}, {"0x0.00000000000008p-1022", "0"},
        // try to overflow exponent
        {"1e-4294967296", "0"}, {"1e+4294967296", "R"}, {"1e-18446744073709551616", "0"}, {"1e+18446744073709551616", "R"},
        {"0x1p-4294967296", "0"}, {"0x1p+4294967296", "R"}, {"0x1p+18446744073709551616", "R"},
        // Parse errors
        {"1e", "S"}, {"1e-", "S"}, {".e-1", "S"}, {"1\u0000.2", "S"}, {"0x", "S"}, {"0x.", "S"}, {"0x1", "S"}, {"0x.1", "S"},
        {"0x1p", "S"}, {"0x.1p", "S"}, {"0x1p+", "S"}, {"0x1p-", "S"}, {"0x1p+2", "4"}, {"0x.1p+2", "0.25"},
        {"0x1p-2", "0.25"}, {"0x.1p-2", "0.015625"},
        {"2.2250738585072012e-308", "2.2250738585072014e-308"}, {"2.2250738585072011e-308", "2.225073858507201e-308"},
        {"4.630813248087435e+307", "4.630813248087435e+307"}, {"22.222222222222222", "22.22222222222222"},
        {"1.00000000000000011102230246251565404236316680908203125", "1"}, {"0x1.00000000000008p0", "1"},
        {"1.00000000000000011102230246251565404236316680908203126", "1.0000000000000002"},
        {"0x1.00000000000018p0", "1.0000000000000004"}, {"1090544144181609348671888949248", "1.0905441441816093e+30"},
        // Underscores.
        {"1_23.50_0_0e+1_2", "1.235e+14"}, {"-_123.5e+12", "S"}, {"+_123.5e+12", "S"}, {"_123.5e+12", "S"},
        {"1__23.5e+12", "S"}, {"123_.5e+12", "S"}, {"123._5e+12", "S"}, {"123.5_e+12", "S"}, {"123.5__0e+12", "S"},
        {"123.5e_+12", "S"}, {"123.5e+_12", "S"}, {"123.5e_-12", "S"}, {"123.5e-_12", "S"}, {"123.5e+1__2", "S"},
        {"123.5e+12_", "S"}, {"0x_1_2.3_4_5p+1_2", "74565"}, {"-_0x12.345p+12", "S"}, {"+_0x12.345p+12", "S"},
        {"_0x12.345p+12", "S"}, {"0x__12.345p+12", "S"}, {"0x1__2.345p+12", "S"}, {"0x12_.345p+12", "S"},
        {"0x12._345p+12", "S"}, {"0x12.3__45p+12", "S"}, {"0x12.345_p+12", "S"}, {"0x12.345p_+12", "S"},
        {"0x12.345p+_12", "S"}, {"0x12.345p_-12", "S"}, {"0x12.345p-_12", "S"}, {"0x12.345p+1__2", "S"}, {"0x12.345p+12_", "S"},
        // atof.go special(): a sign before "nan" and a prefix of "infinity" other than "inf" are errors
        {"+nan", "S"}, {"-nan", "S"}, {"infin", "S"}, {"infinit", "S"}, {" 1", "S"}, {"1 ", "S"},
    };

    @Test
    void goesWithGosOwnTable() {
        List<String> bad = new ArrayList<>();
        for (String[] c : ATOFTESTS) {
            byte[] b = c[0].getBytes(StandardCharsets.UTF_8);
            double got = GoFloat.parse(b, 0, b.length);
            boolean err = c[1].equals("S") || c[1].equals("R");
            String ok = err ? (GoFloat.isInvalid(got) ? null : "an error")
                    : GoFloat.isInvalid(got) ? "a number" : same(got, expected(c[1])) ? null : c[1];
            if (ok != null) bad.add("'" + c[0] + "': Go gives " + ok + ", got " + (GoFloat.isInvalid(got) ? "an error" : got));
        }
        assertEquals(List.of(), bad);
    }

    private static double expected(String go) {
        return switch (go) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(go);
        };
    }

    private static boolean same(double a, double b) {
        return Double.isNaN(a) ? Double.isNaN(b) : Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }
}
