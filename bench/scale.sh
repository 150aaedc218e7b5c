#!/usr/bin/env bash
# bench/scale.sh: crbuild on a thousand notes (and more), cold and warm.
#
# Usage (from the repo root):   bench/scale.sh                 # N = 1000
#                               SIZES="250 500 1000 2000" bench/scale.sh
#                               RUNS=5 SERIES=20 bench/scale.sh
#
# For each N in SIZES it writes N synthetic notes in SERIES series (20) with
# `cargo run --release --example gen_notes -- N DIR SERIES` into a temporary
# project (removed at exit) and times the whole `crbuild` process:
#   cold       `crbuild build` (HTML+PDF of every note) into an empty output folder
#   unchanged  the same again, nothing changed (median of RUNS, default 5)
#   one edit   one note's prose changed: its two outputs are rebuilt
#   followups  `crbuild followups --force` (HTML, PDF, CSV, ICS of every
#              follow-up of the N notes, rendered even if up to date)
# with each run's peak memory (max RSS, GNU /usr/bin/time). Targets on a
# 2-core machine, for N = 1000: cold <= 10 s, unchanged <= 0.5 s,
# followups <= 2 s; for N = 500 and 2000, the unchanged rebuild's peak at
# 2000 <= 1.3x its peak at 500 and its time <= 3 % of the cold build's.
# It prints figures and PASS/FAIL; it is not a gate (exit 0 unless crbuild
# failed to build or run).

set -euo pipefail

SIZES="${SIZES:-1000}"
RUNS="${RUNS:-5}"
SERIES="${SERIES:-20}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$(pwd)"

if ! command -v /usr/bin/time >/dev/null; then
    echo "bench/scale.sh: needs GNU time (/usr/bin/time; Debian package 'time')" >&2
    exit 1
fi
cargo build --release --bin crbuild --example gen_notes
crbuild="$repo/target/release/crbuild"
gen="$repo/target/release/examples/gen_notes"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/crbuild-scale.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# Runs crbuild in the project; prints "seconds max_rss_kib"; fails loudly.
timed() {
    if ! /usr/bin/time -o "$tmp/time" -f '%e %M' "$crbuild" "$@" 2>"$tmp/stderr" >/dev/null; then
        echo "bench/scale.sh: crbuild $* failed:" >&2
        tail -n 20 "$tmp/stderr" >&2
        exit 1
    fi
    tail -n 1 "$tmp/time"
}

mib() { awk -v k="$1" 'BEGIN { print k / 1024 }'; }

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

verdict() { # value limit
    awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l) ? "PASS" : "FAIL" }'
}

printf '%6s %10s %10s %10s %10s %10s %10s %10s %10s\n' \
    notes "cold s" "MiB" "unchgd s" "MiB" "1 edit s" "MiB" "followups" "MiB"
declare -A COLD UNCHANGED FOLLOW RSS_COLD RSS_WARM
for n in $SIZES; do
    project="$tmp/p$n"
    mkdir -p "$project"
    cp crbuild.toml "$project/"
    "$gen" "$n" "$project/notes" "$SERIES" >/dev/null
    cd "$project"
    read -r cold cold_rss < <(timed build)
    warm=()
    warm_rss=0
    for _ in $(seq "$RUNS"); do
        read -r s rss < <(timed build)
        warm+=("$s")
        warm_rss=$(( rss > warm_rss ? rss : warm_rss ))
    done
    unchanged=$(printf '%s\n' "${warm[@]}" | median)
    one=$(find notes -name '*.md' | sort | awk 'NR == 1')
    sed -i 's/Le groupe fait le point sur les actions en cours\./Le groupe fait le point sur les actions en cours (relu)./' "$one"
    read -r edit edit_rss < <(timed build)
    read -r follow follow_rss < <(timed followups --today 2021-06-30 --force)
    cd "$repo"
    printf '%6s %10s %10.1f %10s %10.1f %10s %10.1f %10s %10.1f\n' "$n" \
        "$cold" "$(mib "$cold_rss")" \
        "$unchanged" "$(mib "$warm_rss")" \
        "$edit" "$(mib "$edit_rss")" \
        "$follow" "$(mib "$follow_rss")"
    COLD[$n]=$cold; UNCHANGED[$n]=$unchanged; FOLLOW[$n]=$follow; RSS_COLD[$n]=$cold_rss; RSS_WARM[$n]=$warm_rss
done

if [ -n "${COLD[1000]:-}" ]; then
    echo
    echo "targets (1000 notes, $SERIES series):"
    echo "  cold HTML+PDF     ${COLD[1000]} s <= 10 s   $(verdict "${COLD[1000]}" 10)"
    echo "  unchanged         ${UNCHANGED[1000]} s <= 0.5 s  $(verdict "${UNCHANGED[1000]}" 0.5)"
    echo "  followups         ${FOLLOW[1000]} s <= 2 s    $(verdict "${FOLLOW[1000]}" 2)"
fi

# Memory flat in N and an unchanged rebuild that costs next to nothing:
# the unchanged rebuild's peak at 2,000 notes <= 1.3x its peak at 500, and
# its time <= 3 % of the cold build's at 2,000.
if [ -n "${COLD[2000]:-}" ]; then
    echo
    echo "targets (2000 notes, $SERIES series):"
    if [ -n "${RSS_WARM[500]:-}" ]; then
        ratio=$(awk -v a="${RSS_WARM[2000]}" -v b="${RSS_WARM[500]}" 'BEGIN { printf "%.2f", a / b }')
        echo "  unchanged peak, 2000 / 500 notes   ${ratio}x <= 1.3x   $(verdict "$ratio" 1.3)"
    fi
    share=$(awk -v u="${UNCHANGED[2000]}" -v c="${COLD[2000]}" 'BEGIN { printf "%.1f", 100 * u / c }')
    echo "  unchanged / cold at 2000 notes     ${share} % <= 3 %    $(verdict "$share" 3)"
fi
