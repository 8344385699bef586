package evidence_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/docgen"
	"github.com/proofpack/proofpack/internal/testenv"
	"github.com/proofpack/proofpack/ocr"
	"github.com/proofpack/proofpack/ocr/pdftoppm"
)

// sizeEngine is an OCR engine for tests: it "reads" the size of the image
// it is given, as one word whose box covers the original image.
type sizeEngine struct {
	calls *atomic.Int64
	block chan struct{} // when set, Recognize waits for it or ctx
}

func (e sizeEngine) Name() string { return "size 1" }
func (e sizeEngine) Close() error { return nil }
func (e sizeEngine) Recognize(ctx context.Context, p *ocr.Prepared) (*ocr.Result, error) {
	e.calls.Add(1)
	if e.block != nil {
		select {
		case <-e.block:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	src := p.Source
	word := ocr.Word{Text: fmt.Sprintf("%dx%d", src.Dx(), src.Dy()), Conf: 91.5, Box: src}
	r := &ocr.Result{Lang: "test", Engine: e.Name(), Lines: []ocr.Line{{Box: src, Conf: 91.5, Words: []ocr.Word{word}}}}
	r.Summarize()
	return r, nil
}

func sizePool(t *testing.T, block chan struct{}) (*ocr.Pool, *atomic.Int64) {
	var calls atomic.Int64
	pool, err := ocr.NewPool(func() (ocr.Engine, error) { return sizeEngine{calls: &calls, block: block}, nil },
		ocr.Options{Workers: 2, TimeoutPerImage: 10 * time.Second})
	require.NoError(t, err)
	t.Cleanup(func() { pool.Close() })
	return pool, &calls
}

func pngOf(t *testing.T, w, h int) []byte {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xF0
	}
	img.SetGray(w/2, h/2, color.Gray{})
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	return buf.Bytes()
}

// pngBomb is a PNG whose header claims w x h pixels, with no pixel data.
func pngBomb(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 0 // 8-bit gray
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	chunk("IHDR", ihdr)
	chunk("IEND", nil)
	return b.Bytes()
}

func TestOCRStage(t *testing.T) {
	photo, err := os.ReadFile(filepath.Join("meta", "testdata", "images", "jpeg_exiftool.jpg"))
	require.NoError(t, err)
	data := must(t)(archivegen.Zip([]archivegen.File{
		{Name: "shots/portal.png", Data: pngOf(t, 640, 360)},
		{Name: "shots/icon.png", Data: pngOf(t, 16, 16)},
		{Name: "photos/camera.jpg", Data: photo},
		{Name: "shots/bomb.png", Data: pngBomb(100000, 100000)},
		{Name: "notes.txt", Data: []byte("not an image")},
	}, archivegen.ZipOptions{}))
	pool, calls := sizePool(t, nil)

	var mu sync.Mutex
	var last evidence.Progress
	rep, err := analyzeBytes(t, "p.zip", data, evidence.Options{OCR: pool, Progress: func(p evidence.Progress) {
		mu.Lock()
		last = p
		mu.Unlock()
	}})
	require.NoError(t, err)
	m := itemsByPath(rep)

	shot := m["p.zip!/shots/portal.png"]
	assert.Equal(t, evidence.TextFromOCR, shot.TextSource)
	assert.Equal(t, "640x360", shot.Text)
	require.NotNil(t, shot.OCR)
	assert.Equal(t, "size 1", shot.OCR.Engine)
	assert.Equal(t, "test", shot.OCR.Lang)
	assert.InDelta(t, 91.5, shot.OCR.Confidence, 0.001)
	require.Len(t, shot.OCR.Words, 1)
	assert.Equal(t, [4]int{0, 0, 640, 360}, shot.OCR.Words[0].Box, "boxes are in the original image's pixels")
	assert.NotEmpty(t, shot.SHA256, "hashing is not held up by OCR")

	assert.Nil(t, m["p.zip!/shots/icon.png"].OCR, "an icon is too small to hold text")
	cam := m["p.zip!/photos/camera.jpg"]
	assert.Nil(t, cam.OCR, "a camera photograph is not read")
	assert.Equal(t, "Canon EOS R5", cam.Metadata.Camera)

	bomb := m["p.zip!/shots/bomb.png"]
	assert.Nil(t, bomb.OCR)
	require.NotEmpty(t, bomb.Problems)
	assert.Equal(t, "limit_pixels", bomb.Problems[0].Code)

	assert.Equal(t, 2, rep.Stats.OCRImages, "the screenshot and the bomb were handed to OCR")
	assert.Equal(t, int64(1), calls.Load(), "the engine saw only the screenshot")
	assert.Equal(t, 2, last.OCRQueued)
	assert.Equal(t, 2, last.OCRDone)
}

func TestOCROffByDefault(t *testing.T) {
	data := must(t)(archivegen.Zip([]archivegen.File{{Name: "portal.png", Data: pngOf(t, 640, 360)}}, archivegen.ZipOptions{}))
	rep, err := analyzeBytes(t, "p.zip", data, evidence.Options{})
	require.NoError(t, err)
	it := itemsByPath(rep)["p.zip!/portal.png"]
	assert.Nil(t, it.OCR)
	assert.Empty(t, it.TextSource)
	assert.Zero(t, rep.Stats.OCRImages)
}

// TestOCRCancellation cancels a triage while every OCR worker is busy
// with an image whose engine call never ends by itself: the triage
// returns (a hang is left to go test's -timeout), and no image is given
// to the engine after the cancellation.
func TestOCRCancellation(t *testing.T) {
	var files []archivegen.File
	for i := range 20 {
		// Each of its own size: copies would be duplicates, read once.
		files = append(files, archivegen.File{Name: fmt.Sprintf("s%02d.png", i), Data: pngOf(t, 200, 100+i)})
	}
	data := must(t)(archivegen.Zip(files, archivegen.ZipOptions{}))
	block := make(chan struct{}) // never closed: every engine call hangs
	pool, calls := sizePool(t, block)
	workers := int64(pool.Options().Workers)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		// Cancel once both workers are stuck in the engine.
		for calls.Load() < workers {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	rep, err := evidence.AnalyzeReaderAt(ctx, "p.zip", bytes.NewReader(data), int64(len(data)), evidence.Options{OCR: pool})
	require.ErrorIs(t, err, context.Canceled)
	require.NotNil(t, rep)
	assert.Equal(t, workers, calls.Load(), "engine calls: only those running when the triage was cancelled")
	for _, it := range rep.Items {
		assert.Nil(t, it.OCR, it.Path)
	}
}

func TestOCRScannedPDF(t *testing.T) {
	testenv.Command(t, "pdftoppm", "poppler-utils")
	rast, err := pdftoppm.New(pdftoppm.Options{MaxPages: 2, MaxSide: 1000})
	require.NoError(t, err)
	scanPage, err := os.ReadFile(filepath.Join("..", "testdata", "ocr", "eng05_mail_fujitsu.jpg"))
	require.NoError(t, err)
	scanned := must(t)(docgen.ScannedPDF(docgen.PDFInfo{Title: "Signed order"}, [][]byte{scanPage, scanPage, scanPage}))
	typed := must(t)(docgen.PDF(docgen.PDFSpec{Pages: []docgen.PDFPage{{Lines: []string{"Purchase order FJ-2021-0412 for carbon fibre samples"}}}}))
	data := must(t)(archivegen.Zip([]archivegen.File{
		{Name: "scan.pdf", Data: scanned},
		{Name: "typed.pdf", Data: typed},
	}, archivegen.ZipOptions{}))
	pool, calls := sizePool(t, nil)
	tmp := t.TempDir()
	rep, err := analyzeBytes(t, "p.zip", data, evidence.Options{OCR: pool, PDFRasterizer: rast, TempDir: tmp})
	require.NoError(t, err)
	m := itemsByPath(rep)

	scan := m["p.zip!/scan.pdf"]
	require.NotNil(t, scan.OCR, "%+v", scan.Problems)
	assert.Equal(t, 2, scan.OCR.Pages, "MaxPages bounds the pages read")
	assert.Equal(t, evidence.TextFromOCR, scan.TextSource)
	// Pages are rendered to fit 1000 px: the 1366x768 scan becomes 1000x562.
	assert.Equal(t, "1000x562\n\n1000x562", scan.Text)
	require.Len(t, scan.OCR.Words, 2)
	assert.Equal(t, 1, scan.OCR.Words[0].Page)
	assert.Equal(t, 2, scan.OCR.Words[1].Page)

	typedItem := m["p.zip!/typed.pdf"]
	assert.Nil(t, typedItem.OCR, "a PDF with a text layer is not rendered")
	assert.Equal(t, evidence.TextFromBody, typedItem.TextSource)
	assert.Equal(t, int64(2), calls.Load())
	assert.Equal(t, 2, rep.Stats.OCRImages)

	ents, err := os.ReadDir(tmp)
	require.NoError(t, err)
	assert.Empty(t, ents, "the rendered pages are removed with the private directory")
}

// altEngine reads every image as one line that a second model read
// differently: the second reading names the organisation.
type altEngine struct{}

func (altEngine) Name() string { return "alt 1" }
func (altEngine) Close() error { return nil }
func (altEngine) Recognize(ctx context.Context, p *ocr.Prepared) (*ocr.Result, error) {
	src := p.Source
	w := ocr.Word{Text: "ログイン中: 東し株式会杜 佐藤", Conf: 61, Box: src}
	r := &ocr.Result{Lang: "test", Engine: "alt 1", Lines: []ocr.Line{
		{Box: src, Conf: 61, Words: []ocr.Word{w}, Alt: "ログイン中: 東レ株式会社 佐藤"},
		{Box: src, Conf: 90, Words: []ocr.Word{{Text: "受注一覧", Conf: 90, Box: src}}},
	}}
	r.Summarize()
	return r, nil
}

// TestOCRAlternatives: the lines a second model read differently are in
// the item's ocr block, not in its text, and attribution finds an
// organisation there as a look-alike match.
func TestOCRAlternatives(t *testing.T) {
	data := must(t)(archivegen.Zip([]archivegen.File{{Name: "shots/portal.png", Data: pngOf(t, 640, 360)}}, archivegen.ZipOptions{}))
	pool, err := ocr.NewPool(func() (ocr.Engine, error) { return altEngine{}, nil }, ocr.Options{Workers: 1})
	require.NoError(t, err)
	t.Cleanup(func() { pool.Close() })
	rep, err := analyzeBytes(t, "p.zip", data, evidence.Options{OCR: pool})
	require.NoError(t, err)
	shot := itemsByPath(rep)["p.zip!/shots/portal.png"]
	require.NotNil(t, shot.OCR)
	assert.Equal(t, []string{"ログイン中: 東レ株式会社 佐藤"}, shot.OCR.Alternatives)
	assert.NotContains(t, shot.Text, "東レ")
	var signals []string
	for _, o := range rep.Attribution.Ranking {
		if o.Org != "toray" {
			continue
		}
		for _, e := range o.Evidence {
			signals = append(signals, e.Signal)
		}
	}
	assert.Contains(t, signals, "ocr/org_name_alt")
}
