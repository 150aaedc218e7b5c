#!/usr/bin/env bash
# Runs crbuild's fuzz targets with cargo-fuzz (libFuzzer), each for a while.
#   fuzz/run.sh [SECONDS] [TARGET...]     default: 60 s, every target
# Needs cargo-fuzz (`cargo install cargo-fuzz`); on a stable toolchain the
# sanitizer flag it passes needs RUSTC_BOOTSTRAP=1, set here. Crashes land in
# fuzz/artifacts/<target>/; turn each into a regression fixture under
# tests/fixtures/fuzz/<target>/ (see docs/fuzzing.md).
set -euo pipefail
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(note due_date print_markup minutes)
fi
cargo fuzz build --release
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  # A fresh corpus starts from the sample notes and the test fixtures.
  if [ -z "$(ls -A "corpus/$t")" ]; then
    case "$t" in
      note | minutes)
        find ../notes ../tests/fixtures -name '*.md' -size -20k -exec cp {} "corpus/$t/" \; ;;
      due_date)
        for form in "15/07" "mi-juin" "1ère quinzaine de juillet" "S28 2019" "la rentrée" "29/02"; do
          printf '\020%s' "$form" > "corpus/$t/$(printf '%s' "$form" | cksum | cut -d' ' -f1)"
        done ;;
    esac
  fi
  # The regression fixtures seed the corpus, so known crashes stay fixed.
  if [ -d "../tests/fixtures/fuzz/$t" ]; then
    cp -n ../tests/fixtures/fuzz/"$t"/* "corpus/$t/" 2>/dev/null || true
  fi
  dict=()
  if [ -f "dict/$t.dict" ]; then dict=("-dict=dict/$t.dict"); fi
  echo "fuzz: $t for ${seconds} s"
  cargo fuzz run --release "$t" "corpus/$t" -- -max_total_time="$seconds" -max_len=20000 -timeout=10 -rss_limit_mb=2048 "${dict[@]}"
done
