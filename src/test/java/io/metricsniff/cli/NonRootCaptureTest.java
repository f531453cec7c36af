package io.metricsniff.cli;

import io.metricsniff.testutil.Jvm;
import io.metricsniff.testutil.UdpSender;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The no-permission advice, followed literally: a throwaway non-root user is refused, root runs
 * the printed install command, and the user then captures with the printed launcher. The system's
 * java gets no capability.
 */
class NonRootCaptureTest {
    static final long TIMEOUT_SECONDS = 180;
    static final Path JAR = Path.of("target/metricsniff.jar").toAbsolutePath();
    static final Pattern ADVICE = Pattern.compile("as root run '([^']+)'.*then use (\\S+)");

    @Test void theAdviceWorksForANonRootUser() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create a user");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/useradd")), "useradd is not available");
        Assumptions.assumeTrue(Files.exists(JAR) && fresh(), "target/metricsniff.jar missing or stale (scripts/test builds it)");
        String user = "msniff" + ProcessHandle.current().pid() % 100_000;
        Path dir = Files.createTempDirectory("msniff-nonroot");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path prefix = dir.resolve("prefix"), jar = Files.copy(JAR, dir.resolve("metricsniff.jar"));
        String env = "METRICSNIFF_PREFIX=" + prefix + " ";
        assertEquals(0, Jvm.bash("useradd -M -s /bin/sh " + user, 30).exit());
        try {
            Jvm.Result refused = Jvm.bash(env + "runuser -u " + user + " -- env " + env + "java -Dmetricsniff.home="
                    + Path.of("").toAbsolutePath() + " -jar " + jar + " -d lo -q --duration 1s", TIMEOUT_SECONDS);
            assertEquals(2, refused.exit(), refused.toString());
            Matcher m = ADVICE.matcher(refused.err());
            assertTrue(m.find(), "advice names a command and a launcher: " + refused.err());
            Jvm.Result installed = Jvm.bash(env + m.group(1), TIMEOUT_SECONDS); // as root, literally
            assertEquals(0, installed.exit(), installed.toString());
            Jvm.Result captured = captureAs(user, m.group(2));
            assertEquals(0, captured.exit(), captured.toString());
            assertTrue(captured.out().contains("\"path\":\"nonroot.ok\""), captured.toString());
            Jvm.Result getcap = Jvm.bash("getcap \"$(readlink -f \"$(command -v java)\")\"", 30);
            assertEquals("", getcap.out().trim(), "the system's java stays without capabilities");
        } finally {
            Jvm.bash("userdel " + user + "; rm -rf /tmp/hsperfdata_" + user, 30);
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Jvm.Result captureAs(String user, String launcher) throws Exception {
        try (UdpSender sender = UdpSender.start("127.0.0.76", 8125, 200, i -> "nonroot.ok:1|c\n")) {
            return Jvm.bash("runuser -u " + user + " -- " + launcher
                    + " -d lo --format json -n 1 --duration 60s 'udp and dst host 127.0.0.76'", TIMEOUT_SECONDS);
        }
    }

    private static boolean fresh() throws IOException {
        long jar = Files.getLastModifiedTime(JAR).toMillis();
        try (Stream<Path> src = Files.walk(Path.of("src/main"))) {
            return src.allMatch(p -> p.toFile().lastModified() <= jar);
        }
    }
}
