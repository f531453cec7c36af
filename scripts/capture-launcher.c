/*
 * metricsniff's capture launcher, built by `scripts/install --capture`: the one file that holds
 * cap_net_raw and cap_net_admin (permitted only), instead of the system's java binary. It raises
 * the two into the ambient set, clears an environment that could load code into the JVM
 * (LD_PRELOAD, JAVA_TOOL_OPTIONS...), and executes the fixed java binary on the fixed jar
 * (paths compiled in), so only metricsniff runs with capture rights. java itself has no file
 * capabilities, so the loader still finds libjli.so (setcap on java breaks that).
 */
#define _GNU_SOURCE
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef MS_JAVA
#error "build with -DMS_JAVA=\"/path/to/java\" -DMS_JAR=\"/path/to/metricsniff.jar\" -DMS_JSA=\"/path/to/metricsniff.jsa\""
#endif

static const int caps[] = {CAP_NET_RAW, CAP_NET_ADMIN};
/* Environment a terminal UI and messages need; everything else is dropped. */
static const char *kept[] = {"TERM", "COLUMNS", "LINES", "LANG", "LC_ALL", "NO_COLOR", "HOME"};

int main(int argc, char **argv) {
    struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct d[2];
    if (syscall(SYS_capget, &h, d) != 0) { perror("metricsniff: capget"); return 2; }
    for (unsigned i = 0; i < sizeof caps / sizeof caps[0]; i++) d[0].inheritable |= 1u << caps[i];
    if (syscall(SYS_capset, &h, d) != 0) { perror("metricsniff: capset (is the launcher setcap'd?)"); return 2; }
    for (unsigned i = 0; i < sizeof caps / sizeof caps[0]; i++) {
        if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, caps[i], 0, 0) != 0) { perror("metricsniff: ambient"); return 2; }
    }
    char *vals[sizeof kept / sizeof kept[0]];
    for (unsigned i = 0; i < sizeof kept / sizeof kept[0]; i++) {
        char *v = getenv(kept[i]);
        vals[i] = v ? strdup(v) : NULL;
    }
    clearenv();
    setenv("PATH", "/usr/local/bin:/usr/bin:/bin", 1);
    for (unsigned i = 0; i < sizeof kept / sizeof kept[0]; i++) if (vals[i]) setenv(kept[i], vals[i], 1);
    char **args = calloc((size_t) argc + 8, sizeof *args);
    if (!args) return 2;
    int n = 0;
    args[n++] = MS_JAVA;
    args[n++] = "-Xms64m";
    args[n++] = "-Xmx288m"; // as scripts/lib.sh ms_java_opts: the path index at 5 M paths (README "Speed and memory")
    args[n++] = "-XX:+UseSerialGC";
    args[n++] = "-XX:SharedArchiveFile=" MS_JSA; // class data (scripts/lib.sh ms_class_archive); ignored if absent or stale
    args[n++] = "-Xlog:cds=off,cds+dynamic=off";
    args[n++] = "-jar";
    args[n++] = MS_JAR;
    for (int i = 1; i < argc; i++) args[n++] = argv[i];
    execv(MS_JAVA, args);
    perror("metricsniff: exec " MS_JAVA);
    return 2;
}
