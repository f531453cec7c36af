package io.metricsniff.health;

/**
 * The bounds and thresholds of connection health. State is per flow and per sender host; both
 * tables are capped and expire in capture time, so a run of days keeps flat memory.
 *
 * @param maxFlows            connections watched at once; past it the least recently active is dropped
 * @param maxHosts            sender hosts with their own counts; past it the quietest is dropped
 * @param flowIdleNanos       a connection with no packet for this long is forgotten
 * @param hostIdleNanos       a host with no packet for this long is forgotten (totals keep its counts)
 * @param quietNanos          an open connection carrying no payload for this long is "quiet"
 * @param maxNewlinesPerFlow  line ends remembered per flow for the lines in unacknowledged bytes
 * @param shortConnectionNanos a connection that ends (or is refused) sooner than this is "short"
 * @param stormWindowNanos    short connections of one host are looked at over this window
 * @param stormMinConnects    this many short connections within the window make a reconnect storm
 * @param maxEpisodesKept     episodes of each kind (zero window, loss, refused, storm) kept by name (all are counted)
 */
public record HealthLimits(int maxFlows, int maxHosts, long flowIdleNanos, long hostIdleNanos, long quietNanos,
                           int maxNewlinesPerFlow, long shortConnectionNanos, long stormWindowNanos,
                           int stormMinConnects, int maxEpisodesKept) {
    private static final long SECOND = 1_000_000_000L;

    /** 65,536 connections: a relay's fan-in; a few KB each at most. */
    public static final int MAX_FLOWS = 65_536;
    /** 4,096 sender hosts: a fleet; more are still counted in the totals. */
    public static final int MAX_HOSTS = 4_096;
    /** 5 minutes, as the reassembler: longer than metric send intervals. */
    public static final long FLOW_IDLE_NANOS = 5 * 60 * SECOND;
    /** 1 hour: a host that stopped sending drops out of the per-host view. */
    public static final long HOST_IDLE_NANOS = 60 * 60 * SECOND;
    /** 60 s: carbon's and collectd's intervals are 10 to 60 s; a minute without a line is suspicious. */
    public static final long QUIET_NANOS = 60 * SECOND;
    /** 4,096 line ends: a full 64 KiB socket buffer of ~16-byte lines; older ones are counted, not placed. */
    public static final int MAX_NEWLINES_PER_FLOW = 4_096;
    /** 10 s: collectd's default interval; a session shorter than that is connect-write-teardown. */
    public static final long SHORT_CONNECTION_NANOS = 10 * SECOND;
    /** 60 s: one carbon restart's worth of retries. */
    public static final long STORM_WINDOW_NANOS = 60 * SECOND;
    /** 10 short connections a minute from one host: more than any client reconnecting by design. */
    public static final int STORM_MIN_CONNECTS = 10;
    /** 100 named episodes per kind: enough to read, bounded for days of running. */
    public static final int MAX_EPISODES_KEPT = 100;

    public HealthLimits {
        if (maxFlows < 1 || maxHosts < 1 || maxNewlinesPerFlow < 1 || stormMinConnects < 2 || maxEpisodesKept < 0) {
            throw new IllegalArgumentException("health limits must be positive (storms need 2 connects)");
        }
        if (flowIdleNanos <= 0 || hostIdleNanos <= 0 || quietNanos <= 0 || stormWindowNanos <= 0) {
            throw new IllegalArgumentException("health durations must be > 0");
        }
    }

    public static HealthLimits defaults() {
        return new HealthLimits(MAX_FLOWS, MAX_HOSTS, FLOW_IDLE_NANOS, HOST_IDLE_NANOS, QUIET_NANOS,
                MAX_NEWLINES_PER_FLOW, SHORT_CONNECTION_NANOS, STORM_WINDOW_NANOS, STORM_MIN_CONNECTS,
                MAX_EPISODES_KEPT);
    }

    public HealthLimits withTables(int flows, int hosts) {
        return new HealthLimits(flows, hosts, flowIdleNanos, hostIdleNanos, quietNanos, maxNewlinesPerFlow,
                shortConnectionNanos, stormWindowNanos, stormMinConnects, maxEpisodesKept);
    }

    public HealthLimits withNewlines(int n) {
        return new HealthLimits(maxFlows, maxHosts, flowIdleNanos, hostIdleNanos, quietNanos, n,
                shortConnectionNanos, stormWindowNanos, stormMinConnects, maxEpisodesKept);
    }
}
