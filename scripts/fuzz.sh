#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ (built in BUILD_DIR by `make fuzz-build`) for SECONDS each and prints one
# line per target: runs, execs/s, coverage, corpus size and the outcome. Any crash, sanitizer report, leak,
# timeout or out-of-memory fails the run, with the path of the input that caused it.
#
#   scripts/fuzz.sh [--smoke] BUILD_DIR SECONDS [TARGET...]
#
# The seeds in fuzz/corpus/<target> are only read. What a run finds grows in BUILD_DIR/corpus/<target>, outside
# the repository's tracked files (a new seed worth keeping is copied into fuzz/corpus by hand); --smoke starts
# from the seeds alone in a throwaway folder, so that `make test` does the same work every time. Every run is
# added to BUILD_DIR/fuzz-runs.tsv (target, wall seconds, runs, outcome) for the hours docs/security.md reports.
# FUZZ_JOBS targets run at once (default 1: the fuzzers compete with everything else for the cores).
set -euo pipefail

smoke=0
if [ "${1:-}" = "--smoke" ]; then
  smoke=1
  shift
fi
[ $# -ge 2 ] || { echo "usage: $0 [--smoke] BUILD_DIR SECONDS [TARGET...]" >&2; exit 2; }
build=$(cd "$1" && pwd)
seconds=$2
shift 2
source_dir=$(cd "$(dirname "$0")/.." && pwd)
jobs=${FUZZ_JOBS:-1}

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$source_dir"/fuzz/*.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi

scratch_root="$build/corpus"
if [ $smoke -eq 1 ]; then
  scratch_root=$(mktemp -d)
  trap 'rm -rf "$scratch_root"' EXIT
fi
logs="$build/fuzz-logs"
mkdir -p "$logs"

# A sanitizer report stops the target (the build passes -fno-sanitize-recover), and libFuzzer then writes the
# input as crash-<sha1>; leaks are checked after every input that allocated more than it freed.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

run_one() {
  local name=$1
  local binary="$build/fuzz/$name"
  local seeds="$source_dir/fuzz/corpus/$name"
  local scratch="$scratch_root/$name"
  local artifacts="$build/fuzz-artifacts/$name/"
  local log="$logs/$name.log"
  [ -x "$binary" ] || { echo "$name: no fuzz target at $binary (make fuzz-build)" >&2; return 1; }
  mkdir -p "$scratch" "$artifacts" "$seeds"
  local dict=()
  [ -f "$source_dir/fuzz/$name.dict" ] && dict=("-dict=$source_dir/fuzz/$name.dict")
  local status=0 started
  started=$(date +%s)
  # -timeout: one input taking longer is a hang; -rss_limit_mb: the server's own limits keep inputs far below.
  nice -n 10 "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts" "${dict[@]}" "$scratch" "$seeds" >"$log" 2>&1 || status=$?
  echo "$status $(($(date +%s) - started))" >"$log.status"
}

# libFuzzer's last status line ("#123 DONE cov: 456 ft: 789 corp: 12/3456b ...") and final statistics.
summarise() {
  local name=$1
  local log="$logs/$name.log"
  local status elapsed
  read -r status elapsed <"$log.status"
  local runs execs cov ft corp outcome artifact
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  execs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  corp=$(grep -o 'corp: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
  if [ "$status" = 0 ]; then
    outcome="ok"
  elif grep -q 'ERROR: libFuzzer: timeout' "$log"; then
    outcome="TIMEOUT"
  elif grep -q 'ERROR: LeakSanitizer' "$log"; then
    outcome="LEAK"
  elif grep -q 'out-of-memory' "$log"; then
    outcome="OUT-OF-MEMORY"
  else
    outcome="CRASH"
  fi
  printf '%-22s %12s %9s %7s %8s %7s  %s\n' "$name" "${runs:--}" "${execs:--}" "${cov:--}" "${ft:--}" \
    "${corp:--}" "$outcome"
  printf '%s\t%s\t%s\t%s\n' "$name" "$elapsed" "${runs:-0}" "$outcome" >>"$build/fuzz-runs.tsv"
  if [ "$outcome" != ok ]; then
    echo "  $name failed: ${artifact:-no input saved}; its log is $log" >&2
    grep -m1 -E 'ERROR: |runtime error|fuzz property broken' "$log" | sed 's/^/  /' >&2 || true
    echo "  reproduce: $build/fuzz/$name ${artifact:-<input>}" >&2
    return 1
  fi
}

echo "Fuzzing ${#targets[@]} targets for ${seconds}s each ($jobs at a time); logs in $logs"
failed=0
for ((i = 0; i < ${#targets[@]}; i += jobs)); do
  batch=("${targets[@]:i:jobs}")
  for name in "${batch[@]}"; do run_one "$name" & done
  wait
  for name in "${batch[@]}"; do
    [ -f "$logs/$name.log.status" ] || { echo "$name did not run" >&2; failed=1; continue; }
  done
done

printf '\n%-22s %12s %9s %7s %8s %7s  %s\n' target runs execs/s cov features corpus outcome
for name in "${targets[@]}"; do
  [ -f "$logs/$name.log.status" ] || continue
  summarise "$name" || failed=1
  rm -f "$logs/$name.log.status"
done
exit $failed
