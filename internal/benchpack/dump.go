package benchpack

import (
	"archive/zip"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
)

// DumpVersion names the layout of the packs WriteDump makes, as Version
// does for Write.
const DumpVersion = "1"

// DefaultDumpSize is the size of the dump-like pack when
// DumpOptions.Size is zero: 525 MiB, the pack the speed target of the
// non-OCR triage is stated for.
const DefaultDumpSize = 525 << 20

// DumpOptions choose the pack WriteDump makes. The zero value gives a
// DefaultDumpSize pack of seed 0.
type DumpOptions struct {
	// Size is the approximate size of the zip in bytes, DefaultDumpSize
	// when zero; smaller values than MinSize are raised to it. WriteDump
	// lands within 1% of it, or within 64 KiB for packs of a few
	// megabytes.
	Size int64
	// Seed selects the content, as Options.Seed does for Write.
	Seed int64
}

// WriteDump streams to w a zip of about opt.Size bytes shaped like the
// dump of a breached database server, and returns the number of bytes
// written: deflated CSV tables with e-mail columns, stored zips of text
// exports, and blobs of random bytes. Text is most of its entry bytes,
// so it measures what the triage costs per byte of text (body text,
// signals, the text a report keeps), where Write measures a mix of media.
// It holds one file in memory at a time, never the pack, and is
// deterministic as Write is. A failed write returns the bytes written so
// far and an error wrapping ErrWrite.
func WriteDump(w io.Writer, opt DumpOptions) (int64, error) {
	size := opt.Size
	if size == 0 {
		size = DefaultDumpSize
	}
	return writeKinds(w, max(size, MinSize), newDumpGen(opt.Seed), dumpKinds)
}

// dumpKinds lists the families of the dump-like pack in the order they
// are written; the blobs come last and absorb what the others overshot or
// left. The table in the package documentation mirrors this.
var dumpKinds = []kind{
	{"tables", "dump/db/", 550, (*gen).emitTable},
	{"exports", "dump/export/", 80, (*gen).emitTextZip},
	{"blobs", "dump/blobs/", 370, (*gen).emitBlob},
}

// Sizes of one file of the dump-like pack, in bytes (content, not
// stored).
const (
	tableMin, tableMax       = 2 * mib, 48 * mib
	textZipMin, textZipMax   = 8 * mib, 32 * mib
	exportTextMin            = 16 * kib
	exportTextMax            = 2 * mib
	blobMin, blobMax         = 256 * kib, 16 * mib
	dumpMailMin, dumpMailMax = 2 * kib, 64 * kib
)

// newDumpGen returns the generator state of a dump-like pack. Its random
// streams are keyed apart from those of Write, so that the same seed
// gives unrelated content.
func newDumpGen(seed int64) *gen {
	g := newGen(seed)
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:8], uint64(seed))
	copy(key[8:], "proofpack/benchpack/dump")
	g.bulk = rand.NewChaCha8(key)
	g.pick = rand.New(rand.NewPCG(uint64(seed), 0x5851f42d4c957f2d))
	return g
}

// writeKinds writes a zip of about size bytes to w: each kind in turn,
// until the pack holds its share of the bytes. Write and WriteDump are
// it with their own kinds.
func writeKinds(w io.Writer, size int64, g *gen, kinds []kind) (int64, error) {
	out := &counter{w: w}
	zw := g.newZip(out)
	g.outer = zw
	var cum int64
	for i, k := range kinds {
		cum += k.permille
		target := size * cum / 1000
		if i == len(kinds)-1 {
			target = size - g.dirBytes - zipEndLen
		}
		if err := g.dir(zw, k.dir); err != nil {
			return out.n, fmt.Errorf("%w: %w", ErrWrite, err)
		}
		for {
			if err := zw.Flush(); err != nil {
				return out.n, fmt.Errorf("%w: %w", ErrWrite, err)
			}
			left := target - out.n
			if left <= 0 {
				break
			}
			if err := k.emit(g, zw, left); err != nil {
				return out.n, fmt.Errorf("%w: %s: %w", ErrWrite, k.name, err)
			}
		}
	}
	if err := zw.Close(); err != nil {
		return out.n, fmt.Errorf("%w: %w", ErrWrite, err)
	}
	return out.n, nil
}

// tableNames are the tables of the dump; every one has the same columns.
var tableNames = []string{"customers", "members", "contacts", "subscribers"}

// emitTable writes one table of the database as a deflated CSV.
func (g *gen) emitTable(zw *zip.Writer, left int64) error {
	i := g.next("table")
	n := g.fit(tableMin, tableMax, left*textRatio, 1*kib)
	name := fmt.Sprintf("dump/db/%s_%03d.csv", tableNames[(i-1)%len(tableNames)], i)
	return g.textFile(zw, name, g.dumpCSV(n))
}

// emitTextZip writes a zip of text exports, stored in the pack as zip
// tools store zips: mailbox exports, application logs, notes and CSV
// extracts, each deflated.
func (g *gen) emitTextZip(zw *zip.Writer, left int64) error {
	i := g.next("textzip")
	target := g.fit(textZipMin, textZipMax, left, 64*kib)
	return g.storedZip(zw, fmt.Sprintf("dump/export/export_%02d.zip", i), target, func(inner *zip.Writer, j int, rest int64) error {
		name := fmt.Sprintf("export_%02d/%04d", i, j)
		n := g.fit(exportTextMin, exportTextMax, rest*textRatio, 1*kib)
		r := g.pick.IntN(100)
		if j < len(exportShares) {
			// One of each first, so that a small pack has them all.
			r = exportShares[j]
		}
		switch {
		case r < 30:
			m := g.between(dumpMailMin, dumpMailMax)
			return g.file(inner, name+".eml", zip.Deflate, func(w io.Writer) error { return g.writeMail(w, m) })
		case r < 55:
			return g.textFile(inner, name+".log", g.log(n))
		case r < 80:
			return g.textFile(inner, name+".csv", g.dumpCSV(n))
		default:
			return g.textFile(inner, name+".txt", g.prose(n))
		}
	})
}

// exportShares are draws of emitTextZip that give each kind of export
// in turn: mail, log, CSV, note.
var exportShares = []int{0, 30, 55, 80}

// blobMagic starts every blob: eight bytes that no format we identify
// starts with (a high byte, letters, CR LF and SUB, as PNG's signature
// is made), so that random bytes never pass for a file of a known type.
var blobMagic = []byte("\x89PPB\r\n\x1a\n")

// emitBlob writes a blob of random bytes, stored: the binary files of a
// dump (database pages, key stores, images of an unknown format), which
// neither compress nor carry metadata or text.
func (g *gen) emitBlob(zw *zip.Writer, left int64) error {
	i := g.next("blob")
	n := g.fit(blobMin, blobMax, left, int64(len(blobMagic))+1)
	return g.file(zw, fmt.Sprintf("dump/blobs/blob_%04d.bin", i), zip.Store, func(w io.Writer) error {
		if _, err := w.Write(blobMagic); err != nil {
			return err
		}
		return g.writeRandom(w, n-int64(len(blobMagic)))
	})
}

// dumpCompanies fill the company column of the tables: fictional, and
// without commas, so that no field is quoted and a last row cut to fit
// the size leaves no quote open.
var dumpCompanies = []string{"Example Trading Co. Ltd.", "サンプル工業株式会社", "Example Chemicals K.K.", "Example Logistics Inc.", "株式会社サンプル商事"}

// dumpCSVHead is the first line of every table of the dump.
var dumpCSVHead = []byte("id,name,email,secondary_email,company,phone,city,signup,last_login\n")

// dumpCSV returns a reader of a table of exactly n bytes: the header,
// then numbered rows with two e-mail columns drawn from their own pool.
func (g *gen) dumpCSV(n int64) io.Reader {
	return g.lines(n, dumpCSVHead, g.dumpRows(), ',')
}

// dumpRows returns the pool of table rows, built on first need from the
// pick stream, after the other pools, so that adding it changed nothing
// in the packs of Write.
func (g *gen) dumpRows() [][]byte {
	if g.rows != nil {
		return g.rows
	}
	r := g.pick
	pickOf := func(list []string) string { return list[r.IntN(len(list))] }
	for range 1024 {
		fam, giv := pickOf(familyNames), pickOf(givenNames)
		g.rows = append(g.rows, fmt.Appendf(nil, "%s %s,%s.%s%d@%s,%s%d@%s,%s,+81-%d-%04d-%04d,%s,20%02d-%02d-%02d,2021-%02d-%02d\n",
			giv, fam, lower(giv), lower(fam), r.IntN(100), pickOf(domains),
			lower(fam[:3]), r.IntN(10000), pickOf(domains), pickOf(dumpCompanies),
			3+r.IntN(7), r.IntN(10000), r.IntN(10000), pickOf(cities),
			10+r.IntN(11), 1+r.IntN(12), 1+r.IntN(28), 1+r.IntN(12), 1+r.IntN(28)))
	}
	return g.rows
}
