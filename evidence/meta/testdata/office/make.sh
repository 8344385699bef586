#!/bin/sh
# make.sh re-creates the LibreOffice fixtures of this directory from the
# docgen ones (go run gen.go first) and deck.fodp. LibreOffice writes the
# time of conversion and its build into some parts, so the bytes change
# from run to run; the tests check fields that do not.
set -e
cd "$(dirname "$0")"
out=$(mktemp -d)
export HOME="$out/home"
soffice --headless --convert-to odt --outdir "$out" docgen_po.docx >/dev/null
soffice --headless --convert-to docx --outdir "$out" "$out/docgen_po.odt" >/dev/null
soffice --headless --convert-to ods --outdir "$out" docgen_ledger.xlsx >/dev/null
soffice --headless --convert-to xlsx --outdir "$out" "$out/docgen_ledger.ods" >/dev/null
soffice --headless --convert-to odp --outdir "$out" deck.fodp >/dev/null
soffice --headless --convert-to pptx --outdir "$out" deck.fodp >/dev/null
cp "$out/docgen_po.odt" lo_po.odt
cp "$out/docgen_po.docx" lo_po.docx
cp "$out/docgen_ledger.ods" lo_ledger.ods
cp "$out/docgen_ledger.xlsx" lo_ledger.xlsx
cp "$out/deck.odp" lo_deck.odp
cp "$out/deck.pptx" lo_deck.pptx
rm -rf "$out"
