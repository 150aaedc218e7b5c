#!/usr/bin/env bash
# Builds every sample and test fixture with a given crbuild binary into one
# folder, outputs and messages alike, so two builds of crbuild can be
# compared byte for byte (`diff -r`). Used to prove that a refactoring
# changes no output:
#   dev/snapshot.sh target/release/crbuild /tmp/before
#   (change the code, cargo build --release)
#   dev/snapshot.sh target/release/crbuild /tmp/after
#   diff -r /tmp/before /tmp/after
# The manifest (.crbuild-manifest.json) is left out: its keys hash the
# executable itself, so they differ between any two builds of crbuild.
set -euo pipefail
bin=$(realpath "$1")
dest=$2
repo=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$dest"
mkdir -p "$dest"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() { # name, then the arguments; messages and exit code go beside the outputs
  local name=$1
  shift
  local out=$dest/$name
  mkdir -p "$out"
  set +e
  "$bin" "$@" >"$out/stdout" 2>"$out/stderr"
  echo $? >"$out/exit"
  set -e
}

project() { # name, folder holding notes/ (or note files)
  local name=$1 src=$2
  rm -rf "$work/p"
  cp -r "$src" "$work/p"
  (
    cd "$work/p"
    local inputs=(notes)
    [ -d notes ] || inputs=(*.md)
    run "$name/check" check "${inputs[@]}"
    run "$name/build" build "${inputs[@]}" -o "$dest/$name/build/out" --format html,pdf,json
    run "$name/followups" followups "${inputs[@]}" -o "$dest/$name/followups/out" \
      --today 2018-09-01 --format html,pdf,csv,ics,json
    run "$name/followups-by-owner" followups "${inputs[@]}" -o "$dest/$name/followups-by-owner/out" \
      --today 2018-07-10 --by owner --format html,pdf,csv,json
  )
}

project samples "$repo"
for f in "$repo"/tests/fixtures/*/; do
  name=$(basename "$f")
  [ "$name" = fuzz ] && continue
  project "$name" "$f"
done
find "$dest" -name .crbuild-manifest.json -delete
# Paths of the temporary folder never appear in outputs, but messages may name them.
{ grep -rl "$work" "$dest" 2>/dev/null || true; } | while read -r f; do sed -i "s|$work|WORK|g" "$f"; done
echo "snapshot: $(find "$dest" -type f | wc -l) files in $dest"
