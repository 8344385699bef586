#!/bin/sh
# Regenerates lo-memo.doc and lo-sheet.xls: gen.go writes a .docx and an
# .xlsx with fictional properties, LibreOffice converts them. Needs Debian's
# libreoffice-writer-nogui and libreoffice-calc-nogui. LibreOffice stamps
# the time of conversion into some fields, so the outputs are not byte for
# byte reproducible; the tests compare with exiftool, not with fixed bytes
# for those fields.
set -eu
cd "$(dirname "$0")"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go run gen.go "$out"
soffice --headless --convert-to doc --outdir "$out" "$out/memo.docx" >/dev/null
soffice --headless --convert-to xls --outdir "$out" "$out/sheet.xlsx" >/dev/null
cp "$out/memo.doc" lo-memo.doc
cp "$out/sheet.xls" lo-sheet.xls
