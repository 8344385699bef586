#!/bin/sh
# Rebuilds the PDF fixtures from base.pdf and letter.docx (see gen.go).
# Needs soffice (libreoffice-writer-nogui), exiftool and qpdf. Outputs
# differ from the committed files in dates and IDs, not in structure.
set -e
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# LibreOffice: subset TrueType fonts with ToUnicode CMaps, Japanese text.
cp letter.docx "$tmp/"
(cd "$tmp" && TZ=Asia/Tokyo soffice --headless -env:UserInstallation=file://$tmp/profile --convert-to pdf letter.docx >/dev/null 2>&1)
cp "$tmp/letter.pdf" libreoffice.pdf

# exiftool: an incremental update that changes the author and adds XMP.
cp base.pdf edited.pdf
exiftool -q -overwrite_original -Author='Taro Yamada' -Title='Quotation Q-2021-0412 rev. 2' \
	-XMP-dc:Creator='Taro Yamada' -XMP-xmp:CreatorTool='Acme PDF Editor 3.1' edited.pdf

# qpdf: cross-reference and object streams, linearisation, encryption.
qpdf --object-streams=generate libreoffice.pdf objstm.pdf
qpdf --linearize base.pdf linearized.pdf
qpdf --encrypt '' owner-secret 256 -- base.pdf encrypted-aes256.pdf
qpdf --allow-weak-crypto --encrypt '' owner-secret 128 --use-aes=n -- base.pdf encrypted-rc4.pdf
qpdf --object-streams=generate --encrypt "" owner-secret 128 --use-aes=y -- libreoffice.pdf encrypted-aes128.pdf
qpdf --encrypt user-secret owner-secret 256 -- base.pdf encrypted-userpw.pdf
qpdf --object-streams=generate --encrypt user-secret owner-secret 256 -- libreoffice.pdf encrypted-userpw-objstm.pdf
qpdf --allow-weak-crypto --encrypt '' owner-secret 40 -- base.pdf encrypted-rc4-40.pdf
