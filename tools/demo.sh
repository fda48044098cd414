#!/usr/bin/env bash
# The end-to-end demo (`make demo`): the bundled SCIO transcript and its Chinese counterpart
# through every stage of termalign, with the commands a user would type.
#
#   segment → align (+ review report) → TMX → glossary (TBX v3/v2, OmegaT, CSV) → check report
#
# Outputs go to out/ (override with OUT=…). Each command prints a one-line summary on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

TERMALIGN=${TERMALIGN:-.venv/bin/termalign}
OUT=${OUT:-out}
EN=corpora/scio-2023-01-18-miit-industry-it-2022.en.txt
ZH=corpora/scio-2023-01-18-miit-industry-it-2022.zh.txt
REVIEWED=glossaries/scio-2023-01-18-miit.glossary.tsv

mkdir -p "$OUT"
started=$(date +%s)
step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }

step "1. Segment both documents into speaker turns, paragraphs and sentences"
"$TERMALIGN" segment "$EN" -o "$OUT/segments.en.tsv"
"$TERMALIGN" segment "$ZH" -o "$OUT/segments.zh.tsv"

step "2. Align them (turns first, then sentences) and write the review report"
"$TERMALIGN" align "$EN" "$ZH" -o "$OUT/alignment.tsv" --report "$OUT/alignment-report.html" --quiet

step "3. Translation memory for CAT tools (TMX 1.4)"
"$TERMALIGN" export "$OUT/alignment.tsv" --to tmx -o "$OUT/alignment.tmx"

step "4. Extract the glossary through the alignment, and export it for CAT tools"
"$TERMALIGN" terms "$EN" --alignment "$OUT/alignment.tsv" --top 200 -o "$OUT/glossary.tsv" --quiet
"$TERMALIGN" export "$OUT/glossary.tsv" --to tbx -o "$OUT/glossary.tbx"
"$TERMALIGN" export "$OUT/glossary.tsv" --to tbx2 -o "$OUT/glossary.v2.tbx"
"$TERMALIGN" export "$OUT/glossary.tsv" --to omegat -o "$OUT/glossary.utf8"
"$TERMALIGN" export "$OUT/glossary.tsv" --to csv -o "$OUT/glossary.csv"

step "5. Check the Chinese text against the reviewed glossary ($REVIEWED)"
"$TERMALIGN" check "$OUT/alignment.tsv" --glossary "$REVIEWED" --format html -o "$OUT/check-report.html" --fail-on never
"$TERMALIGN" check "$OUT/alignment.tsv" --glossary "$REVIEWED" --format json -o "$OUT/check-report.json" --fail-on never

elapsed=$(( $(date +%s) - started ))
cat <<EOF

termalign demo finished in ${elapsed} s. Outputs in $OUT/:
  segments        $OUT/segments.en.tsv, $OUT/segments.zh.tsv
  alignment       $OUT/alignment.tsv  (one bead per row, with confidence)
  review report   $OUT/alignment-report.html  (open in a browser)
  TMX             $OUT/alignment.tmx  (OmegaT: copy into PROJECT/tm/)
  glossary        $OUT/glossary.tsv, $OUT/glossary.tbx (TBX v3), $OUT/glossary.v2.tbx (TBX v2),
                  $OUT/glossary.utf8 (OmegaT: copy into PROJECT/glossary/), $OUT/glossary.csv (memoQ/MultiTerm)
  check report    $OUT/check-report.html, $OUT/check-report.json
EOF
