package samplepack

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/japanese"

	"github.com/proofpack/proofpack/internal/docgen"
	"github.com/proofpack/proofpack/internal/testenv"
)

// committed is the fixture the generator writes.
var committed = filepath.Join("..", "..", "testdata", "sample", FileName)

var (
	buildOnce  sync.Once
	buildBytes []byte
	buildErr   error
)

// build returns the pack, built once per test binary, or skips when the
// CJK font is not installed. Rendering the screenshots takes most of a
// minute under the race detector: only the tests that re-create the
// fixture (PROOFPACK_GENERATE=1) build.
func build(t *testing.T) []byte {
	testenv.Generate(t, "the sample pack")
	buildOnce.Do(func() { buildBytes, buildErr = Build(Options{}) })
	if errors.Is(buildErr, docgen.ErrFontMissing) {
		testenv.Need(t, buildErr, "the CJK font the screenshots are drawn with", "fonts-ipafont-gothic")
	}
	require.NoError(t, buildErr)
	return buildBytes
}

// pack returns the committed pack, which the structural tests check:
// TestCommittedFixtureIsCurrent checks that Build makes these bytes, and
// TestDocumentsMatchFixture that the generator's documents are these.
func pack(t *testing.T) []byte {
	b, err := os.ReadFile(committed)
	require.NoError(t, err, "run: go generate ./internal/samplepack")
	return b
}

func TestBuildDeterministic(t *testing.T) {
	first := build(t)
	second, err := Build(Options{CJKFontPath: docgen.DefaultCJKFontPath})
	require.NoError(t, err)
	require.Equal(t, sha256.Sum256(first), sha256.Sum256(second), "two builds differ")
	assert.Less(t, len(first), 3<<20, "the pack must stay under 3 MB")
}

func TestCommittedFixtureIsCurrent(t *testing.T) {
	want := build(t)
	got, err := os.ReadFile(committed)
	require.NoError(t, err, "run: go generate ./internal/samplepack")
	require.Equal(t, fmt.Sprintf("%x", sha256.Sum256(want)), fmt.Sprintf("%x", sha256.Sum256(got)),
		"%s is stale or was built with another Go release or font; run: go generate ./internal/samplepack", committed)
}

// TestDocumentsMatchFixture makes the pack's documents (all but the
// screenshots, whose rendering is most of the cost of a build) and checks
// that they are the committed pack's entries, byte for byte.
func TestDocumentsMatchFixture(t *testing.T) {
	files, _ := entries(t, pack(t))
	for _, d := range []struct {
		name string
		make func() ([]byte, error)
	}{
		{"docs/発注書_FJ-2021-0412.docx", purchaseOrder},
		{"docs/保守契約一覧.xlsx", contractList},
		{"docs/system_overview.pdf", systemOverview},
		{"docs/invoice.pdf", paymentRequest},
		{"mail/RE_保守契約の更新について.eml", renewalMail},
		{"backup/old_share.zip", oldShare},
	} {
		t.Run(d.name, func(t *testing.T) {
			f, ok := files[Root+d.name]
			require.True(t, ok, "the pack has no %s", d.name)
			want, err := d.make()
			require.NoError(t, err)
			assert.Equal(t, sha256.Sum256(want), sha256.Sum256(read(t, f)), "run: go generate ./internal/samplepack")
		})
	}
}

func TestBuildMissingFont(t *testing.T) {
	_, err := Build(Options{CJKFontPath: filepath.Join(t.TempDir(), "missing.ttf")})
	require.ErrorIs(t, err, docgen.ErrFontMissing)
}

// entries opens the pack and returns its files by UTF-8 name (the CP932
// name decoded).
func entries(t *testing.T, data []byte) (map[string]*zip.File, []string) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	files := map[string]*zip.File{}
	var order []string
	for _, f := range zr.File {
		name := f.Name
		if f.NonUTF8 {
			dec, err := japanese.ShiftJIS.NewDecoder().String(f.Name)
			require.NoError(t, err)
			name = dec
		}
		files[name] = f
		order = append(order, name)
	}
	return files, order
}

// read returns an entry's content.
func read(t *testing.T, f *zip.File) []byte {
	rc, err := f.Open()
	require.NoError(t, err)
	defer rc.Close()
	b, err := io.ReadAll(rc)
	require.NoError(t, err)
	return b
}

// xmlPart returns one part of an Office package inside the pack.
func xmlPart(t *testing.T, doc []byte, part string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(doc), int64(len(doc)))
	require.NoError(t, err)
	for _, f := range zr.File {
		if f.Name == part {
			return read(t, f)
		}
	}
	t.Fatalf("part %s missing", part)
	return nil
}

// officeProps reads creator, lastModifiedBy, company and template.
func officeProps(t *testing.T, doc []byte) (creator, lastBy, company, template string) {
	var core struct {
		Creator string `xml:"creator"`
		LastBy  string `xml:"lastModifiedBy"`
	}
	require.NoError(t, xml.Unmarshal(xmlPart(t, doc, "docProps/core.xml"), &core))
	var app struct {
		Company  string
		Template string
	}
	require.NoError(t, xml.Unmarshal(xmlPart(t, doc, "docProps/app.xml"), &app))
	return core.Creator, core.LastBy, app.Company, app.Template
}

// decodeImage decodes data as the given format and returns its size.
func decodeImage(t *testing.T, data []byte, format string) image.Rectangle {
	img, got, err := image.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	assert.Equal(t, format, got)
	return img.Bounds()
}

func TestPackContents(t *testing.T) {
	files, order := entries(t, pack(t))
	jst := time.FixedZone("JST", 9*3600)

	tests := []struct {
		name  string
		check func(t *testing.T, data []byte)
	}{
		{"README.txt", func(t *testing.T, b []byte) {
			assert.Contains(t, string(b), "Fujitsu internal data, 4GB")
			assert.Contains(t, string(b), "sample")
		}},
		{"screenshots/portal_top.png", func(t *testing.T, b []byte) {
			assert.Equal(t, image.Rect(0, 0, 1366, 768), decodeImage(t, b, "png"))
			assert.Contains(t, string(b), "tEXtSoftware\x00Greenshot")
		}},
		{"screenshots/fileserver.jpg", func(t *testing.T, b []byte) {
			_, err := jpeg.Decode(bytes.NewReader(b))
			require.NoError(t, err)
			require.Equal(t, "\xff\xd8\xff\xe1", string(b[:4]))
			assert.Contains(t, string(b[:200]), "Exif\x00\x00II*\x00")
			assert.Contains(t, string(b[:200]), "Greenshot")
			assert.NotContains(t, string(b[:200]), "Canon", "no camera")
		}},
		{"screenshots/mail_inbox.png", func(t *testing.T, b []byte) {
			assert.Equal(t, image.Rect(0, 0, 1366, 768), decodeImage(t, b, "png"))
		}},
		{"screenshots/status.jpg", func(t *testing.T, b []byte) {
			_, err := png.DecodeConfig(bytes.NewReader(b))
			require.NoError(t, err, "status.jpg is a PNG under a wrong extension")
			assert.Equal(t, image.Rect(0, 0, 1280, 720), decodeImage(t, b, "png"))
		}},
		{"docs/発注書_FJ-2021-0412.docx", func(t *testing.T, b []byte) {
			creator, lastBy, company, template := officeProps(t, b)
			assert.Equal(t, "高橋 美咲", creator)
			assert.Equal(t, "佐藤 健一", lastBy)
			assert.Equal(t, "東レ株式会社", company)
			assert.Equal(t, `\\tfs01.toray.local\templates\PO.dotx`, template)
			assert.Contains(t, string(xmlPart(t, b, "word/document.xml")), "富士通株式会社 御中")
		}},
		{"docs/保守契約一覧.xlsx", func(t *testing.T, b []byte) {
			_, _, company, _ := officeProps(t, b)
			assert.Equal(t, "東レ株式会社", company)
			var wb struct {
				Sheets []struct {
					Name string `xml:"name,attr"`
				} `xml:"sheets>sheet"`
			}
			require.NoError(t, xml.Unmarshal(xmlPart(t, b, "xl/workbook.xml"), &wb))
			assert.Len(t, wb.Sheets, 3)
		}},
		{"docs/system_overview.pdf", func(t *testing.T, b []byte) {
			assert.True(t, bytes.HasPrefix(b, []byte("%PDF-1.4")))
			assert.Contains(t, string(b), "/Creator (Microsoft Word)")
			assert.Contains(t, string(b), "/CreationDate (D:20210426103000+09'00')")
		}},
		{"docs/invoice.pdf", func(t *testing.T, b []byte) {
			require.True(t, bytes.HasPrefix(b, []byte("PK\x03\x04")), "invoice.pdf is a Word file")
			_, _, company, _ := officeProps(t, b)
			assert.Equal(t, "東レ株式会社", company)
		}},
		{"mail/RE_保守契約の更新について.eml", func(t *testing.T, b []byte) {
			msg, err := mail.ReadMessage(bytes.NewReader(b))
			require.NoError(t, err)
			dec := &mime.WordDecoder{CharsetReader: func(cs string, r io.Reader) (io.Reader, error) {
				return japanese.ISO2022JP.NewDecoder().Reader(r), nil
			}}
			subject, err := dec.DecodeHeader(msg.Header.Get("Subject"))
			require.NoError(t, err)
			assert.Equal(t, "RE: 保守契約の更新について", subject)
			p := mail.AddressParser{WordDecoder: dec}
			from, err := p.Parse(msg.Header.Get("From"))
			require.NoError(t, err)
			assert.Equal(t, "nakamura.koji@toray.co.jp", from.Address)
			to, err := p.ParseList(msg.Header.Get("To"))
			require.NoError(t, err)
			for _, a := range to {
				assert.True(t, strings.HasSuffix(a.Address, "@toray.co.jp"), a.Address)
			}
			cc, err := p.ParseList(msg.Header.Get("Cc"))
			require.NoError(t, err)
			assert.Equal(t, "morita.makoto@fujitsu.com", cc[0].Address)
			for _, r := range msg.Header["Received"] {
				assert.Contains(t, r, "mail.toray.co.jp")
			}
		}},
		{"data/customers_export.csv", func(t *testing.T, b []byte) {
			text, err := japanese.ShiftJIS.NewDecoder().Bytes(b)
			require.NoError(t, err)
			rows, err := csv.NewReader(bytes.NewReader(text)).ReadAll()
			require.NoError(t, err)
			assert.Equal(t, "顧客コード", rows[0][0])
			assert.Greater(t, len(rows), 5)
		}},
		{"営業本部/受注一覧.txt", func(t *testing.T, b []byte) {
			text, err := japanese.ShiftJIS.NewDecoder().Bytes(b)
			require.NoError(t, err)
			assert.Contains(t, string(text), "東レ株式会社 営業本部")
		}},
		{"screenshots/" + HostileScreenshotName, func(t *testing.T, b []byte) {
			cfg, err := png.DecodeConfig(bytes.NewReader(b))
			require.NoError(t, err)
			assert.Equal(t, 800, cfg.Width)
			assert.Equal(t, 450, cfg.Height)
		}},
		{"backup/old_share.zip", func(t *testing.T, b []byte) {
			zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			require.NoError(t, err)
			require.Len(t, zr.File, 1)
			assert.Equal(t, "old_share.tar.gz", zr.File[0].Name)
			gz, err := gzip.NewReader(bytes.NewReader(read(t, zr.File[0])))
			require.NoError(t, err)
			tr := tar.NewReader(gz)
			names := map[string]string{}
			for {
				h, err := tr.Next()
				if err == io.EOF {
					break
				}
				require.NoError(t, err)
				body, err := io.ReadAll(tr)
				require.NoError(t, err)
				names[h.Name] = string(body)
			}
			assert.Contains(t, names["share/hosts"], "tfs01.toray.local")
			assert.Contains(t, names, "share/logon.bat")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, ok := files[Root+tc.name]
			require.True(t, ok, "entry %s missing; have %v", tc.name, order)
			m := f.Modified.In(jst)
			assert.Equal(t, 2021, m.Year(), "entry time %v", m)
			tc.check(t, read(t, f))
		})
	}

	t.Run("no unexpected files", func(t *testing.T) {
		var got []string
		for _, n := range order {
			if !strings.HasSuffix(n, "/") {
				got = append(got, n)
			}
		}
		assert.Len(t, got, len(tests))
	})
}

func TestCP932Entry(t *testing.T) {
	files, _ := entries(t, pack(t))
	for name, f := range files {
		t.Run(name, func(t *testing.T) {
			if name == CP932EntryName {
				assert.True(t, f.NonUTF8, "CP932 name must be flagged non-UTF-8")
				assert.Zero(t, f.Flags&0x800, "UTF-8 flag must be off")
				raw, err := docgen.CP932(CP932EntryName)
				require.NoError(t, err)
				assert.Equal(t, string(raw), f.Name, "raw name is Shift_JIS")
				return
			}
			assert.False(t, f.NonUTF8)
			assert.NotZero(t, f.Flags&0x800, "UTF-8 flag must be on")
		})
	}
	require.Contains(t, files, CP932EntryName)
}

func TestEntryTimes(t *testing.T) {
	data := pack(t)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	lo := time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)
	hi := time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range zr.File {
		t.Run(f.Name, func(t *testing.T) {
			// Modified comes from the extended timestamp (UTC); the MS-DOS
			// fields hold the same instant in Japan time.
			assert.True(t, f.Modified.After(lo) && f.Modified.Before(hi), "time %v", f.Modified)
			dos := msDosTime(f.ModifiedDate, f.ModifiedTime)
			assert.Equal(t, f.Modified.In(time.FixedZone("", 9*3600)).Format(time.DateTime), dos.Format(time.DateTime))
		})
	}
}

// msDosTime decodes MS-DOS date and time fields as a wall clock.
func msDosTime(d, t uint16) time.Time {
	return time.Date(int(d>>9)+1980, time.Month(d>>5&0xf), int(d&0x1f),
		int(t>>11), int(t>>5&0x3f), int(t&0x1f)*2, 0, time.UTC)
}
