package io.metricsniff.verdict;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * go-metrics20's own table (carbon20/validate_test.go at the version carbon-relay-ng's go.mod pins,
 * v0.0.0-20240216190837-a2a3be37ef3e), rewritten as cases: the key checks directly, and each case
 * also as a whole line through {@link CarbonRelayNgProfile} (default levels: medium/medium). Only
 * the rows at carbon-relay-ng's default levels are taken (Strict and None rows test other settings).
 */
class RelayNgValidateTableTest {
    static final String T = " 1700000000";

    /** validate_test.go TestValidateLegacy, MediumLegacy rows: key, valid. */
    static final Object[][] LEGACY_MEDIUM = {
        {"foo.bar", true}, {"foo..bar", true}, {"foo..bar.ba::z", true},
        {"foo..bar.b\u00bdz", false}, {"foo..bar.b\0z", false},
        {"foo.bar;", false}, {"foo.bar;k", false}, {"foo.bar;k=", false}, {"foo.bar;k=v", true},
        {"foo.bar;k!=v", false}, {"foo.bar;k=\u00bdz", false}, {"foo.bar;k=\0z", false},
    };

    /** validate_test.go TestValidateTagAppendixB: appendix, valid. */
    static final Object[][] TAG_APPENDIX = {
        {";k=v", true}, {";123456=89710", true}, {";k=v;k2=v2", true}, {";k=v;;k2=v2", false},
        {";!=v", false}, {";k!=v", false}, {";!k=v", false}, {";k=v;", false}, {";k=v;=", false},
        {";k=v;k2=", false}, {";k=", false}, {";;k=v", false}, {";k=v=", false}, {";k=v;k2==v2", false},
    };

    /** validate_test.go TestValidateM20 and TestValidateM20NoEquals, MediumM20 rows: key, valid. */
    static final Object[][] M20_MEDIUM = {
        {"foo.bar.aunit=no.baz", false}, {"foo.bar.UNIT=no.baz", false}, {"foo.bar.unita=no.bar", false},
        {"foo.bar.mtype_is_count.baz", false}, {"foo.bar.mtype_is_count", false}, {"mtype_is_count.foo.bar", false},
    };

    /** validate_test.go TestValidateTimestamps and TestValidateValues: line, profile verdict. */
    static final String[][] LINES = {
        {"foo.bar 1 123", "ok"}, {"foo.bar 1 123.0", "ok"}, {"foo.bar 1 123abc", "malformed:bad-timestamp"},
        {"foo.bar -1 123", "ok"}, {"foo.bar 1e5 123", "ok"}, {"foo.bar 1E+5 123", "ok"},
        {"foo.bar +1E-5 123", "ok"}, {"foo.bar 1e100 123", "ok"},
        {"foo.bar z1 123", "malformed:bad-value"}, {"foo.bar ++1 123", "malformed:bad-value"},
    };

    /** Read from validate.go/version.go (not in its test file): what the first-node rule and the float timestamp mean. */
    static final String[][] FROM_THE_CODE = {
        {"a.host=x 1" + T, "ok"},                          // GetVersionB: '=' after the first '.' is legacy
        {"a.b;dc=e=u 1" + T, "malformed:bad-tag"},         // ValidateTagAppendixB: '=' in a value
        {"cpu;dc=eu 1" + T, "malformed:bad-name"},         // '=' before any '.': metrics 2.0, no unit
        {"unit_is_B.mtype_is_gauge.x 1" + T, "ok"},        // M20NoEquals with both tags and two dots
        {"unit=B.mtype=gauge.x\u00e9 1" + T, "ok"},        // m20 names skip the ASCII check
        {"unit=B.mtype=gauge 1" + T, "malformed:bad-name"},// one dot: not enough tags
        {".unit=B.x 1" + T, "ok"},                         // style read before the leading '.' is dropped
        {"a.b 0x1p4" + T, "ok"}, {"a.b 1 0x1p4", "ok"},    // ParseFloat: hex floats, timestamp too
        {"a.b 1 1e9", "ok"}, {"a.b 1 1e400", "malformed:bad-timestamp"},
    };

    @Test
    void keyChecksMatchValidateTestGo() {
        List<String> bad = new ArrayList<>();
        for (Object[] c : LEGACY_MEDIUM) {
            byte[] b = bytes((String) c[0]);
            check(bad, "TestValidateLegacy", (String) c[0], (Boolean) c[1], Metrics20Keys.legacyMedium(b, 0, b.length));
        }
        for (Object[] c : TAG_APPENDIX) {
            byte[] b = bytes((String) c[0]);
            check(bad, "TestValidateTagAppendixB", (String) c[0], (Boolean) c[1], Metrics20Keys.tagAppendix(b, 0, b.length));
        }
        for (Object[] c : M20_MEDIUM) {
            String key = (String) c[0];
            byte[] b = bytes(key);
            Metrics20Keys.Style s = key.contains("_is_") ? Metrics20Keys.Style.M20_NO_EQUALS : Metrics20Keys.Style.M20;
            check(bad, "TestValidateM20", key, (Boolean) c[1], Metrics20Keys.m20Medium(b, 0, b.length, s));
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void linesMatchValidateTestGoAndTheCode() {
        List<String> bad = new ArrayList<>();
        for (String[] c : LINES) expectLine(bad, c[0], c[1]);
        for (String[] c : FROM_THE_CODE) expectLine(bad, c[0], c[1]);
        for (Object[] c : LEGACY_MEDIUM) expectLine(bad, c[0] + " 1" + T, (Boolean) c[1] ? "ok" : null);
        assertEquals(List.of(), bad);
    }

    private static void expectLine(List<String> bad, String line, String expected) {
        String got = ProfileTableTest.judge(CarbonRelayNgProfile.NAME, bytes(line), bytes(line).length);
        boolean match = expected == null ? got.startsWith("malformed:") : got.equals(expected);
        if (!match) bad.add("'" + ProfileTableTest.escape(line) + "': expected " + (expected == null ? "malformed" : expected) + " got " + got);
    }

    private static void check(List<String> bad, String test, String in, boolean valid, String err) {
        if ((err == null) != valid) bad.add(test + " '" + ProfileTableTest.escape(in) + "': expected valid=" + valid + " got " + err);
    }

    /** Go string literals in the test file are bytes: "\xbd" is one byte, so map chars below 0x100 to one byte each. */
    static byte[] bytes(String s) {
        return s.chars().allMatch(c -> c < 0x100) ? s.getBytes(StandardCharsets.ISO_8859_1) : s.getBytes(StandardCharsets.UTF_8);
    }
}
