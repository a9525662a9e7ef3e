#!/usr/bin/env bash
# Sets up what is missing, then runs every test: the suite in a normal build, the
# same suite built with AddressSanitizer and UndefinedBehaviorSanitizer, and the
# parser's fuzzer for a bounded time. Ends with "N passed, N failed".
#
# As root (as in CI) nothing may skip: MCI_TEST_REQUIRE_ALL turns skips into failures.
# MCI_FUZZ_SECONDS sets the fuzzing time (default 60).
set -uo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh || exit 1

if [ "$(id -u)" -eq 0 ] || [ -n "${CI:-}" ]; then
  export MCI_TEST_REQUIRE_ALL=1
fi

passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# meson test's summary: "Ok: N", "Fail: N", ...
count_results () {
  local ok fail
  ok=$(awk '/^Ok:/ {print $2}' "$log")
  fail=$(awk '/^(Fail|Timeout|Unexpected Pass|Skipped):/ {s += $NF} END {print s + 0}' "$log")
  passed=$((passed + ${ok:-0}))
  failed=$((failed + fail))
}

run_suite () {
  local directory=$1
  shift
  echo "== meson test in $directory"
  if [ ! -f "$directory/build.ninja" ]; then
    meson setup "$directory" "$@" >/dev/null || { failed=$((failed + 1)); return; }
  fi
  if ! ninja -C "$directory"; then
    failed=$((failed + 1))
    return
  fi
  meson test -C "$directory" --print-errorlogs 2>&1 | tee "$log"
  count_results
}

# Each harness under tests/fuzz gets its share of MCI_FUZZ_SECONDS, starts from its seeds
# in tests/fuzz/corpus/<harness>/ (cut from the fixtures), and says how much of the engine it
# reached: libFuzzer's "cov:" edges when it started and when it stopped.
run_fuzzer () {
  local directory=_build-fuzz seconds=${MCI_FUZZ_SECONDS:-60} harnesses share corpus name
  harnesses=(fuzz-proc-table fuzz-local-machine fuzz-untrusted fuzz-sock-diag fuzz-ssh-response)
  share=$((seconds / ${#harnesses[@]}))
  [ "$share" -ge 1 ] || share=1
  echo "== fuzzing the engine's readers for ${seconds}s, ${share}s each"
  if [ ! -f "$directory/build.ninja" ]; then
    CC=clang meson setup "$directory" -Dfuzzing=true -Db_sanitize=address,undefined \
      -Db_lundef=false >/dev/null || { failed=$((failed + 1)); return; }
  fi
  ninja -C "$directory" "${harnesses[@]/#/tests/fuzz/}" || { failed=$((failed + 1)); return; }
  for name in "${harnesses[@]}"; do
    corpus=$(mktemp -d)
    if "$directory/tests/fuzz/$name" -max_total_time="$share" -timeout=10 -rss_limit_mb=2048 \
         -print_final_stats=1 "$corpus" "tests/fuzz/corpus/$name" 2>"$log"; then
      passed=$((passed + 1))
      # the edges covered once the corpus was read, and at the end
      echo "$name: $(grep -oE 'INITED +cov: [0-9]+' "$log"), $(grep -oE 'DONE +cov: [0-9]+' "$log")"
      grep -E '^stat::(number_of_executed_units|new_units_added)' "$log" || true
    else
      failed=$((failed + 1))
      echo "$name failed:"
      tail -50 "$log"
    fi
    rm -rf "$corpus"
  done
}

export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1

run_suite _build
run_suite _build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
run_fuzzer

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
