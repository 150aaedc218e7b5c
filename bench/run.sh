#!/usr/bin/env bash
# bench/run.sh: times `crbuild build` of the sample meeting against its peers.
#
# Usage (from the repo root):   bench/run.sh          # 20 runs per tool
#                               RUNS=10 bench/run.sh
#
# What it does:
#   1. `cargo build --release`, then copies crbuild.toml and notes/ (and the
#      peers' inputs, bench/peers/) into a temporary folder, so nothing in the
#      repo changes; the folder is removed at exit.
#   2. Times RUNS whole-process runs of each tool (after one untimed warm-up
#      run), with bench/timing.py, and prints the median and min wall time in
#      ms. crbuild runs from the temporary project so its crbuild.toml applies:
#        crbuild -> HTML+PDF, HTML only, PDF only  (the sample note)
#        typst   -> PDF, through `python3 -c 'import typst; typst.compile(...)'`
#                   (the PyPI package), and the `typst` CLI if one is on PATH;
#                   `python3 -c 'import typst'` is timed too, and typst's time
#                   is printed with and without that startup (python3 is
#                   resolved to the real interpreter first, so a pyenv shim's
#                   own cost is not counted as typst's)
#        pandoc  -> HTML (`pandoc -s`), and pandoc + LaTeX -> PDF
#      A peer that is not installed is skipped ("not installed").
#   3. Peak memory (max RSS, GNU /usr/bin/time -f %M) of crbuild's HTML+PDF
#      run, the size of its PDF, the speed ratios, and each target with PASS
#      or FAIL: >= 8x faster than typst, >= 80x faster than pandoc + LaTeX,
#      <= 20 MiB peak memory, PDF <= 80 KB.
#
# Needs: cargo, python3, bash. Peers (optional): `pip install typst`;
# `apt-get install pandoc texlive-latex-recommended texlive-lang-french
# lmodern texlive-fonts-recommended`. Installs nothing itself. See
# bench/README.md.
#
# Exit status: 0 when crbuild's runs succeeded (whatever the targets say: this
# prints figures, it is not a gate); 1 if crbuild failed to build or run.

set -euo pipefail

RUNS="${RUNS:-20}"
if ! [[ "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
    echo "bench/run.sh: RUNS must be a positive integer, not '$RUNS'" >&2
    exit 2
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$(pwd)"
note="notes/cdv-emploi/2018-05-24-groupe-thematique-eco-emploi.md"
note_stem="$(basename "$note" .md)"
timing="$repo/bench/timing.py"

# Targets.
TARGET_TYPST=8        # x faster than typst
TARGET_PANDOC=80      # x faster than pandoc + LaTeX
TARGET_RSS_KIB=20480  # 20 MiB
TARGET_PDF_BYTES=80000 # 80 KB (SI kilobytes: the stricter reading)

# --- 1. Build, and a temporary project -------------------------------------

if ! cargo build --release; then
    echo "bench/run.sh: cargo build --release failed" >&2
    exit 1
fi
crbuild="$repo/target/release/crbuild"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/crbuild-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
project="$tmp/project"
peers="$tmp/peers"
mkdir -p "$project" "$peers"
cp crbuild.toml "$project/"
cp -R notes "$project/"
cp bench/peers/seed-note.typ bench/peers/seed-note.pandoc.md "$peers/"

# --- Helpers -----------------------------------------------------------------

declare -A MED=() MIN=()
status=0

row() { # label median [min]
    printf '  %-46s %10s %10s\n' "$1" "$2" "${3:-}"
}

# measure KEY LABEL DIR EXPECTED_OUTPUT COMMAND...: times COMMAND in DIR,
# stores MED[KEY] and MIN[KEY]; on failure prints why and stores nothing.
measure() {
    local key="$1" label="$2" dir="$3" expect="$4" out
    shift 4
    if [[ -n "$expect" ]]; then rm -f "${dir:?}/$expect"; fi
    if out="$(cd "$dir" && python3 "$timing" "$RUNS" -- "$@" 2>"$tmp/err")"; then
        if [[ -n "$expect" && ! -s "$dir/$expect" ]]; then
            row "$label" "FAILED" "(no $expect)"
            return
        fi
        MED[$key]="${out% *}"
        MIN[$key]="${out#* }"
        row "$label" "${MED[$key]}" "${MIN[$key]}"
    else
        row "$label" "FAILED"
        tail -n 15 "$tmp/err" | sed 's/^/      | /'
    fi
}

# calc EXPR: floating point arithmetic, one decimal.
calc() { awk "BEGIN { printf \"%.1f\", $1 }"; }

# verdict OK_EXPR: PASS when the awk expression is true.
verdict() {
    if awk "BEGIN { exit !($1) }"; then echo PASS; else echo FAIL; fi
}

have_gnu_time=0
if [[ -x /usr/bin/time ]] && /usr/bin/time --version 2>&1 | grep -q GNU; then
    have_gnu_time=1
fi

# peak_rss DIR COMMAND...: the highest max RSS (KiB) over 3 runs, or "".
peak_rss() {
    local dir="$1" peak=0 kib i
    shift
    for i in 1 2 3; do
        if ! (cd "$dir" && /usr/bin/time -f %M -o "$tmp/rss" "$@" >/dev/null 2>&1); then
            echo ""
            return
        fi
        kib="$(tail -n 1 "$tmp/rss")"
        if ((kib > peak)); then peak="$kib"; fi
    done
    echo "$peak"
}

# The interpreter itself, not a launcher in front of it (a pyenv shim is a
# bash script that costs ~10 ms per run): that cost is not typst's.
py="$(python3 -c 'import sys; print(sys.executable)')"
have_typst_py=0
if "$py" -c 'import typst' >/dev/null 2>&1; then have_typst_py=1; fi
have_typst_cli=0
if command -v typst >/dev/null 2>&1; then have_typst_cli=1; fi
have_pandoc=0
if command -v pandoc >/dev/null 2>&1; then have_pandoc=1; fi
have_pdflatex=0
if command -v pdflatex >/dev/null 2>&1; then have_pdflatex=1; fi

# --- Header --------------------------------------------------------------------

echo
echo "crbuild benchmark: the sample meeting ($note)"
echo "  $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -sm), load average $(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo "  crbuild $(git -C "$repo" describe --always --dirty 2>/dev/null || echo '(no git)'), release build"
if ((have_typst_py)); then
    echo "  typst (PyPI) $("$py" -c 'import typst; print(getattr(typst, "__version__", "?"))'), run by $py"
fi
if ((have_typst_cli)); then echo "  $(typst --version)"; fi
if ((have_pandoc)); then echo "  $(pandoc --version | head -n 1)"; fi
if ((have_pdflatex)); then echo "  $(pdflatex --version | head -n 1)"; fi
echo
echo "Wall time of the whole process, $RUNS runs each after 1 warm-up run (ms):"
row "" "median" "min"

# --- 2. Times ------------------------------------------------------------------

measure crb_all "crbuild -> HTML+PDF" "$project" "out-all/$note_stem.pdf" \
    "$crbuild" build "$note" -o out-all --format html,pdf --force
measure crb_html "crbuild -> HTML" "$project" "out-html/$note_stem.html" \
    "$crbuild" build "$note" -o out-html --format html --force
measure crb_pdf "crbuild -> PDF" "$project" "out-pdf/$note_stem.pdf" \
    "$crbuild" build "$note" -o out-pdf --format pdf --force

if ((have_typst_cli)); then
    measure typst_cli "typst CLI -> PDF" "$peers" typst-cli.pdf \
        typst compile seed-note.typ typst-cli.pdf
else
    row "typst CLI -> PDF" "not installed" "(no typst on PATH)"
fi

if ((have_typst_py)); then
    # typst and the interpreter's startup are timed together, run by run, so
    # both see the same load and the difference is meaningful.
    rm -f "$peers/typst-py.pdf"
    if out="$(cd "$peers" && python3 "$timing" "$RUNS" -- \
        "$py" -c 'import typst; typst.compile("seed-note.typ", output="typst-py.pdf")' ::: \
        "$py" -c 'import typst' 2>"$tmp/err")" && [[ -s "$peers/typst-py.pdf" ]]; then
        mapfile -t lines <<<"$out"
        MED[typst_py]="${lines[0]% *}"; MIN[typst_py]="${lines[0]#* }"
        MED[py_start]="${lines[1]% *}"; MIN[py_start]="${lines[1]#* }"
        MED[typst_net]="$(calc "${MED[typst_py]} - ${MED[py_start]}")"
        MIN[typst_net]="$(calc "${MIN[typst_py]} - ${MIN[py_start]}")"
        row "typst (python3) -> PDF, with startup" "${MED[typst_py]}" "${MIN[typst_py]}"
        row "  python3 -c 'import typst' (startup)" "${MED[py_start]}" "${MIN[py_start]}"
        row "typst (python3) -> PDF, without startup" "${MED[typst_net]}" "${MIN[typst_net]}"
    else
        row "typst (python3) -> PDF" "FAILED"
        tail -n 15 "$tmp/err" | sed 's/^/      | /'
    fi
else
    row "typst (python3) -> PDF" "not installed" "(pip install typst)"
fi

if ((have_pandoc)); then
    measure pandoc_html "pandoc -> HTML" "$peers" pandoc.html \
        pandoc -s seed-note.pandoc.md -o pandoc.html
    if ((have_pdflatex)); then
        measure pandoc_pdf "pandoc + LaTeX -> PDF" "$peers" pandoc.pdf \
            pandoc -s seed-note.pandoc.md -o pandoc.pdf -V lang=fr
    else
        row "pandoc + LaTeX -> PDF" "not installed" "(no pdflatex)"
    fi
else
    row "pandoc -> HTML" "not installed" "(apt-get install pandoc)"
    row "pandoc + LaTeX -> PDF" "not installed" "(apt-get install pandoc texlive-...)"
fi

if [[ -z "${MED[crb_all]:-}" || -z "${MED[crb_html]:-}" || -z "${MED[crb_pdf]:-}" ]]; then
    status=1
fi

# --- 3. Memory, size, ratios, targets ----------------------------------------------

echo
rss_kib=""
if ((have_gnu_time)); then
    rss_kib="$(peak_rss "$project" "$crbuild" build "$note" -o out-rss --format html,pdf --force)"
    if [[ -n "$rss_kib" ]]; then
        echo "Peak memory (max RSS, highest of 3 runs, /usr/bin/time -f %M):"
        printf '  %-46s %7s KiB = %5s MiB\n' "crbuild -> HTML+PDF" "$rss_kib" "$(calc "$rss_kib / 1024")"
        if ((have_typst_py)); then
            kib="$(peak_rss "$peers" "$py" -c 'import typst; typst.compile("seed-note.typ", output="rss.pdf")')"
            if [[ -n "$kib" ]]; then
                printf '  %-46s %7s KiB = %5s MiB\n' "typst (python3) -> PDF" "$kib" "$(calc "$kib / 1024")"
            fi
        fi
        if ((have_pandoc && have_pdflatex)); then
            kib="$(peak_rss "$peers" pandoc -s seed-note.pandoc.md -o rss.pdf -V lang=fr)"
            if [[ -n "$kib" ]]; then
                printf '  %-46s %7s KiB = %5s MiB  (largest process)\n' "pandoc + LaTeX -> PDF" "$kib" "$(calc "$kib / 1024")"
            fi
        fi
    else
        echo "Peak memory: crbuild failed under /usr/bin/time"
        status=1
    fi
else
    echo "Peak memory: not measured (GNU time /usr/bin/time is missing: apt-get install time)"
fi

pdf="$project/out-all/$note_stem.pdf"
pdf_bytes=""
echo
if [[ -s "$pdf" ]]; then
    pdf_bytes="$(stat -c %s "$pdf")"
    echo "PDF size (crbuild -> HTML+PDF): $pdf_bytes bytes = $(calc "$pdf_bytes / 1000") KB"
    sizes=""
    if [[ -s "$peers/typst-py.pdf" ]]; then sizes+="typst $(stat -c %s "$peers/typst-py.pdf") bytes; "; fi
    if [[ -s "$peers/pandoc.pdf" ]]; then sizes+="pandoc + LaTeX $(stat -c %s "$peers/pandoc.pdf") bytes; "; fi
    if [[ -n "$sizes" ]]; then echo "  peers, for reference: ${sizes%; }"; fi
else
    echo "PDF size: no PDF (crbuild failed)"
fi

# The typst figure the target is judged on: the CLI if there is one, else the
# Python route without the interpreter's startup (the stricter of the two).
typst_key=""
typst_what=""
if [[ -n "${MED[typst_cli]:-}" ]]; then
    typst_key=typst_cli; typst_what="typst CLI"
elif [[ -n "${MED[typst_net]:-}" ]]; then
    typst_key=typst_net; typst_what="typst (python3) without startup"
fi

echo
echo "Speed ratios (peer median / crbuild median; higher = crbuild faster):"
printf '  %-46s %12s %12s\n' "" "vs HTML+PDF" "vs PDF only"
ratio_row() { # label key
    local label="$1" key="$2"
    if [[ -n "${MED[$key]:-}" && -n "${MED[crb_all]:-}" && -n "${MED[crb_pdf]:-}" ]]; then
        printf '  %-46s %11sx %11sx\n' "$label" \
            "$(calc "${MED[$key]} / ${MED[crb_all]}")" "$(calc "${MED[$key]} / ${MED[crb_pdf]}")"
    else
        printf '  %-46s %12s\n' "$label" "n/a"
    fi
}
ratio_row "typst CLI -> PDF" typst_cli
ratio_row "typst (python3) -> PDF, with startup" typst_py
ratio_row "typst (python3) -> PDF, without startup" typst_net
ratio_row "pandoc + LaTeX -> PDF" pandoc_pdf
if [[ -n "${MED[pandoc_html]:-}" && -n "${MED[pandoc_pdf]:-}" ]]; then
    MED[pandoc_both]="$(calc "${MED[pandoc_html]} + ${MED[pandoc_pdf]}")"
    ratio_row "pandoc HTML + pandoc LaTeX PDF (sum)" pandoc_both
fi

echo
echo "Targets (crbuild -> HTML+PDF, medians):"
target_row() { # verdict text
    printf '  %-4s  %s\n' "$1" "$2"
}
if [[ -n "$typst_key" && -n "${MED[crb_all]:-}" ]]; then
    r="$(calc "${MED[$typst_key]} / ${MED[crb_all]}")"
    target_row "$(verdict "$r >= $TARGET_TYPST")" "${r}x faster than $typst_what (target >= ${TARGET_TYPST}x)"
else
    target_row "n/a" "faster than typst (target >= ${TARGET_TYPST}x): typst not measured"
fi
if [[ -n "${MED[pandoc_pdf]:-}" && -n "${MED[crb_all]:-}" ]]; then
    r="$(calc "${MED[pandoc_pdf]} / ${MED[crb_all]}")"
    target_row "$(verdict "$r >= $TARGET_PANDOC")" "${r}x faster than pandoc + LaTeX -> PDF (target >= ${TARGET_PANDOC}x)"
else
    target_row "n/a" "faster than pandoc + LaTeX (target >= ${TARGET_PANDOC}x): pandoc + LaTeX not measured"
fi
if [[ -n "$rss_kib" ]]; then
    target_row "$(verdict "$rss_kib <= $TARGET_RSS_KIB")" "peak memory $(calc "$rss_kib / 1024") MiB (target <= 20 MiB)"
else
    target_row "n/a" "peak memory (target <= 20 MiB): not measured"
fi
if [[ -n "$pdf_bytes" ]]; then
    target_row "$(verdict "$pdf_bytes <= $TARGET_PDF_BYTES")" "PDF $(calc "$pdf_bytes / 1000") KB (target <= 80 KB = 80000 bytes)"
else
    target_row "n/a" "PDF size (target <= 80 KB): no PDF"
fi
echo

exit "$status"
