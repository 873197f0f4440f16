#!/usr/bin/env bash
# Instruction counts (valgrind --tool=callgrind) per call, stable on noisy shared machines where
# wall-clock benchmarks are not. Used for the before/after figures in bench/PROFILES.md.
#
#   bench/callgrind.sh micro MICRO_BENCH_BINARY BENCH_NAME
#       per-iteration instructions of one divan benchmark of bench/micro:
#       (Ir at 30 samples - Ir at 10 samples) / 20, so start-up and divan's calibration cancel.
#   bench/callgrind.sh server SERVER_BINARY
#       per-request instructions of a server (the emulator or bench/bare-axum) answering
#       bench/loadgen's GetRoom load on 16 connections: (Ir at 6000 calls - Ir at 2000) / 4000.
#
# Binaries: `cargo bench -p micro --no-run` in bench/ prints the micro binary;
# `cargo build --release -p ivschat-emulator` (workspace) and `cargo build --release -p loadgen
# -p bare-axum` (bench/). LOADGEN defaults to target/bench-rt/release/loadgen.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
loadgen=${LOADGEN:-$root/target/bench-rt/release/loadgen}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

total_ir() { grep -E '^(summary|totals):' "$1" | head -1 | awk '{print $2}'; }

micro_ir() { # binary bench samples
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$1" "$2" --bench \
    --sample-count "$3" --sample-size 1 >/dev/null 2>&1
  total_ir "$tmp/cg"
}

server_ir() { # binary calls
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$1" --listen 127.0.0.1:0 \
    >"$tmp/out" 2>/dev/null &
  local pid=$!
  for _ in $(seq 1 150); do grep -q 'listening on' "$tmp/out" 2>/dev/null && break; sleep 0.2; done
  local addr
  addr=$(grep -o 'listening on .*' "$tmp/out" | awk '{print $3}')
  "$loadgen" --endpoint "http://$addr" --concurrency 16 --max-calls "$2" \
    --duration-ms 600000 >/dev/null
  kill -TERM "$pid"
  wait "$pid" || true
  total_ir "$tmp/cg"
}

case "${1:-}" in
  micro)
    a=$(micro_ir "$2" "$3" 10)
    b=$(micro_ir "$2" "$3" 30)
    echo "$3: $(((b - a) / 20)) instructions per iteration"
    ;;
  server)
    a=$(server_ir "$2" 2000)
    b=$(server_ir "$2" 6000)
    echo "$(basename "$2"): $(((b - a) / 4000)) instructions per request"
    ;;
  *)
    sed -n '2,16p' "$0"
    exit 2
    ;;
esac
