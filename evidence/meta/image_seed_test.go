package meta

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// imageSeeds are the fixtures of testdata/images and the hostile blocks
// of the EXIF tests, wrapped as TIFF and JPEG.
func imageSeeds(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "images", "*.*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		if filepath.Ext(name) == ".go" || filepath.Ext(name) == ".md" {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, block := range hostileTIFFs() {
		f.Add(block)
		f.Add(jpegWithEXIF(block))
	}
	f.Add([]byte(xmpHead + `<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:format="x"/>` + xmpTail))
	// Every container of EXIF and XMP, and the same with lying lengths.
	for _, c := range containerFiles(f) {
		f.Add(c.data)
	}
	for _, h := range hostileContainers(f) {
		f.Add(h.data)
	}
	// An XPAuthor of control characters.
	f.Add(xpAuthorJPEG("\x02Ĳ\a\b"))
	// GPS written as text.
	f.Add(jpegWithEXIF(tiffBlock(binary.LittleEndian, 42, false, cameraIFD0(), nil,
		[]tEnt{asciiEnt(1, "S"), asciiEnt(2, "33 52 8.4"), asciiEnt(3, "E"), asciiEnt(4, "151.2093")})))
	// XMP as writers other than Adobe's leave it, and standing alone.
	packet := xmpPacket(`xmpNote:HasExtendedXMP="0123456789ABCDEF0123456789ABCDEF"`, `<dc:title>t</dc:title>`)
	f.Add(jpegWithAPP1([]byte("XMP\x00://ns.adobe.com/xap/1.0/ "+packet),
		extendedXMPSegment("0123456789ABCDEF0123456789ABCDEF", uint32(len(packet)), 0, []byte(packet))))
	f.Add(jpegWithAPP1(append([]byte("http://ns.adobe.com/xap/1.0/\x00"), utf16Bytes(packet, true, false)...)))
	f.Add([]byte(packet))
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><metadata><rdf:RDF><cc:Work xmlns:cc="http://creativecommons.org/ns#"/></rdf:RDF></metadata></svg>`))
}

// fuzzExtract runs ex directly (no Run, so no recover but its own) on
// data typed by content, with small limits, and checks the output
// marshals to JSON and harvests into lists that keep Harvest's promises
// (CheckHarvested).
func fuzzExtract(t *testing.T, ex Extractor, data []byte) {
	in := bytesInput("fuzz", data)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := ex.Extract(ctx, in, Limits{MaxRecordBytes: 1 << 20, MaxRecords: 1000})
	if err == nil && (res == nil || res.Metadata.IsZero() && res.Text == "" && len(res.Warnings) == 0) {
		t.Fatalf("%s: an empty result and no error", ex.Name())
	}
	if res == nil {
		return
	}
	if _, err := json.Marshal(res.Metadata); err != nil {
		t.Fatalf("metadata does not marshal: %v", err)
	}
	m := res.Metadata
	Harvest(&m)
	if err := CheckHarvested(&m); err != nil {
		t.Fatal(err)
	}
}
