# Shared by the recording scripts (record-protocols, record-mixed): start and stop real daemons
# on ADDR, tcpdump on lo, and keep the receivers' own verdicts as the oracle.
# The caller sets ROOT, OUT, LIB, PY, ADDR, WORK, STATSD_VERSION, STATSD_DIR, PIDS=() and NAME
# (the log prefix) before sourcing.
# shellcheck shell=bash

log() { echo "$NAME: $*" >&2; }

cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need() { # need COMMAND PACKAGE: installs the Debian package only when the command is missing
    command -v "$1" >/dev/null 2>&1 && return 0
    log "installing $2"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null ||
        { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null; }
}

wait_for() { # wait_for SECONDS COMMAND...: polls until the command succeeds
    local n=$(( $1 * 10 )); shift
    until "$@"; do
        n=$((n - 1)); [ "$n" -gt 0 ] || { log "timed out waiting for: $*"; return 1; }
        sleep 0.1
    done
}

listening() { # listening tcp|udp PORT: something is bound to ADDR:PORT (or the wildcard)
    ss -Hn "--$1" -l "sport = :$2" | grep -qE "($ADDR|0\.0\.0\.0|\*|\[::\]):$2 "
}

free_or_die() {
    if listening "$1" "$2"; then log "$1 port $2 is already bound on $ADDR or a wildcard"; exit 1; fi
}

stop() { # stop PID [SIGNAL]: ends one process we started and waits for it
    kill -"${2:-TERM}" "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

start_tcpdump() { # start_tcpdump PCAP FILTER: full length, ns timestamps, written as it goes
    tcpdump -i lo -s 0 --time-stamp-precision nano -U -Z root -w "$1" "$2" 2>"$WORK/tcpdump.err" &
    TCPDUMP=$!; PIDS+=("$TCPDUMP")
    wait_for 10 grep -q "listening on" "$WORK/tcpdump.err"
}

stop_tcpdump() {
    sleep 0.5
    stop "$TCPDUMP" INT
    grep -E "captured|dropped" "$WORK/tcpdump.err" >&2 || true
}

# cache_conf DIR LINE_PORT PICKLE_PORT UDP(True|False): carbon-cache config, everything under
# DIR, listeners on ADDR only. Port 0 lets the kernel pick a port for a listener a scenario
# doesn't use (configparser refuses an option given twice, so no overrides appended).
cache_conf() {
    local d=$1
    mkdir -p "$d/conf" "$d/storage/whisper" "$d/log"
    cat >"$d/conf/storage-schemas.conf" <<'CONF'
# one 1 s archive, 6 h long: keeps the late points (2 h old) and every second of a short run
[all]
pattern = .*
retentions = 1s:6h
CONF
    cat >"$d/conf/storage-aggregation.conf" <<'CONF'
[default]
pattern = .*
xFilesFactor = 0
aggregationMethod = average
CONF
    cat >"$d/conf/carbon.conf" <<CONF
[cache]
STORAGE_DIR = $d/storage/
LOCAL_DATA_DIR = $d/storage/whisper/
WHITELISTS_DIR = $d/storage/lists/
CONF_DIR = $d/conf/
LOG_DIR = $d/log/
PID_DIR = $d/
ENABLE_LOGROTATION = False
USER =
MAX_CACHE_SIZE = inf
MAX_UPDATES_PER_SECOND = inf
MAX_CREATES_PER_MINUTE = inf
LINE_RECEIVER_INTERFACE = $ADDR
LINE_RECEIVER_PORT = $2
UDP_RECEIVER_INTERFACE = $ADDR
UDP_RECEIVER_PORT = 2003
ENABLE_UDP_LISTENER = $4
PICKLE_RECEIVER_INTERFACE = $ADDR
PICKLE_RECEIVER_PORT = $3
CACHE_QUERY_INTERFACE = $ADDR
CACHE_QUERY_PORT = 0
LOG_LISTENER_CONN_SUCCESS = True
ENABLE_TAGS = False
# tagged names (statsd's |#tags) go under _tagged/; readable file names let us report them
TAG_HASH_FILENAMES = False
CARBON_METRIC_INTERVAL = 0
CONF
}

# start_carbon DIR PROGRAM PROTO PORT: runs carbon-cache or carbon-relay in the foreground
# (--debug logs to stdout, into DIR/PROGRAM.out) and waits until it listens on PROTO PORT.
start_carbon() {
    local d=$1 prog=$2
    free_or_die "$3" "$4"
    "$prog" --config="$d/conf/carbon.conf" --pidfile="$d/$prog.pid" --debug start >"$d/$prog.out" 2>&1 &
    local pid=$!; PIDS+=("$pid")
    eval "PID_${prog//-/_}=$pid"
    wait_for 30 listening "$3" "$4" || { cat "$d/$prog.out" >&2; exit 1; }
}

# keep_carbon_log NAME FILES...: carbon's verdicts and connection events, without the dates
keep_carbon_log() {
    local name=$1; shift
    local f
    for f in "$@"; do
        # Listener lines (invalid lines, connections), relay destination events, and errors
        # with the last line of each traceback.
        grep -E "invalid line|invalid pickle|Error|error|Unhandled|connection with|Connected|Destination|destination|Traceback|^[A-Za-z]+(Error|Exception):" "$f" \
            | grep -vE "Starting factory|Stopping factory" \
            | sed -E "s#^[0-9/]+ [0-9:]+ :: ##; s#^#$(basename "${f%.out}"): #" || true
    done >"$OUT/$name.carbon.log"
}

keep_stored() { # keep_stored NAME DIR
    "$PY" "$LIB/whisper-points.py" "$2/storage/whisper" >"$OUT/$1.stored.txt"
}

summary() { # summary NAME
    log "$1: carbon logged $(grep -c 'invalid line' "$OUT/$1.carbon.log" || true) invalid lines," \
        "stored $(wc -l <"$OUT/$1.stored.txt") points; pcap $(stat -c %s "$OUT/$1.pcap") bytes"
}

install_statsd() {
    need node nodejs
    need npm npm
    [ -f "$STATSD_DIR/node_modules/statsd/stats.js" ] && return 0
    log "installing statsd $STATSD_VERSION from npm into $STATSD_DIR"
    mkdir -p "$STATSD_DIR"
    (cd "$STATSD_DIR" && npm install --no-audit --no-fund --omit=optional --loglevel=error \
        "statsd@$STATSD_VERSION" >/dev/null)
}

