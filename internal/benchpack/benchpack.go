package benchpack

import (
	"archive/zip"
	"encoding/binary"
	"errors"
	"io"
	"math/rand/v2"
	"time"

	"github.com/klauspost/compress/flate"
)

// Version names the layout of the packs Write makes. It changes whenever
// the bytes written for a given Options change, so that a cache keyed on
// it never serves a pack of an older layout.
const Version = "3"

// MinSize is the smallest pack Write makes: smaller Options.Size values are
// raised to it, so that every kind of file still fits.
const MinSize = 256 << 10

// Options choose the pack Write makes. The zero value gives a MinSize pack
// of seed 0.
type Options struct {
	// Size is the approximate size of the zip in bytes. Write lands
	// within 1% of it, or within 64 KiB for packs of a few megabytes.
	Size int64
	// Seed selects the content: the same Size and Seed give the same
	// bytes (see the package documentation for the conditions).
	Seed int64
}

// ErrWrite wraps every error Write returns: the pack is generated, so the
// only way to fail is a writer that fails.
var ErrWrite = errors.New("benchpack: write")

// Write streams a zip of about opt.Size bytes of mixed files to w and
// returns the number of bytes written. It holds one file in memory at a
// time, never the pack. A failed write returns the bytes written so far
// and an error wrapping ErrWrite.
func Write(w io.Writer, opt Options) (int64, error) {
	return writeKinds(w, max(opt.Size, MinSize), newGen(opt.Seed), kinds)
}

// kind is one family of files in the pack, with its share of the pack's
// bytes in thousandths. emit writes one file (or one nested archive) of at
// most about left stored bytes, and always writes something.
type kind struct {
	name     string
	dir      string
	permille int64
	emit     func(g *gen, zw *zip.Writer, left int64) error
}

// kinds lists the pack's families in the order they are written. Photos
// come last: their sizes are cut to fit, so they absorb what the others
// overshot or left. The table in the package documentation mirrors this.
var kinds = []kind{
	{"notes", "notes/", 15, (*gen).emitNote},
	{"screenshots", "screenshots/", 100, (*gen).emitScreenshot},
	{"exports", "exports/", 100, (*gen).emitExport},
	{"documents", "documents/", 60, (*gen).emitDocx},
	{"reports", "reports/", 60, (*gen).emitPDF},
	{"archives", "archives/", 120, (*gen).emitNestedZip},
	{"backups", "backups/", 60, (*gen).emitTarGz},
	{"large", "media/", 220, (*gen).emitLarge},
	{"photos", "DCIM/", 265, (*gen).emitPhoto},
}

// Sizes of one zip record, for the estimate of the central directory.
const (
	zipEndLen       = 22
	zipDirHeaderLen = 46
	zipExtTimeLen   = 9 // extended-timestamp field archive/zip writes
)

// gen is the state of one Write: the random sources, the pools built on
// first need, and the clock of the files.
type gen struct {
	bulk *rand.ChaCha8 // bulk random bytes
	pick *rand.Rand    // choices and sizes

	now      time.Time
	outer    *zip.Writer
	dirBytes int64 // estimated central directory of the outer zip
	count    map[string]int

	buf    []byte // scratch for random bytes and text
	flates []*flate.Writer

	screens [][]byte // encoded screenshots, built on first need
	thumbs  [][]byte // encoded thumbnails
	pools   *textPools
	rows    [][]byte // table rows of the dump-like pack (WriteDump)

	segments []segment // parallel deflate of text files
}

// bulkChunk is the size of the blocks of random bytes and text.
const bulkChunk = 256 << 10

// startTime is the modification time of the first file.
var startTime = time.Date(2021, time.March, 1, 9, 0, 0, 0, time.FixedZone("JST", 9*3600))

func newGen(seed int64) *gen {
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:8], uint64(seed))
	copy(key[8:], "proofpack/benchpack/v1")
	return &gen{
		bulk:  rand.NewChaCha8(key),
		pick:  rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)),
		now:   startTime,
		count: map[string]int{},
		buf:   make([]byte, bulkChunk),
	}
}

// between returns a size in [lo, hi], skewed toward lo: the product of two
// uniform draws, so that small files outnumber large ones as in real
// packs. Integer arithmetic keeps it identical on every platform.
func (g *gen) between(lo, hi int64) int64 {
	if hi <= lo {
		return lo
	}
	const scale = 1 << 12
	u := g.pick.Int64N(scale) * g.pick.Int64N(scale) // in [0, 2^24)
	return lo + (hi-lo)*u/(scale*scale)
}

// fit returns a size drawn in [lo, hi] but no more than left, and at least
// floor.
func (g *gen) fit(lo, hi, left, floor int64) int64 {
	return max(min(g.between(lo, hi), left), floor)
}

// next returns the serial number of the next file of a family.
func (g *gen) next(family string) int {
	g.count[family]++
	return g.count[family]
}

// tick advances the clock by a few minutes and returns it.
func (g *gen) tick() time.Time {
	g.now = g.now.Add(time.Duration(1+g.pick.IntN(600)) * time.Second)
	return g.now
}

// newZip returns a zip writer to w that deflates with the pooled
// compressors.
func (g *gen) newZip(w io.Writer) *zip.Writer {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, g.deflater)
	return zw
}

// create starts a file of the outer or a nested zip.
func (g *gen) create(zw *zip.Writer, name string, method uint16) (io.Writer, error) {
	g.countDir(zw, name)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: g.tick()})
	return w, err
}

// countDir adds a record of the outer zip to the estimate of its central
// directory.
func (g *gen) countDir(zw *zip.Writer, name string) {
	if zw == g.outer {
		g.dirBytes += int64(zipDirHeaderLen + len(name) + zipExtTimeLen)
	}
}

// dir writes a directory entry, as most zip tools do.
func (g *gen) dir(zw *zip.Writer, name string) error {
	_, err := g.create(zw, name, zip.Store)
	return err
}

// file writes one complete file.
func (g *gen) file(zw *zip.Writer, name string, method uint16, write func(io.Writer) error) error {
	w, err := g.create(zw, name, method)
	if err != nil {
		return err
	}
	return write(w)
}

// deflater is the zip compressor: flate at BestSpeed from a pool, since a
// pack holds thousands of files and a new flate writer costs about a
// megabyte of allocation.
func (g *gen) deflater(w io.Writer) (io.WriteCloser, error) {
	var fw *flate.Writer
	if n := len(g.flates); n > 0 {
		fw, g.flates = g.flates[n-1], g.flates[:n-1]
		fw.Reset(w)
	} else {
		var err error
		if fw, err = flate.NewWriter(w, flate.BestSpeed); err != nil {
			return nil, err
		}
	}
	return &pooledFlate{fw: fw, g: g}, nil
}

// pooledFlate returns its flate writer to the pool on Close.
type pooledFlate struct {
	fw *flate.Writer
	g  *gen
}

func (p *pooledFlate) Write(b []byte) (int, error) { return p.fw.Write(b) }

func (p *pooledFlate) Close() error {
	err := p.fw.Close()
	p.g.flates = append(p.g.flates, p.fw)
	p.fw = nil
	return err
}

// counter counts the bytes written through it.
type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
