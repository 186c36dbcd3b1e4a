#!/usr/bin/env bash
# Runs docker-compose.yml for real with podman instead of Docker (Debian; root), with no container
# registry: every registry image is replaced by one built here (docker-compose.podman.yml), and
# docker-compose 1.29 talks to podman's Docker-compatible socket. Then it checks the lab end to end:
#   1. build the local base images (once; LAB_PODMAN_REBUILD=1 rebuilds them) and the five services
#   2. up, and wait until every container is healthy
#   3. place orders through the gateway (curl) and wait until each is CONFIRMED
#   4. stop one Kafka broker and check that new orders still complete
#   5. report memory in use (podman stats) and what the dashboard's queries return, then tear down
# Usage: deploy/podman/run.sh [images]   (as root; installs podman, docker-compose, debootstrap, runc if
#        absent; 'images' builds the local stand-in images only)
# Keeps its images and caches in $LAB_PODMAN_WORK (default /var/tmp/dslab-podman). LAB_PODMAN_NETNS=1 runs
# the stack in a network namespace of its own, so that its host ports (8080-8084, 9090-9095) do not
# collide with a ./cluster running on the machine; the curls then run in that namespace too.
# Guide: docs/compose.md.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
here=deploy/podman
work=${LAB_PODMAN_WORK:-/var/tmp/dslab-podman}
project=dslab
socket="$work/podman.sock"
services=(kafka-1 kafka-2 kafka-3 postgres payment-provider inventory-service payment-service order-service gateway prometheus)
host_ports=(8080 8081 8082 8083 8084 9090 9092 9094 9095)
orders_per_round=${LAB_PODMAN_ORDERS:-5}
netns=""
[ "${LAB_PODMAN_NETNS:-0}" = 1 ] && netns=dslab-podman
# nsenter, not 'ip netns exec': that one remounts /sys and hides the cgroup mounts runc needs.
in_stack() { if [ -n "$netns" ]; then nsenter --net="/run/netns/$netns" "$@"; else "$@"; fi; }

export CONTAINERS_CONF="$root/$here/containers.conf"
export DOCKER_HOST="unix://$socket"
export COMPOSE_HTTP_TIMEOUT=600
compose=(docker-compose -p "$project" -f docker-compose.yml -f "$here/docker-compose.podman.yml")

log() { printf '\n== %s %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '\n!! %s\n' "$*" >&2; exit 1; }
seconds_since() { echo $(($(date +%s) - $1)); }
declare -A report=()

# 0. Tools ---------------------------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || die "run as root (podman's bridge network and debootstrap need it)"
missing=()
for tool in podman:podman docker-compose:docker-compose debootstrap:debootstrap runc:runc curl:curl python3:python3; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# shellcheck source=bin/jdk.sh
source bin/jdk.sh
lab_pick_jdk
mkdir -p "$work"

# Tear down whatever this script started, however it ends.
service_pid=""
health_pid=""
cleanup() {
  set +e
  if [ -S "$socket" ] && [ -n "$service_pid" ]; then
    log "tearing down"
    "${compose[@]}" down -v --remove-orphans >"$work/down.log" 2>&1 || tail -n 20 "$work/down.log"
  fi
  [ -n "$health_pid" ] && kill "$health_pid" 2>/dev/null && wait "$health_pid" 2>/dev/null
  [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null
  rm -f "$socket"
  [ -n "$netns" ] && ip netns delete "$netns" 2>/dev/null
  if [ ${#report[@]} -gt 0 ]; then
    log "report"
    for key in "${!report[@]}"; do printf '  %-34s %s\n' "$key" "${report[$key]}"; done | sort
  fi
}
trap cleanup EXIT

# 1. Local images --------------------------------------------------------------------------------
image_exists() { [ "${LAB_PODMAN_REBUILD:-0}" != 1 ] && podman image exists "$1"; }
context() { # a copy of an image's build context under $work, where large inputs can be added
  rm -rf "$work/context/$1" && mkdir -p "$work/context" && cp -r "$here/images/$1" "$work/context/$1"
  echo "$work/context/$1"
}
started=$(date +%s)
if ! image_exists localhost/dslab/debian:12; then
  log "debootstrap: Debian 12 base image"
  rm -rf "$work/rootfs"
  debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 ||
    die "debootstrap failed, see $work/debootstrap.log"
  rm -rf "$work/rootfs/var/lib/apt/lists/"* "$work/rootfs/var/cache/apt/archives/"*.deb
  tar -C "$work/rootfs" -c . | podman import -q --change 'CMD ["/bin/bash"]' - localhost/dslab/debian:12 >/dev/null
  rm -rf "$work/rootfs"
fi
if ! image_exists localhost/dslab/temurin-jdk:25; then
  log "JDK image from $JAVA_HOME"
  # -L: Debian's Temurin links lib/security/cacerts to the host's /etc/ssl/certs/java.
  dir=$(context jdk) && cp -RL "$JAVA_HOME/." "$dir/jdk"
  podman build -q -t localhost/dslab/temurin-jdk:25 "$dir" >/dev/null
fi
if ! image_exists localhost/dslab/temurin-jre:25; then
  log "JRE image: jlink from $JAVA_HOME"
  dir=$(context jre)
  modules=$("$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//' |
    grep -Ev '^jdk\.(compiler|javadoc|jshell|jlink|jpackage|jdeps|jconsole|hotspot\.agent|jdi|jdwp\.agent|jstatd|editpad|jartool|internal\.(ed|le|opt)|incubator\..*)$' |
    paste -sd, -)
  "$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --output "$dir/jre"
  podman build -q -t localhost/dslab/temurin-jre:25 "$dir" >/dev/null
fi
if ! image_exists localhost/dslab/kafka:4.2.1; then
  log "Kafka image from Maven Central jars"
  dir=$(context kafka)
  ./mvnw -q -B -f "$dir/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dir/libs"
  podman build -q -t localhost/dslab/kafka:4.2.1 "$dir" >/dev/null
fi
if ! image_exists localhost/dslab/postgres:15; then
  log "PostgreSQL image from Debian packages"
  podman build -q -t localhost/dslab/postgres:15 "$(context postgres)" >/dev/null
fi
if ! image_exists localhost/dslab/prometheus:2; then
  log "Prometheus image from Debian packages"
  podman build -q -t localhost/dslab/prometheus:2 "$(context prometheus)" >/dev/null
fi
rm -rf "$work/context" # copies of the JDK and jars, now inside the images
report["base images built in"]="$(seconds_since "$started") s"
if [ "${1:-}" = images ]; then
  exit 0
fi

# 2. Podman's Docker API, and healthchecks (they run from systemd timers, absent here) --------------
start_service() { # podman's Docker API, in the stack's network namespace if it has one
  if [ -n "$service_pid" ]; then
    kill "$service_pid" 2>/dev/null; wait "$service_pid" 2>/dev/null || true
  fi
  rm -f "$socket"
  log "podman system service on $socket${1:+ in network namespace $1}"
  if [ -n "${1:-}" ]; then
    nsenter --net="/run/netns/$1" podman system service --time=0 "unix://$socket" >>"$work/podman-service.log" 2>&1 &
  else
    podman system service --time=0 "unix://$socket" >>"$work/podman-service.log" 2>&1 &
  fi
  service_pid=$!
  for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.2; done
  [ -S "$socket" ] || die "podman system service did not open $socket"
}
: >"$work/podman-service.log"
start_service # builds download dependencies: the host's network
healthchecks() {
  while true; do
    for id in $(podman ps -q --filter "label=com.docker.compose.project=$project"); do
      podman healthcheck run "$id" >/dev/null 2>&1 || true
    done
    sleep 2
  done
}
healthchecks &
health_pid=$!

"${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
log "docker-compose build (the five services from the one Dockerfile)"
started=$(date +%s)
"${compose[@]}" build >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log"; die "build failed, see $work/build.log"; }
report["service images built in"]="$(seconds_since "$started") s"
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep dslab/ | sed 's/^/  /'

# 3. Up until healthy ----------------------------------------------------------------------------
if [ -n "$netns" ]; then
  ip netns delete "$netns" 2>/dev/null || true
  ip netns add "$netns" && in_stack ip link set lo up
  start_service "$netns"
else
  for port in "${host_ports[@]}"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      die "host port $port is in use (./cluster down, or LAB_PODMAN_NETNS=1); the images are built and kept"
    fi
  done
fi
log "docker-compose up -d ${services[*]} (Grafana left out: no Debian package)"
started=$(date +%s)
"${compose[@]}" up -d --no-build "${services[@]}" >"$work/up.log" 2>&1 || { tail -n 40 "$work/up.log"; die "up failed"; }
healthy_count() {
  local count=0 name
  for name in "${services[@]}"; do
    [ "$(podman inspect -f '{{.State.Health.Status}}' "${project}_${name}_1" 2>/dev/null)" = healthy ] && count=$((count + 1))
  done
  echo "$count"
}
deadline=$(($(date +%s) + 600))
while [ "$(healthy_count)" -lt ${#services[@]} ]; do
  [ "$(date +%s)" -lt "$deadline" ] || { podman ps -a --format '{{.Names}} {{.Status}}'; die "not all healthy after 600 s"; }
  sleep 2
done
report["up to all healthy"]="$(seconds_since "$started") s (${#services[@]} containers)"
podman ps --format '{{.Names}} {{.Status}}' | sed 's/^/  /'

# 4. Orders through the gateway ------------------------------------------------------------------
place_orders() { # $1 = label; places orders and waits until each is CONFIRMED
  local label=$1 ids=() id status started_round i key response
  started_round=$(date +%s)
  for i in $(seq "$orders_per_round"); do
    key="podman-$i-$(cat /proc/sys/kernel/random/uuid)"
    response=$(in_stack curl -sS -X POST localhost:8080/api/orders -H 'Content-Type: application/json' \
      -H "Idempotency-Key: $key" -d '{"customerId":"c-podman","lines":[{"sku":"SKU-1","quantity":1}]}')
    id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["orderId"])' "$response" 2>/dev/null) ||
      die "$label: POST /api/orders answered: $response"
    ids+=("$id")
  done
  for id in "${ids[@]}"; do
    status=""
    for _ in $(seq 120); do
      status=$(in_stack curl -sS localhost:8080/api/orders/"$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
      [ "$status" = CONFIRMED ] && break
      sleep 0.5
    done
    [ "$status" = CONFIRMED ] || die "$label: order $id is $status, not CONFIRMED, after 60 s"
  done
  report["orders CONFIRMED: $label"]="${#ids[@]}/${#ids[@]} in $(seconds_since "$started_round") s"
  echo "  ${#ids[@]} orders CONFIRMED ($label)"
}
log "placing $orders_per_round orders with all three brokers"
place_orders "3 brokers"

log "memory in use (podman stats)"
podman stats --no-stream --format '{{.Name}} {{.MemUsage}}' | grep "^${project}_" | sort | tee "$work/stats.txt" | sed 's/^/  /'
report["memory in use (10 containers)"]=$(python3 - "$work/stats.txt" <<'PY'
import re, sys
units = {"b": 1, "kb": 1e3, "kib": 1024, "mb": 1e6, "mib": 1024**2, "gb": 1e9, "gib": 1024**3}
total = 0
for line in open(sys.argv[1]):
    used = line.split()[1]
    number, unit = re.match(r"([\d.]+)([a-zA-Z]+)", used).groups()
    total += float(number) * units[unit.lower()]
print(f"{total / 1024**2:.0f} MiB")
PY
)
log "stopping kafka-2; orders must still complete (replication 3, min.insync.replicas 2)"
"${compose[@]}" stop kafka-2 >/dev/null 2>&1
place_orders "kafka-2 stopped"

# 5. What the dashboard shows ---------------------------------------------------------------------
log "the dashboard's queries against Prometheus"
# A query may be empty for a while: Prometheus scrapes every 5 s, and Micrometer registers a Kafka
# client's metrics (consumer lag among them) at its next refresh, up to a minute after the client starts.
in_stack python3 - deploy/grafana/dashboards/dslab.json <<'PY' | tee "$work/queries.txt"
import json, sys, time, urllib.parse, urllib.request
def series(expr):
    url = "http://localhost:9090/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    return len(json.load(urllib.request.urlopen(url))["data"]["result"])
targets = [(panel["title"], target["expr"]) for panel in json.load(open(sys.argv[1]))["panels"] for target in panel["targets"]]
deadline = time.time() + 90
counts = {expr: series(expr) for _, expr in targets}
while time.time() < deadline and not all(counts.values()):
    time.sleep(5)
    counts = {expr: counts[expr] or series(expr) for _, expr in targets}
for title, expr in targets:
    print(f"  {counts[expr]:3d} series  {title}: {expr}")
names = json.load(urllib.request.urlopen("http://localhost:9090/api/v1/label/__name__/values"))["data"]
print("  Kafka consumer metrics scraped: " + (", ".join(n for n in names if n.startswith("kafka_consumer_fetch")) or "none"))
PY
empty=$(grep -c '^ *0 series' "$work/queries.txt" || true)
report["dashboard queries without data"]="$empty of $(grep -c ' series ' "$work/queries.txt")"
log "done"
