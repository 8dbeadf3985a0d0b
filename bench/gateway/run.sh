#!/usr/bin/env bash
# Gateway benchmark: the same fake OpenAI upstream reached directly, through
# aihost (POST /v1/chat/completions with a tenant key, budgets and usage
# logging on) and through Portkey's open-source gateway, in interleaved
# rounds. Prints a markdown table of medians of round medians; see
# bench/README.md for the method and the last results.
#
# Everything listens on and talks to 127.0.0.1 only. Nothing here runs in CI.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/gateway/run.sh [options]
  --rounds N          interleaved rounds (5)
  --c1-seconds S      concurrency-1 latency run per target and round (5)
  --rps-seconds S     throughput run per target and round (5)
  --concurrency N     connections of the throughput run (32)
  --streams N         SSE streams per target and round, one at a time (8)
  --latency-ms MS     upstream delay of the paced upstream (20)
  --chunk-gap-ms MS   gap between stream chunks (20)
  --soak S            afterwards, S seconds of load per gateway, RSS every 10 s
  --skip-aihost       leave aihost out
  --skip-portkey      leave Portkey out
  --out FILE          also write the report (markdown) to FILE
  --keep              keep the work folder (logs, raw JSON results)
Environment: AIHOST_BUILD (default <repo>/build), PORTKEY_DIR (default
/tmp/portkey, where Portkey is installed once), PORTKEY_PORT (8787),
AIHOST_LOG_LEVEL (information).
EOF
}

ROUNDS=5 C1_SECONDS=5 RPS_SECONDS=5 CONCURRENCY=32 STREAMS=8
LATENCY_MS=20 CHUNK_GAP_MS=20 SOAK=0 KEEP=0 OUT=""
WITH_AIHOST=1 WITH_PORTKEY=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --c1-seconds) C1_SECONDS=$2; shift 2 ;;
    --rps-seconds) RPS_SECONDS=$2; shift 2 ;;
    --concurrency) CONCURRENCY=$2; shift 2 ;;
    --streams) STREAMS=$2; shift 2 ;;
    --latency-ms) LATENCY_MS=$2; shift 2 ;;
    --chunk-gap-ms) CHUNK_GAP_MS=$2; shift 2 ;;
    --soak) SOAK=$2; shift 2 ;;
    --skip-aihost) WITH_AIHOST=0; shift ;;
    --skip-portkey) WITH_PORTKEY=0; shift ;;
    --out) OUT=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BUILD=${AIHOST_BUILD:-$REPO/build}
PORTKEY_DIR=${PORTKEY_DIR:-/tmp/portkey}
PORTKEY_PORT=${PORTKEY_PORT:-8787}
PORTKEY_VERSION=1.15.2

for tool in jq curl taskset; do
  command -v "$tool" >/dev/null || { echo "run.sh: needs $tool" >&2; exit 2; }
done

# Gateways on core 0, upstream and load generator on core 1 (when there are
# two cores: one core would measure contention, not gateways).
if [[ $(nproc) -ge 2 ]]; then
  PIN_GATEWAY=(taskset -c 0) PIN_TOOLS=(taskset -c 1)
else
  PIN_GATEWAY=() PIN_TOOLS=()
fi

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# ---- build -----------------------------------------------------------------
AIHOST=$BUILD/bin/aihost
UPSTREAM=$BUILD/bin/aihost-bench-upstream
LOAD=$BUILD/bin/aihost-bench-load
NEEDED=(aihost-bench-upstream aihost-bench-load)
[[ -x $UPSTREAM && -x $LOAD ]] && NEEDED=()
if [[ $WITH_AIHOST == 1 &&
      ! ( -x $AIHOST && -f $BUILD/lib/plugins/aihost-openai.so ) ]]; then
  NEEDED+=(aihost aihost_plugin_openai)
fi
if [[ ${#NEEDED[@]} -gt 0 ]]; then
  log "building ${NEEDED[*]} in $BUILD"
  [[ -f $BUILD/CMakeCache.txt ]] ||
    cmake -S "$REPO" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD" -j "$(nproc)" --target "${NEEDED[@]}" >/dev/null
fi

# ---- processes we start, and only those, are stopped on exit ----------------
WORK=$(mktemp -d /tmp/aihost-gwbench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ $KEEP == 1 ]]; then log "work folder kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits for "listening on http://127.0.0.1:PORT" in a log; prints PORT.
wait_port() {
  local file=$1 pid=$2 port=""
  for _ in $(seq 1 300); do
    port=$(sed -n 's#.*listening on http://127\.0\.0\.1:\([0-9]*\).*#\1#p' \
      "$file" 2>/dev/null | head -1)
    [[ -n $port ]] && { echo "$port"; return 0; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "run.sh: no port in $file:" >&2
  tail -5 "$file" >&2
  return 1
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

secret() { head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40; }

# ---- fake upstreams ----------------------------------------------------------
UPSTREAM_KEY="sk-bench-$(secret)"
printf '%s\n' "$UPSTREAM_KEY" >"$WORK/upstream.key"
chmod 600 "$WORK/upstream.key"

# Not in a $(...): the pid must be recorded in this shell to be stopped.
start_upstream() {  # NAME LATENCY_MS -> sets STARTED_PORT
  "${PIN_TOOLS[@]}" "$UPSTREAM" --port 0 --latency-ms "$2" \
    --chunk-gap-ms "$CHUNK_GAP_MS" --api-key-file "$WORK/upstream.key" \
    >"$WORK/upstream-$1.log" 2>&1 &
  PIDS+=($!)
  STARTED_PORT=$(wait_port "$WORK/upstream-$1.log" $!)
}
# Instant answers for latency and throughput; a paced one for streams.
start_upstream fast 0
FAST_PORT=$STARTED_PORT
start_upstream paced "$LATENCY_MS"
PACED_PORT=$STARTED_PORT
log "upstreams: instant on $FAST_PORT, paced on $PACED_PORT"

CHAT_BODY='{"model":"gpt-4o-mini","messages":[{"role":"system","content":"You summarise customer calls for a support team."},{"role":"user","content":"Summarise this call in one sentence: the caller wants the delivery moved to Thursday morning and the agent confirms the new slot."}],"max_completion_tokens":96,"temperature":0.2}'
STREAM_BODY=$(jq -c '. + {stream: true, stream_options: {include_usage: true}}' \
  <<<"$CHAT_BODY")

# ---- aihost ------------------------------------------------------------------
AIHOST_PID="" AIHOST_PORT="" TENANT_KEY_FAST="" TENANT_KEY_PACED=""
start_aihost() {
  export AI_DATABASE_URL="sqlite:$WORK/aihost.db"
  export AI_ADMIN_TOKEN AI_API_KEY_PEPPER AI_ENCRYPTION_KEYS
  AI_ADMIN_TOKEN=$(secret)
  AI_API_KEY_PEPPER=$(secret)
  AI_ENCRYPTION_KEYS=$("$AIHOST" keys generate bench)
  export AI_REGISTRY="$REPO/config/providers.yaml"
  export AI_PRICES="$REPO/config/prices.yaml"
  export AI_COST_TRACKING=true
  export AI_LOG_LEVEL=${AIHOST_LOG_LEVEL:-information}
  "$AIHOST" migrate >/dev/null
  local slug port key
  # One tenant per upstream: a tenant's provider config names its base URL.
  for slug in gw-bench-fast gw-bench-paced; do
    [[ $slug == gw-bench-fast ]] && port=$FAST_PORT || port=$PACED_PORT
    "$AIHOST" tenants create "Gateway bench ${slug#gw-bench-}" --slug "$slug" \
      >/dev/null
    "$AIHOST" config set "$slug" llm.chat openai --model gpt-4o-mini \
      --api-key-file "$WORK/upstream.key" \
      --config "{\"base_url\":\"http://127.0.0.1:$port/v1\"}" >/dev/null
    "$AIHOST" features set "$slug" --monthly-budget-usd 100000 >/dev/null
    key=$("$AIHOST" keys issue "$slug" --json | jq -r .key)
    [[ $slug == gw-bench-fast ]] && TENANT_KEY_FAST=$key || TENANT_KEY_PACED=$key
  done
  "${PIN_GATEWAY[@]}" "$AIHOST" serve --listen 127.0.0.1:0 \
    >"$WORK/aihost.log" 2>"$WORK/aihost.err" &
  AIHOST_PID=$!
  PIDS+=("$AIHOST_PID")
  AIHOST_PORT=$(wait_port "$WORK/aihost.log" "$AIHOST_PID")
}

# ---- Portkey -----------------------------------------------------------------
PORTKEY_PID=""
start_portkey() {
  local server=$PORTKEY_DIR/node_modules/@portkey-ai/gateway/build/start-server.js
  if [[ ! -f $server ]] || ! grep -q "\"version\": \"$PORTKEY_VERSION\"" \
      "$PORTKEY_DIR/node_modules/@portkey-ai/gateway/package.json"; then
    log "installing Portkey $PORTKEY_VERSION into $PORTKEY_DIR"
    mkdir -p "$PORTKEY_DIR"
    # The override keeps @hono/node-server at the last version Portkey's
    # non-streamed path works with (Portkey-AI/gateway#1389).
    cat >"$PORTKEY_DIR/package.json" <<EOF
{"private": true,
 "dependencies": {"@portkey-ai/gateway": "$PORTKEY_VERSION"},
 "overrides": {"@hono/node-server": "1.14.2"}}
EOF
    (cd "$PORTKEY_DIR" && npm install --ignore-scripts --no-audit --no-fund \
      >"$WORK/portkey-install.log" 2>&1) ||
      { tail -5 "$WORK/portkey-install.log" >&2; return 1; }
  fi
  if curl -s -o /dev/null "http://127.0.0.1:$PORTKEY_PORT/"; then
    echo "run.sh: port $PORTKEY_PORT is taken; set PORTKEY_PORT" >&2
    return 1
  fi
  # It binds every interface; only 127.0.0.1 is ever sent traffic.
  "${PIN_GATEWAY[@]}" node --import "$HERE/portkey_stream_shim.mjs" "$server" \
    --headless --port="$PORTKEY_PORT" >"$WORK/portkey.log" 2>&1 &
  PORTKEY_PID=$!
  PIDS+=("$PORTKEY_PID")
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$PORTKEY_PORT/" && return 0
    kill -0 "$PORTKEY_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "run.sh: Portkey did not start:" >&2
  tail -5 "$WORK/portkey.log" >&2
  return 1
}

# ---- targets: URL and headers for the instant and the paced upstream ---------
target_url() {  # TARGET
  case $1 in
    direct) echo "http://127.0.0.1:$2/v1/chat/completions" ;;
    aihost) echo "http://127.0.0.1:$AIHOST_PORT/v1/chat/completions" ;;
    portkey) echo "http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions" ;;
  esac
}
target_headers() {  # TARGET UPSTREAM_PORT -> one -H argument per line
  case $1 in
    direct) printf '%s\n' -H "Authorization: Bearer $UPSTREAM_KEY" ;;
    aihost)
      local key=$TENANT_KEY_FAST
      [[ $2 == "$PACED_PORT" ]] && key=$TENANT_KEY_PACED
      printf '%s\n' -H "Authorization: Bearer $key" ;;
    portkey)
      printf '%s\n' -H "Authorization: Bearer $UPSTREAM_KEY" \
        -H "x-portkey-provider: openai" \
        -H "x-portkey-custom-host: http://127.0.0.1:$2/v1" ;;
  esac
}
# TARGET UPSTREAM_PORT LOAD-ARGS... -> one JSON result on stdout
load() {
  local target=$1 port=$2
  shift 2
  local -a headers
  mapfile -t headers < <(target_headers "$target" "$port")
  "${PIN_TOOLS[@]}" "$LOAD" "$(target_url "$target" "$port")" "${headers[@]}" \
    --json "$@"
}

# One request through a target; refuses to benchmark what does not answer.
check_target() {
  local target=$1 out
  out=$(load "$target" "$FAST_PORT" -n 3 --body "$CHAT_BODY" --timeout-ms 5000) ||
    true
  if [[ $(jq -r '.ok // 0' <<<"$out" 2>/dev/null) != 3 ]]; then
    echo "run.sh: $target does not answer the chat completion: $out" >&2
    return 1
  fi
  out=$(load "$target" "$PACED_PORT" -n 1 --stream --body "$STREAM_BODY" \
    --timeout-ms 10000) || true
  if [[ $(jq -r '.ok // 0' <<<"$out" 2>/dev/null) != 1 ]]; then
    echo "run.sh: $target does not stream the chat completion: $out" >&2
    return 1
  fi
}

TARGETS=(direct)
if [[ $WITH_AIHOST == 1 ]]; then
  start_aihost
  log "aihost (pid $AIHOST_PID) on $AIHOST_PORT"
  if check_target aihost; then TARGETS+=(aihost); else
    log "aihost left out: see $WORK/aihost.err"; WITH_AIHOST=0; fi
fi
if [[ $WITH_PORTKEY == 1 ]]; then
  start_portkey
  log "Portkey (pid $PORTKEY_PID) on $PORTKEY_PORT"
  if check_target portkey; then TARGETS+=(portkey); else
    log "Portkey left out: see $WORK/portkey.log"; WITH_PORTKEY=0; fi
fi
check_target direct

gateway_pid() { [[ $1 == aihost ]] && echo "$AIHOST_PID" || echo "$PORTKEY_PID"; }

RESULTS=$WORK/results.jsonl
record() {  # ROUND TARGET KIND JSON
  jq -c --argjson round "$1" --arg target "$2" --arg kind "$3" \
    '{round: $round, target: $target, kind: $kind, result: .}' <<<"$4" \
    >>"$RESULTS"
}
record_rss() {  # TARGET PHASE KB
  jq -nc --arg target "$1" --arg phase "$2" --argjson kb "$3" \
    '{target: $target, kind: "rss", phase: $phase, kb: $kb}' >>"$RESULTS"
}

sleep 2
for t in "${TARGETS[@]}"; do
  [[ $t == direct ]] || record_rss "$t" idle "$(rss_kb "$(gateway_pid "$t")")"
done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "warm-up"
for t in "${TARGETS[@]}"; do
  load "$t" "$FAST_PORT" -c 8 -d 3 --body "$CHAT_BODY" >/dev/null || true
done

# Peak RSS of PID while a run lasts: sampled every 200 ms into FILE.
sample_rss() {
  local pid=$1 file=$2 peak=0 kb
  while :; do
    kb=$(rss_kb "$pid")
    ((kb > peak)) && peak=$kb && echo "$peak" >"$file"
    sleep 0.2
  done
}

for ((r = 1; r <= ROUNDS; r++)); do
  # Rotate the order so no target always runs first or after the same one.
  order=("${TARGETS[@]:$(((r - 1) % ${#TARGETS[@]}))}" \
    "${TARGETS[@]:0:$(((r - 1) % ${#TARGETS[@]}))}")
  log "round $r/$ROUNDS: ${order[*]}"
  for t in "${order[@]}"; do
    record "$r" "$t" c1 "$(load "$t" "$FAST_PORT" -c 1 -d "$C1_SECONDS" \
      --warmup 0.5 --body "$CHAT_BODY")"
    sampler=""
    if [[ $t != direct ]]; then
      sample_rss "$(gateway_pid "$t")" "$WORK/peak-$t-$r" &
      sampler=$!
      PIDS+=("$sampler")
    fi
    record "$r" "$t" rps "$(load "$t" "$FAST_PORT" -c "$CONCURRENCY" \
      -d "$RPS_SECONDS" --warmup 1 --body "$CHAT_BODY")"
    if [[ -n $sampler ]]; then
      kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
      record_rss "$t" load "$(cat "$WORK/peak-$t-$r" 2>/dev/null || echo 0)"
    fi
    record "$r" "$t" sse "$(load "$t" "$PACED_PORT" -c 1 -n "$STREAMS" \
      --stream --body "$STREAM_BODY" --timeout-ms 30000)"
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

sleep 5
for t in "${TARGETS[@]}"; do
  [[ $t == direct ]] || record_rss "$t" after "$(rss_kb "$(gateway_pid "$t")")"
done

# ---- report ------------------------------------------------------------------
{
  echo "### Gateway benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //');" \
    "load average $LOAD_BEFORE before, $LOAD_AFTER after the rounds."
  echo "Rounds: $ROUNDS interleaved; per target and round: c=1 for ${C1_SECONDS} s," \
    "c=$CONCURRENCY for ${RPS_SECONDS} s (instant upstream), $STREAMS streams of 64" \
    "chunks (upstream ${LATENCY_MS} ms, chunks ${CHUNK_GAP_MS} ms apart)."
  echo "Gateways pinned to core 0, upstream and load generator to core 1."
  echo
  jq -s -r -f "$HERE/report.jq" "$RESULTS"
} | tee "${OUT:-/dev/null}"

# ---- soak --------------------------------------------------------------------
if ((SOAK > 0)); then
  SOAK_FILE=$WORK/soak.tsv
  for t in "${TARGETS[@]}"; do
    [[ $t == direct ]] && continue
    log "soak: $t for $SOAK s at c=$CONCURRENCY (paced upstream)"
    pid=$(gateway_pid "$t")
    load "$t" "$PACED_PORT" -c "$CONCURRENCY" -d "$SOAK" --body "$CHAT_BODY" \
      >"$WORK/soak-$t.json" &
    loader=$!
    PIDS+=("$loader")
    for ((s = 0; s <= SOAK; s += 10)); do
      printf '%s\t%d\t%d\n' "$t" "$s" "$(rss_kb "$pid")" >>"$SOAK_FILE"
      ((s + 10 <= SOAK)) && sleep 10
    done
    wait "$loader" || true
  done
  {
    echo
    echo "#### RSS during a ${SOAK} s soak (c=$CONCURRENCY, upstream ${LATENCY_MS} ms)"
    echo
    echo "| gateway | start MB | after 60 s MB | end MB | growth after 60 s | requests | failed |"
    echo "|---|---|---|---|---|---|---|"
    for t in "${TARGETS[@]}"; do
      [[ $t == direct ]] && continue
      awk -v t="$t" -F'\t' '$1 == t {
          if (!n++) first = $3; if ($2 <= 60) warm = $3; last = $3 }
        END { printf "| %s | %.1f | %.1f | %.1f | %+.1f MB |", t, first/1024,
              warm/1024, last/1024, (last-warm)/1024 }' "$SOAK_FILE"
      jq -r '" \(.ok) | \(.failed) |"' "$WORK/soak-$t.json"
    done
  } | tee -a "${OUT:-/dev/null}"
fi
