package evidence_test

import (
	"bytes"
	"encoding/json"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/docgen"
)

// FuzzAnalyze runs the whole pipeline on arbitrary bytes: no panic, a
// report that marshals, every item within the limits, every problem
// with a known code, and metadata lists that keep their kinds apart.
func FuzzAnalyze(f *testing.F) {
	for _, dir := range []string{"../testdata/sample", "../testdata/archives"} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil && len(b) < 64<<10 { // large seeds make mutation slow
				f.Add(b)
			}
		}
	}
	if b, err := archivegen.TarLinkEscapes(); err == nil {
		f.Add(b)
	}
	if b, err := archivegen.ZipLyingSizes(); err == nil {
		f.Add(b)
	}
	if b, err := archivegen.DeceptiveNames(); err == nil {
		f.Add(b)
	}
	f.Add([]byte("From: a@example.com\r\nSubject: x\r\n\r\nbody"))
	f.Add([]byte("From: a@example.com\r\nMessage-ID: <1@pc01.example.com>\r\nReferences: <2@b.example.net>\r\n" +
		"Received: from mx.example.net by mail.example.com; Mon, 12 Apr 2021 10:30:00 +0900\r\n\r\nsee http://portal.example.com/"))
	if noise, err := docgen.GlyphNoisePNG(160, 90, 11); err == nil { // issue 11, r10
		if b, err := archivegen.Zip([]archivegen.File{{Name: "screens/shot_0.png", Data: noise}}, archivegen.ZipOptions{}); err == nil {
			f.Add(b)
		}
	}
	if b, err := archivegen.Tar([]archivegen.File{{Name: strings.Repeat("名", 2000), Data: []byte("x")}, {Name: "after.txt", Data: []byte("y")}}); err == nil {
		f.Add(b) // a name over unpack.MaxNameBytes
	}
	for _, b := range polyglotSeeds() {
		f.Add(b)
	}
	for _, b := range decisionSeeds() {
		f.Add(b)
	}
	// Issue 12: a gzip that holds itself, copies, unique entries of zeros.
	f.Add(archivegen.GzipQuine())
	if b, err := archivegen.ZipRecursive(4, 3, 1<<10); err == nil {
		f.Add(b)
	}
	if b, err := archivegen.ZipUniqueZeros(20, 16<<10, archivegen.File{Name: "after.txt", Data: []byte("evidence")}); err == nil {
		f.Add(b)
	}
	if b, err := (archivegen.TextBomb{Files: 4, FileSize: 4 << 10, Cycle: 8}).Bytes(); err == nil { // issue 12
		f.Add(b)
	}
	known := map[string]bool{}
	for _, c := range evidence.ProblemCodes {
		known[c] = true
	}
	lim := evidence.Limits{}
	lim.MaxTotalBytes = 8 << 20
	lim.MaxEntryBytes = 4 << 20
	lim.MaxEntries = 300
	lim.MaxDepth = 3
	lim.MaxDuration = 10 * time.Second
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := evidence.AnalyzeReaderAt(t.Context(), "f", bytes.NewReader(data), int64(len(data)),
			evidence.Options{Limits: lim, Password: "infected", TempDir: t.TempDir()})
		if rep == nil {
			t.Fatalf("no report: %v", err)
		}
		if _, err := json.Marshal(rep); err != nil {
			t.Fatal(err)
		}
		check := func(p evidence.Problem) {
			if !known[p.Code] {
				t.Fatalf("unknown problem code %q (%s)", p.Code, p.Detail)
			}
		}
		for _, p := range rep.Problems {
			check(p)
		}
		for _, it := range rep.Items {
			if it.Size > lim.MaxEntryBytes {
				t.Fatalf("%s: %d bytes past the entry limit", it.Path, it.Size)
			}
			for _, p := range it.Problems {
				check(p)
			}
			checkHostLists(t, it)
		}
	})
}

// checkHostLists fails t when an item's metadata lists mix their kinds:
// a host with "@", a slash or a scheme, an address that does not parse
// as itself, a Message-ID among the addresses.
func checkHostLists(t *testing.T, it evidence.Item) {
	m := it.Metadata
	for _, h := range m.Hosts {
		if strings.ContainsAny(h, "@/\\") || strings.Contains(h, "://") {
			t.Fatalf("%s: host %q", it.Path, h)
		}
	}
	for _, e := range m.Emails {
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
			t.Fatalf("%s: address %q does not parse (%v)", it.Path, e, err)
		}
	}
	for _, id := range m.MessageIDs {
		if slices.Contains(m.Emails, id) {
			t.Fatalf("%s: Message-ID %q among the addresses", it.Path, id)
		}
	}
}

// polyglotSeeds returns files with a zip appended (issue 11, r13), and
// files that carry data after their end by design.
func polyglotSeeds() [][]byte {
	hidden := []archivegen.File{{Name: "hidden/customers.csv", Data: []byte("name,email\nalice,alice@acme.example.com\n")}}
	var out [][]byte
	for _, host := range [][]byte{archivegen.PNGImage(), archivegen.JPEGImage(), archivegen.GIFImage(), archivegen.PDFDocument(1)} {
		for _, adjust := range []bool{false, true} {
			if b, err := archivegen.AppendZip(host, hidden, adjust); err == nil {
				out = append(out, b)
			}
		}
	}
	return append(out, archivegen.MultiPictureJPEG(), archivegen.MotionPhotoJPEG(), archivegen.SamsungTrailerJPEG(), archivegen.PDFDocument(2))
}
