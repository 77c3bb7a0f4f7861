#!/usr/bin/env bash
# Install Rasa 3.6 (Python 3.10 venv), train the NLU model from nlu/ and run `rasa run --enable-api`.
#
#   scripts/rasa_server.sh start     install if needed, train if the data changed, start, wait
#   scripts/rasa_server.sh stop      stop the server this script started
#   scripts/rasa_server.sh status    say whether it answers (exit 0) or not (exit 1)
#   scripts/rasa_server.sh install   only create the venv
#   scripts/rasa_server.sh train     only (re)train when nlu/data or nlu/rasa/config.yml changed
#   scripts/rasa_server.sh url       print the RASA_URL to use
#
# Every step is idempotent. Everything lives under .cache/ (git-ignored). Environment:
#   RASA_PORT (5005), RASA_PYTHON (a python3.10), RASA_VENV (.cache/rasa-venv),
#   RASA_MODELS (.cache/rasa-models), RASA_START_TIMEOUT (300 s).
set -euo pipefail
shopt -s inherit_errexit

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache"
RASA_VERSION="3.6.21"
PORT="${RASA_PORT:-5005}"
VENV="${RASA_VENV:-$CACHE/rasa-venv}"
MODELS="${RASA_MODELS:-$CACHE/rasa-models}"
CONFIG="$ROOT/nlu/rasa/config.yml"
DOMAIN="$ROOT/nlu/rasa/domain.yml"
CONSTRAINTS="$ROOT/nlu/rasa/constraints.txt"
DATA="$ROOT/nlu/data"
PIDFILE="$CACHE/rasa-server-$PORT.pid"
LOGFILE="$CACHE/rasa-server-$PORT.log"
URL="http://127.0.0.1:$PORT"
START_TIMEOUT="${RASA_START_TIMEOUT:-300}"

# Offline and quiet: no telemetry calls, no TensorFlow chatter, Rasa's cache out of the tree.
export RASA_TELEMETRY_ENABLED=false
export TF_CPP_MIN_LOG_LEVEL=2
export RASA_CACHE_DIRECTORY="$CACHE/rasa-train-cache"
export PYTHONWARNINGS="ignore"
export SANIC_WORKERS=1

log() { echo "rasa_server: $*" >&2; }
die() { log "error: $*"; exit 1; }

find_python() {
  if [[ -n "${RASA_PYTHON:-}" ]]; then echo "$RASA_PYTHON"; return; fi
  local candidate
  for candidate in python3.10 "$(pyenv root 2>/dev/null || echo /root/.pyenv)"/versions/3.10*/bin/python \
    /root/.pyenv/versions/3.10*/bin/python /usr/bin/python3.10 /usr/local/bin/python3.10; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
      command -v "$candidate"
      return
    fi
  done
  die "Rasa 3.6 needs Python 3.10: none found (set RASA_PYTHON=/path/to/python3.10)"
}

install_hash() {
  {
    echo "rasa==$RASA_VERSION"
    if [[ -f "$CONSTRAINTS" ]]; then cat "$CONSTRAINTS"; fi
  } | sha256sum | cut -c1-16
}

cmd_install() {
  local want marker="$VENV/.pathways-installed"
  want="$(install_hash)"
  if [[ -f "$marker" && "$(cat "$marker")" == "$want" && -x "$VENV/bin/rasa" ]] &&
    "$VENV/bin/python" -c '' 2>/dev/null; then
    return 0
  fi
  local python started
  python="$(find_python)"
  started=$(date +%s)
  log "installing rasa==$RASA_VERSION into $VENV with $python (a few minutes the first time)"
  rm -rf "$VENV"
  mkdir -p "$CACHE"
  "$python" -m venv "$VENV"
  local args=(install --quiet --disable-pip-version-check --progress-bar off "rasa==$RASA_VERSION")
  if [[ -f "$CONSTRAINTS" ]]; then args+=(--constraint "$CONSTRAINTS"); fi
  # pip's chatter (hundreds of "Location ... is ignored" lines here) goes to the log.
  if ! "$VENV/bin/python" -m pip "${args[@]}" >"$CACHE/rasa-install.log" 2>&1; then
    grep -v "is ignored: it is neither" "$CACHE/rasa-install.log" | tail -n 30 >&2
    rm -rf "$VENV"
    die "pip install rasa failed (log: $CACHE/rasa-install.log)"
  fi
  "$VENV/bin/rasa" --version >/dev/null 2>&1 || { rm -rf "$VENV"; die "rasa does not start"; }
  echo "$want" >"$marker"
  log "installed in $(($(date +%s) - started)) s"
}

# The model's name carries a hash of everything that shapes it, so a change retrains.
model_path() {
  local digest
  digest="$(
    {
      echo "rasa==$RASA_VERSION"
      cat "$CONFIG"
      if [[ -f "$DOMAIN" ]]; then cat "$DOMAIN"; fi
      find "$DATA" -maxdepth 1 -name '*.yml' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum |
        sed "s#  $DATA/#  #"
    } | sha256sum | cut -c1-16
  )"
  echo "$MODELS/pathways-nlu-$digest.tar.gz"
}

cmd_train() {
  cmd_install >&2
  local model name started
  model="$(model_path)"
  if [[ -f "$model" ]]; then
    echo "$model"
    return 0
  fi
  name="$(basename "$model" .tar.gz)"
  mkdir -p "$MODELS"
  started=$(date +%s)
  log "training $name from nlu/data with nlu/rasa/config.yml (log: $CACHE/rasa-train.log)"
  local args=(train nlu --nlu "$DATA" --config "$CONFIG" --out "$MODELS")
  if [[ -f "$DOMAIN" ]]; then args+=(--domain "$DOMAIN"); fi
  (cd "$CACHE" && "$VENV/bin/rasa" "${args[@]}" --fixed-model-name "$name-partial" \
    >"$CACHE/rasa-train.log" 2>&1) ||
    { tail -n 30 "$CACHE/rasa-train.log" >&2; die "training failed"; }
  mv "$MODELS/$name-partial.tar.gz" "$model"
  # Keep only the current model: each one is ~125 MB and nothing else reads old ones.
  find "$MODELS" -maxdepth 1 -name 'pathways-nlu-*.tar.gz' ! -name "$(basename "$model")" -delete
  log "trained in $(($(date +%s) - started)) s: $model"
  echo "$model"
}

# Print the pid of the server this script started on $PORT, if it still runs (a pid file left
# from another boot may name an unrelated process: check that it is our `rasa run`).
running_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid
  pid="$(cat "$PIDFILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *"rasa run"* ]] || return 1
  echo "$pid"
}

# Print the model file the server on $PORT has loaded ("" when nothing answers).
served_model() {
  curl -fsS --max-time 5 "$URL/status" 2>/dev/null |
    sed -n 's/.*"model_file" *: *"\([^"]*\)".*/\1/p' || true
}

cmd_start() {
  mkdir -p "$CACHE"
  local model pid
  model="$(cmd_train)"
  if pid="$(running_pid)"; then
    if [[ "$(served_model)" == "$(basename "$model")" ]]; then
      log "already running (pid $pid) at $URL with $(basename "$model")"
      return 0
    fi
    log "restarting: the running server (pid $pid) is not serving $(basename "$model") yet"
    cmd_stop
  fi
  if curl -fsS --max-time 2 -o /dev/null "$URL/" 2>/dev/null ||
    (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    die "port $PORT is taken by another process (set RASA_PORT)"
  fi
  log "starting rasa run --enable-api on $URL (log: $LOGFILE)"
  # fd 9 (the lock) is closed for the server, or it would hold the lock as long as it runs.
  (cd "$CACHE" && exec 9>&- && exec setsid "$VENV/bin/rasa" run --enable-api -i 127.0.0.1 --port "$PORT" \
    --model "$model" </dev/null >"$LOGFILE" 2>&1) &
  echo $! >"$PIDFILE"
  local started waited
  started=$(date +%s)
  while true; do
    waited=$(($(date +%s) - started))
    if [[ "$(served_model)" == "$(basename "$model")" ]]; then
      log "ready after $waited s at $URL (pid $(cat "$PIDFILE"))"
      return 0
    fi
    if ! running_pid >/dev/null; then
      tail -n 30 "$LOGFILE" >&2
      rm -f "$PIDFILE"
      die "rasa run exited during start-up"
    fi
    if ((waited > START_TIMEOUT)); then
      tail -n 30 "$LOGFILE" >&2
      cmd_stop
      die "rasa run did not answer on $URL/status within $START_TIMEOUT s"
    fi
    sleep 1
  done
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PIDFILE"
    log "not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$PIDFILE"
  log "stopped (pid $pid)"
}

cmd_status() {
  local model
  model="$(served_model)"
  if [[ -n "$model" ]]; then
    echo "running at $URL with $model"
    return 0
  fi
  echo "not answering at $URL"
  return 1
}

# One changing invocation at a time: two concurrent starts would install or train twice.
lock() {
  mkdir -p "$CACHE"
  exec 9>"$CACHE/rasa-server.lock"
  flock 9
}

case "${1:-start}" in
  start) lock && cmd_start ;;
  stop) lock && cmd_stop ;;
  status) cmd_status ;;
  install) lock && cmd_install ;;
  train) lock && cmd_train >/dev/null ;;
  url) echo "$URL" ;;
  *) die "usage: $0 [start|stop|status|install|train|url]" ;;
esac
