#!/bin/sh
# Regenerates the LibreOffice fixtures of this directory from src/.
# Needs Debian's libreoffice-writer-nogui, libreoffice-calc-nogui and
# libreoffice-impress-nogui. The outputs carry creation times, so they are
# not byte-for-byte reproducible; the tests only depend on their structure.
set -eu
cd "$(dirname "$0")"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
soffice --headless --convert-to doc --outdir "$out" src/memo.txt >/dev/null
soffice --headless --convert-to xls --outdir "$out" src/sheet.csv >/dev/null
soffice --headless --convert-to ppt --outdir "$out" src/slides.fodp >/dev/null
cp "$out/memo.doc" lo-memo.doc
cp "$out/sheet.xls" lo-sheet.xls
gzip -9n -c "$out/slides.ppt" > lo-slides.ppt.gz # mostly zero padding
