#!/usr/bin/env bash
# deploy/local/infra.sh — PostgreSQL, Redis and Kafka for development and tests, without Docker.
#
#   infra.sh up           make sure all three answer (start the local ones that do not)
#   infra.sh down         stop the Kafka broker started here, and PostgreSQL/Redis only if started here
#   infra.sh status       one line per component; exit 0 only when all are up
#   infra.sh kafka-start  just the broker (used by integration tests that restart Kafka)
#   infra.sh kafka-stop   just the broker
#
# Environment: GOVDATA_PG_URL, GOVDATA_REDIS_URL, GOVDATA_KAFKA_PORT, GOVDATA_KAFKA_CONTROLLER_PORT,
# GOVDATA_KAFKA_HEAP, GOVDATA_KAFKA_START_TIMEOUT, GOVDATA_INFRA_TIMEOUT (see deploy/local/README.md).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd "$SCRIPT_DIR/../.." && pwd -P)

PG_URL=${GOVDATA_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
REDIS_URL=${GOVDATA_REDIS_URL:-redis://127.0.0.1:6379}
KAFKA_HOST=127.0.0.1
KAFKA_PORT=${GOVDATA_KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${GOVDATA_KAFKA_CONTROLLER_PORT:-9093}
KAFKA_HEAP=${GOVDATA_KAFKA_HEAP:--Xms256m -Xmx512m}
KAFKA_START_TIMEOUT=${GOVDATA_KAFKA_START_TIMEOUT:-90}
KAFKA_STOP_TIMEOUT=30
SERVICE_TIMEOUT=${GOVDATA_INFRA_TIMEOUT:-30}

KAFKA_SRC=$SCRIPT_DIR/kafka               # pom.xml, log4j2.properties, KafkaPing.java (checked in)
KAFKA_POM=$KAFKA_SRC/pom.xml
KAFKA_TARGET=$KAFKA_SRC/target            # git-ignored
KAFKA_LIBS=$KAFKA_TARGET/libs             # jars from Maven Central
KAFKA_PROBE_DIR=$KAFKA_TARGET/probe       # compiled KafkaPing
DATA=$ROOT/.data                          # git-ignored
KDATA=$DATA/kafka
KAFKA_PROPS=$KDATA/server.properties
KAFKA_PID_FILE=$KDATA/kafka.pid
KAFKA_LOG_DIR=$KDATA/logs
KAFKA_STORE=$KDATA/data
STATE=$DATA/infra
PG_MARKER=$STATE/postgres.started-by-govdata
REDIS_MARKER=$STATE/redis.started-by-govdata

log() { printf '[infra] %s\n' "$*"; }
warn() { printf '[infra] warning: %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
line() { printf '[infra] %-9s %-46s %s\n' "$1" "$2" "$3"; }

[[ $KAFKA_PORT =~ ^[0-9]+$ ]] || die "GOVDATA_KAFKA_PORT must be a port number (got '$KAFKA_PORT')"
[[ $KAFKA_CONTROLLER_PORT =~ ^[0-9]+$ ]] || die "GOVDATA_KAFKA_CONTROLLER_PORT must be a port number"
[[ $KAFKA_PORT != "$KAFKA_CONTROLLER_PORT" ]] || die "GOVDATA_KAFKA_PORT and GOVDATA_KAFKA_CONTROLLER_PORT must differ"

# ---------------------------------------------------------------- helpers

# URL pieces: scheme://[user[:pass]@]host[:port][/path][?query]
url_authority() { local u=${1#*://}; u=${u%%[/?#]*}; printf '%s' "${u##*@}"; }
url_host() {
  local a; a=$(url_authority "$1")
  if [[ $a == \[* ]]; then a=${a#\[}; a=${a%%]*}; else a=${a%%:*}; fi
  printf '%s' "$a"
}
url_port() {
  local a; a=$(url_authority "$1")
  if [[ $a == \[* ]]; then a=${a#*]}; elif [[ $a == *:* ]]; then a=${a#*:}; else a=; fi
  a=${a#:}
  printf '%s' "${a:-$2}"
}
is_local_host() { case $1 in '' | localhost | 127.* | ::1 | 0.0.0.0) return 0 ;; *) return 1 ;; esac; }
mask_url() { printf '%s' "$1" | sed -E 's#(://[^:/@]*):[^@/]*@#\1:***@#'; }

tcp_open() { timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null; }

# wait_until SECONDS command...  — polls every 0.5 s
wait_until() {
  local limit=$1; shift
  local deadline=$((SECONDS + limit))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

is_root() { [[ $(id -u) -eq 0 ]]; }

# Serialise up/down/kafka-* between concurrent callers (parallel test runs, npm start + npm test).
# Every long-lived process started below gets `9>&-` so it does not inherit (and hold) the lock.
take_lock() {
  mkdir -p "$STATE"
  have flock || return 0
  exec 9>"$STATE/infra.lock"
  flock -w 600 9 || die "another infra.sh is still running (lock $STATE/infra.lock)"
}

# ---------------------------------------------------------------- PostgreSQL

pg_answers() {
  if have pg_isready; then
    pg_isready -q -t 2 -d "$PG_URL" >/dev/null 2>&1
  else
    tcp_open "$(url_host "$PG_URL" | sed 's/^$/127.0.0.1/')" "$(url_port "$PG_URL" 5432)"
  fi
}

pg_login_check() {
  have psql || return 0
  local err
  if ! err=$(PGCONNECT_TIMEOUT=5 psql "$PG_URL" -X -A -t -q -c 'select 1' 2>&1 >/dev/null); then
    die "PostgreSQL at $(mask_url "$PG_URL") answers but the login failed: ${err//$'\n'/ }"
  fi
}

pg_cluster_version() { ls /etc/postgresql 2>/dev/null | sort -V | tail -n1; }

start_local_postgres() {
  local ver cmd owner
  have pg_ctlcluster || die "PostgreSQL at $(mask_url "$PG_URL") is not answering and pg_ctlcluster is missing. Install Debian's postgresql package, start PostgreSQL yourself, or set GOVDATA_PG_URL."
  ver=$(pg_cluster_version)
  [[ -n $ver && -d /etc/postgresql/$ver/main ]] || die "PostgreSQL is not answering and there is no cluster /etc/postgresql/<version>/main. Create one (pg_createcluster <version> main) or set GOVDATA_PG_URL."
  cmd="pg_ctlcluster --skip-systemctl-redirect $ver main start"
  owner=$(stat -c %u "/etc/postgresql/$ver/main/postgresql.conf" 2>/dev/null || echo 0)
  if ! is_root && [[ $(id -u) != "$owner" ]]; then
    die "PostgreSQL at $(mask_url "$PG_URL") is not answering. Start it as root: $cmd   (or set GOVDATA_PG_URL to a running server)"
  fi
  log "postgres  not answering; starting local cluster $ver/main"
  local out
  if ! out=$($cmd 2>&1 9>&-); then
    pg_answers && return 0
    [[ $out == *"already running"* ]] &&
      die "the local cluster $ver/main is running but nothing answers at $(mask_url "$PG_URL"); check GOVDATA_PG_URL (host/port)"
    die "could not start PostgreSQL ($cmd): ${out//$'\n'/ }"
  fi
  mkdir -p "$STATE"
  printf '%s\n' "$ver" >"$PG_MARKER"
}

ensure_postgres() {
  local host; host=$(url_host "$PG_URL")
  if ! pg_answers; then
    is_local_host "$host" || die "PostgreSQL at $(mask_url "$PG_URL") does not answer (remote host: start it there or fix GOVDATA_PG_URL)"
    start_local_postgres
    wait_until "$SERVICE_TIMEOUT" pg_answers ||
      die "PostgreSQL at $(mask_url "$PG_URL") did not answer within ${SERVICE_TIMEOUT}s (see /var/log/postgresql/)"
  fi
  pg_login_check
  ensure_pg_connections
  line postgres "$(mask_url "$PG_URL")" up
}

# Every service holds a small pool of its own, and the demo runs four nodes of eight services on one
# server: PostgreSQL's default of 100 connections is not enough. Raise it on a local cluster.
ensure_pg_connections() {
  have psql || return 0
  local want=${GOVDATA_PG_MIN_CONNECTIONS:-300} have_now ver cmd
  have_now=$(PGCONNECT_TIMEOUT=5 psql "$PG_URL" -X -A -t -q -c 'show max_connections' 2>/dev/null) || return 0
  ((have_now >= want)) && return 0
  ver=$(pg_cluster_version)
  if ! is_local_host "$(url_host "$PG_URL")" || [[ -z $ver ]] || ! have pg_ctlcluster || ! is_root; then
    warn "PostgreSQL allows $have_now connections; the demo federation needs about $want (set max_connections = $want)"
    return 0
  fi
  log "postgres  raising max_connections from $have_now to $want (restarting local cluster $ver/main)"
  psql "$PG_URL" -X -q -c "ALTER SYSTEM SET max_connections = $want" >/dev/null ||
    die "could not set max_connections on $(mask_url "$PG_URL")"
  cmd="pg_ctlcluster --skip-systemctl-redirect $ver main restart"
  $cmd 9>&- >/dev/null 2>&1 || die "could not restart PostgreSQL ($cmd)"
  wait_until "$SERVICE_TIMEOUT" pg_answers || die "PostgreSQL did not answer within ${SERVICE_TIMEOUT}s after the restart"
}

stop_postgres_if_ours() {
  [[ -f $PG_MARKER ]] || return 0
  local ver; ver=$(<"$PG_MARKER")
  log "postgres  stopping cluster $ver/main (started by infra.sh up)"
  pg_ctlcluster --skip-systemctl-redirect "$ver" main stop >/dev/null 2>&1 || warn "pg_ctlcluster $ver main stop failed"
  rm -f "$PG_MARKER"
}

# ---------------------------------------------------------------- Redis

redis_ping() { # $1 = URL
  if have redis-cli; then
    [[ $(timeout 3 redis-cli --no-auth-warning -u "$1" ping 2>/dev/null) == PONG* ]]
  else
    local h; h=$(url_host "$1"); h=${h:-127.0.0.1}
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"; printf "PING\r\n" >&3; read -r l <&3; [[ $l == +PONG* ]]' \
      "$h" "$(url_port "$1" 6379)" 2>/dev/null
  fi
}
redis_answers() { redis_ping "$REDIS_URL"; }

start_local_redis() {
  local port; port=$(url_port "$REDIS_URL" 6379)
  local cmd=(redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$port" --save "" --appendonly no
    --dir /var/lib/redis --logfile /var/log/redis/ci.log)
  have redis-server || die "Redis at $(mask_url "$REDIS_URL") is not answering and redis-server is missing. Install Debian's redis-server package, start Redis yourself, or set GOVDATA_REDIS_URL."
  is_root || die "Redis at $(mask_url "$REDIS_URL") is not answering. Start it as root: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port $port --save \"\" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log   (or set GOVDATA_REDIS_URL to a running server)"
  log "redis     not answering; starting local redis-server on port $port"
  mkdir -p /var/lib/redis /var/log/redis
  local out
  if ! out=$("${cmd[@]}" 2>&1 9>&-); then
    die "could not start redis-server: ${out//$'\n'/ }"
  fi
  mkdir -p "$STATE"
  printf '%s\n' "$REDIS_URL" >"$REDIS_MARKER"
}

ensure_redis() {
  local host; host=$(url_host "$REDIS_URL")
  if ! redis_answers; then
    is_local_host "$host" || die "Redis at $(mask_url "$REDIS_URL") does not answer (remote host: start it there or fix GOVDATA_REDIS_URL)"
    start_local_redis
    wait_until "$SERVICE_TIMEOUT" redis_answers ||
      die "Redis at $(mask_url "$REDIS_URL") did not answer within ${SERVICE_TIMEOUT}s (see /var/log/redis/ci.log)"
  fi
  line redis "$(mask_url "$REDIS_URL")" up
}

stop_redis_if_ours() {
  [[ -f $REDIS_MARKER ]] || return 0
  local url; url=$(<"$REDIS_MARKER")
  log "redis     stopping $(mask_url "$url") (started by infra.sh up)"
  if have redis-cli; then
    timeout 10 redis-cli --no-auth-warning -u "$url" shutdown nosave >/dev/null 2>&1 || true
  fi
  redis_ping "$url" && warn "redis at $(mask_url "$url") still answers"
  rm -f "$REDIS_MARKER"
}

# ---------------------------------------------------------------- Kafka

KAFKA_ADDR=$KAFKA_HOST:$KAFKA_PORT

kafka_libs_fresh() {
  [[ -d $KAFKA_LIBS && -f $KAFKA_LIBS/.pom.sha256 ]] &&
    [[ $(<"$KAFKA_LIBS/.pom.sha256") == "$(sha256sum "$KAFKA_POM" | cut -d' ' -f1)" ]]
}

ensure_kafka_libs() {
  kafka_libs_fresh && return 0
  have java || die "java (17+) is needed to run Kafka"
  have mvn || die "mvn is needed (once) to fetch the Kafka jars from Maven Central"
  mkdir -p "$KAFKA_TARGET" "$KDATA"
  local tmp=$KAFKA_TARGET/libs.tmp.$$ mvnlog=$KDATA/mvn.log t0=$SECONDS
  log "kafka     fetching jars from Maven Central (pom.xml new or changed)"
  rm -rf "$tmp"
  if ! mvn -q -B -f "$KAFKA_POM" dependency:copy-dependencies -DoutputDirectory="$tmp" \
    -DincludeScope=runtime >"$mvnlog" 2>&1; then
    rm -rf "$tmp"
    tail -n 20 "$mvnlog" | sed 's/^/[infra]   /' >&2
    if [[ -d $KAFKA_LIBS ]]; then
      warn "maven failed (full log: $mvnlog); keeping the previous jars in $KAFKA_LIBS"
      return 0
    fi
    die "maven could not fetch the Kafka jars (full log: $mvnlog)"
  fi
  sha256sum "$KAFKA_POM" | cut -d' ' -f1 >"$tmp/.pom.sha256"
  rm -rf "$KAFKA_LIBS" "$KAFKA_PROBE_DIR"
  mv "$tmp" "$KAFKA_LIBS"
  log "kafka     $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars in $((SECONDS - t0))s"
  if our_kafka_pid >/dev/null; then
    warn "the running broker still uses the previous jars; restart it: infra.sh kafka-stop && infra.sh kafka-start"
  fi
}

# Compile the metadata probe once (falls back to a TCP check when javac is unavailable).
ensure_probe() {
  local cls=$KAFKA_PROBE_DIR/KafkaPing.class
  [[ -f $cls && $cls -nt $KAFKA_SRC/KafkaPing.java ]] && return 0
  [[ -d $KAFKA_LIBS ]] && have javac || return 0
  mkdir -p "$KAFKA_PROBE_DIR"
  javac -nowarn -d "$KAFKA_PROBE_DIR" -cp "$KAFKA_LIBS/*" "$KAFKA_SRC/KafkaPing.java" >"$KDATA/probe-javac.log" 2>&1 ||
    warn "could not compile KafkaPing (see $KDATA/probe-javac.log); using a TCP check"
}

# Does a Kafka broker answer on $KAFKA_ADDR? (real metadata request when the probe is available)
kafka_answers() {
  tcp_open "$KAFKA_HOST" "$KAFKA_PORT" || return 1
  if [[ -f $KAFKA_PROBE_DIR/KafkaPing.class ]]; then
    java -Xms16m -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
      -Dlog4j2.level=OFF -Dlog4j2.StatusLogger.level=OFF \
      -cp "$KAFKA_PROBE_DIR:$KAFKA_LIBS/*" KafkaPing "$KAFKA_ADDR" "${1:-4000}" >/dev/null 2>&1
  elif [[ -f $KAFKA_LOG_DIR/server.log ]] && our_kafka_pid >/dev/null; then
    grep -q 'Kafka Server started' "$KAFKA_LOG_DIR/server.log"
  else
    return 0 # port open, nothing better to ask
  fi
}

# Prints the pid of the broker started by this script, if it is alive.
our_kafka_pid() {
  [[ -f $KAFKA_PID_FILE ]] || return 1
  local pid; pid=$(<"$KAFKA_PID_FILE")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  # Guard against pid reuse: it must be our kafka.Kafka with our server.properties.
  if [[ -r /proc/$pid/cmdline ]]; then
    local cmdline; cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline")
    [[ $cmdline == *"kafka.Kafka $KAFKA_PROPS"* ]] || return 1
  fi
  printf '%s' "$pid"
}

# Has the broker logged "Kafka Server started" since server.log had $1 bytes? (rotation: whole file)
kafka_started_since() {
  local f=$KAFKA_LOG_DIR/server.log size
  [[ -f $f ]] || return 1
  size=$(stat -c %s "$f")
  # awk reads to the end (grep -q would exit early and fail the pipe under pipefail)
  if ((size < $1)); then grep -q 'Kafka Server started' "$f"; else
    tail -c +"$(($1 + 1))" "$f" | awk '/Kafka Server started/ { found = 1 } END { exit !found }'
  fi
}

kafka_log_tail() {
  local f
  for f in "$KAFKA_LOG_DIR/server.log" "$KAFKA_LOG_DIR/stdout.log"; do
    [[ -s $f ]] || continue
    printf '[infra] --- last lines of %s\n' "$f" >&2
    tail -n 25 "$f" | sed 's/^/[infra]   /' >&2
  done
}

write_server_properties() {
  mkdir -p "$KDATA" "$KAFKA_LOG_DIR" "$KAFKA_STORE"
  cat >"$KAFKA_PROPS.tmp" <<EOF
# Generated by deploy/local/infra.sh on every start; edit the script, not this file.
# Single dev node: KRaft broker + controller in one JVM.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
log.dirs=$KAFKA_STORE

# Small machine (2 cores).
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1

# Faster restart after a crash/kill -9: the controller fences the dead incarnation after 4 s (default 9 s).
broker.heartbeat.interval.ms=1000
broker.session.timeout.ms=4000

# One replica of everything.
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
auto.create.topics.enable=true
delete.topic.enable=true
group.initial.rebalance.delay.ms=0

# Modest retention: 24 h or 256 MiB per partition, 64 MiB segments.
log.retention.hours=24
log.retention.bytes=268435456
log.segment.bytes=67108864
log.retention.check.interval.ms=300000
EOF
  mv "$KAFKA_PROPS.tmp" "$KAFKA_PROPS"
}

kafka_java() { # runs a class from the Kafka jars in the foreground
  java -Xmx256m -Dkafka.logs.dir="$KAFKA_LOG_DIR" -Dlog4j2.configurationFile="$KAFKA_SRC/log4j2.properties" \
    -cp "$KAFKA_LIBS/*" "$@"
}

format_kafka_storage() {
  [[ -f $KAFKA_STORE/meta.properties ]] && return 0
  local cid out
  cid=$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1) || true
  [[ $cid =~ ^[A-Za-z0-9_-]{22}$ ]] || die "could not generate a Kafka cluster id (kafka.tools.StorageTool random-uuid)"
  log "kafka     formatting KRaft storage in ${KAFKA_STORE#"$ROOT"/} (cluster id $cid)"
  if ! out=$(kafka_java kafka.tools.StorageTool format -t "$cid" -c "$KAFKA_PROPS" 2>&1); then
    printf '%s\n' "$out" | tail -n 20 | sed 's/^/[infra]   /' >&2
    die "kafka storage format failed"
  fi
}

start_kafka() {
  local pid t0=$SECONDS
  mkdir -p "$KDATA" "$KAFKA_LOG_DIR"
  ensure_kafka_libs
  ensure_probe

  if pid=$(our_kafka_pid); then
    if [[ -f $KDATA/kafka.port && $(<"$KDATA/kafka.port") != "$KAFKA_PORT" ]]; then
      die "the broker started here (pid $pid) listens on port $(<"$KDATA/kafka.port"), not $KAFKA_PORT; run infra.sh kafka-stop first"
    fi
    if wait_until "$KAFKA_START_TIMEOUT" kafka_answers; then
      line kafka "$KAFKA_ADDR" "up (reused, pid $pid)"
      return 0
    fi
    kafka_log_tail
    die "the broker started here (pid $pid) does not answer on $KAFKA_ADDR; try infra.sh kafka-stop && infra.sh kafka-start"
  fi
  rm -f "$KAFKA_PID_FILE"

  if tcp_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    if kafka_answers 8000; then
      line kafka "$KAFKA_ADDR" "up (reused, not started by infra.sh)"
      return 0
    fi
    die "port $KAFKA_PORT is taken by something that does not answer as Kafka; free it or set GOVDATA_KAFKA_PORT"
  fi
  if tcp_open "$KAFKA_HOST" "$KAFKA_CONTROLLER_PORT"; then
    die "controller port $KAFKA_CONTROLLER_PORT is taken; free it or set GOVDATA_KAFKA_CONTROLLER_PORT"
  fi

  write_server_properties
  format_kafka_storage

  [[ -f $KAFKA_LOG_DIR/stdout.log ]] && mv -f "$KAFKA_LOG_DIR/stdout.log" "$KAFKA_LOG_DIR/stdout.log.1"
  local log_offset; log_offset=$(stat -c %s "$KAFKA_LOG_DIR/server.log" 2>/dev/null || echo 0)
  # The inner shell records its own pid and then becomes the JVM (exec), so the pid file is exact.
  # shellcheck disable=SC2086,SC2016
  nohup setsid bash -c 'echo $$ >"$0"; exec "$@"' "$KAFKA_PID_FILE" \
    java $KAFKA_HEAP -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dkafka.logs.dir="$KAFKA_LOG_DIR" -Dlog4j2.configurationFile="$KAFKA_SRC/log4j2.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_PROPS" \
    >"$KAFKA_LOG_DIR/stdout.log" 2>&1 </dev/null 9>&- &
  printf '%s\n' "$KAFKA_PORT" >"$KDATA/kafka.port"

  wait_until 10 our_kafka_pid >/dev/null || { kafka_log_tail; die "the Kafka JVM did not start"; }
  pid=$(our_kafka_pid)
  log "kafka     starting broker (pid $pid, logs in ${KAFKA_LOG_DIR#"$ROOT"/})"

  local deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  while :; do
    if ! our_kafka_pid >/dev/null; then
      kafka_log_tail
      die "the Kafka broker exited during start-up"
    fi
    # Cheap check first (the start-up line in this run's part of server.log), then a real metadata request.
    if kafka_started_since "$log_offset" && kafka_answers; then break; fi
    if ((SECONDS >= deadline)); then
      kafka_log_tail
      die "Kafka did not answer on $KAFKA_ADDR within ${KAFKA_START_TIMEOUT}s (broker pid $pid left running; infra.sh kafka-stop to stop it)"
    fi
    sleep 0.5
  done
  line kafka "$KAFKA_ADDR" "up (started in $((SECONDS - t0))s, pid $pid)"
}

# $1 = strict: fail when the broker on the port was not started here
stop_kafka() {
  local pid
  if ! pid=$(our_kafka_pid); then
    rm -f "$KAFKA_PID_FILE"
    if tcp_open "$KAFKA_HOST" "$KAFKA_PORT"; then
      if [[ ${1:-} == strict ]]; then
        die "the broker on $KAFKA_ADDR was not started by infra.sh; not stopping it"
      fi
      log "kafka     $KAFKA_ADDR was not started by infra.sh; left alone"
    else
      log "kafka     not running"
    fi
    return 0
  fi
  log "kafka     stopping broker (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_until "$KAFKA_STOP_TIMEOUT" eval '! kill -0 '"$pid"' 2>/dev/null'; then
    warn "broker did not stop within ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_until 10 eval '! kill -0 '"$pid"' 2>/dev/null' || die "could not stop the broker (pid $pid)"
  fi
  rm -f "$KAFKA_PID_FILE"
  log "kafka     stopped"
}

# ---------------------------------------------------------------- commands

cmd_up() {
  take_lock
  ensure_postgres
  ensure_redis
  start_kafka
}

cmd_down() {
  take_lock
  stop_kafka
  stop_redis_if_ours
  stop_postgres_if_ours
}

cmd_status() {
  local ok=0 pid
  if pg_answers; then line postgres "$(mask_url "$PG_URL")" up; else line postgres "$(mask_url "$PG_URL")" down; ok=1; fi
  if redis_answers; then line redis "$(mask_url "$REDIS_URL")" up; else line redis "$(mask_url "$REDIS_URL")" down; ok=1; fi
  if pid=$(our_kafka_pid); then
    if kafka_answers; then line kafka "$KAFKA_ADDR" "up (pid $pid)"
    else line kafka "$KAFKA_ADDR" "down (pid $pid alive but not answering)"; ok=1; fi
  elif kafka_answers; then
    line kafka "$KAFKA_ADDR" "up (not started by infra.sh)"
  else
    line kafka "$KAFKA_ADDR" down; ok=1
  fi
  return $ok
}

usage() {
  cat <<EOF
usage: $(basename "$0") up|down|status|kafka-start|kafka-stop
  up           PostgreSQL + Redis (start local ones if needed) + Kafka broker
  down         stop what 'up' started (the Kafka broker; PostgreSQL/Redis only if 'up' started them)
  status       one line per component; exit 0 when all are up
  kafka-start  start (or reuse) just the Kafka broker
  kafka-stop   stop just the Kafka broker started here
EOF
}

case ${1:-} in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  kafka-start) take_lock; start_kafka ;;
  kafka-stop) take_lock; stop_kafka strict ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
exit 0
