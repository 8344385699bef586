package caselib

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// FileName is the name of the library's database file in its directory.
const FileName = "proofpack-library.db"

// Errors a library returns, for errors.Is.
var (
	// ErrNotLibrary is returned when the file is not a SQLite database,
	// or is one made by another program.
	ErrNotLibrary = errors.New("caselib: not a case library")
	// ErrCorrupt is returned when the library's file is damaged.
	ErrCorrupt = errors.New("caselib: the case library is corrupt")
	// ErrNewerSchema is returned by Open for a library written by a newer
	// version of this package, which this one must not change.
	ErrNewerSchema = errors.New("caselib: the case library has a newer schema")
	// ErrSettings is returned by Open when Options ask for LSH parameters
	// other than those the library was made with.
	ErrSettings = errors.New("caselib: options do not match the library")
	// ErrInvalid is returned for a pack or item that cannot be recorded.
	ErrInvalid = errors.New("caselib: invalid record")
	// ErrClosed is returned by a library after Close.
	ErrClosed = errors.New("caselib: library closed")
)

// Defaults of Options.
const (
	// DefaultBusyTimeout is how long a writer waits for another writer
	// (another triage, in this process or another) before giving up.
	// Recording a pack of 100,000 items takes seconds, so a minute leaves
	// room for a queue of them.
	DefaultBusyTimeout = time.Minute
	// DefaultLSHBands and DefaultLSHRows split a TextSig into 64 bands of
	// 2 slots, the banding of package evidence/similar (its Bands and
	// BandRows), which makes the signatures this library stores: two
	// texts of similarity s share a band with probability
	// 1 - (1 - s²)⁶⁴: 0.984 at s = 0.25 (similar.TextMatch), 0.93 at
	// 0.2 (similar.OCRTextMatch), 0.998 at 0.3. The 32 bands of 4
	// rows of the first libraries found a pair of similarity 0.25 with
	// probability 0.12; a library keeps the banding it was made with
	// (see Options.LSHBands).
	DefaultLSHBands = 64
	DefaultLSHRows  = 2
	// DefaultMaxTextCandidates is the number of stored texts a NearTexts
	// lookup verifies at most (see Options.MaxTextCandidates).
	DefaultMaxTextCandidates = 500
	// MaxBandIDs is the number of stored texts a NearTexts lookup reads
	// from one band key at most, the oldest first. Unrelated texts
	// rarely share a band key; a key holding hundreds is boilerplate (a
	// template, a header that many texts share), or one text recorded in
	// hundreds of packs, and reading all of it would make a lookup's cost
	// grow with the library. A lookup reads at most bands × MaxBandIDs
	// rows. It equals DefaultMaxSightings: a text copied into more packs
	// is reported by its first hundred anyway.
	MaxBandIDs = 100
	// DefaultCacheKiB is SQLite's page cache per connection, in KiB.
	DefaultCacheKiB = 16 << 10
	// MaxPathBytes bounds an item's path and the pack's text fields.
	MaxPathBytes = 64 << 10
)

// Options configure Open. The zero value works.
type Options struct {
	// BusyTimeout is how long to wait for another writer. Zero means
	// DefaultBusyTimeout.
	BusyTimeout time.Duration
	// LSHBands and LSHRows are the banding of text signatures. They are
	// fixed when the library is made (the stored band keys depend on
	// them): zero means the library's own, or the defaults for a new
	// library; other values must match the library's (ErrSettings).
	LSHBands, LSHRows int
	// CacheKiB is SQLite's page cache per connection. Zero means
	// DefaultCacheKiB.
	CacheKiB int
	// MaxTextCandidates is the number of stored texts a NearTexts lookup
	// verifies on their whole signature at most, those sharing the most
	// bands with the query first. Each costs a row read of a few
	// microseconds: the default keeps a lookup whose query shares
	// boilerplate with thousands of stored texts within a few
	// milliseconds (BenchmarkNearTextsBoilerplate). Zero means
	// DefaultMaxTextCandidates.
	MaxTextCandidates int
}

// Library is a case library: the packs triaged before, their items and
// the indexes that find them again. It is safe for concurrent use, and
// several processes may use the same library at once: SQLite's WAL mode
// lets lookups run beside a writer, and writers take turns, one
// transaction per pack.
type Library struct {
	db   *sql.DB
	path string
	set  settings

	maxCands int // Options.MaxTextCandidates

	stmt statements

	imgMu sync.Mutex // serialises catching up the image index
	img   *imageIndex

	closeOnce sync.Once
	closed    chan struct{}
}

// Open opens the case library in dir, making dir and the library when
// they do not exist, and migrating an older schema to SchemaVersion. It
// reads every stored image hash into memory (about 100 bytes per image;
// see imageIndex).
func Open(ctx context.Context, dir string, opt Options) (*Library, error) {
	if opt.BusyTimeout == 0 {
		opt.BusyTimeout = DefaultBusyTimeout
	}
	if opt.CacheKiB == 0 {
		opt.CacheKiB = DefaultCacheKiB
	}
	if opt.MaxTextCandidates == 0 {
		opt.MaxTextCandidates = DefaultMaxTextCandidates
	}
	if opt.BusyTimeout < 0 || opt.CacheKiB < 0 || opt.LSHBands < 0 || opt.LSHRows < 0 || opt.MaxTextCandidates < 0 {
		return nil, fmt.Errorf("%w: negative option", ErrSettings)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("caselib: %w", err)
	}
	path := filepath.Join(dir, FileName)
	db, err := sql.Open("sqlite", dsn(path, opt))
	if err != nil {
		return nil, fmt.Errorf("caselib: %w", err)
	}
	l := &Library{db: db, path: path, maxCands: opt.MaxTextCandidates, closed: make(chan struct{})}
	if err := l.open(ctx, opt); err != nil {
		db.Close()
		return nil, err
	}
	return l, nil
}

func (l *Library) open(ctx context.Context, opt Options) error {
	want := settings{bands: opt.LSHBands, rows: opt.LSHRows}
	if want.bands == 0 {
		want.bands = DefaultLSHBands
	}
	if want.rows == 0 {
		want.rows = DefaultLSHRows
	}
	if err := want.check(); err != nil {
		return fmt.Errorf("%w: %v", ErrSettings, err)
	}
	if err := migrate(ctx, l.db, want); err != nil {
		return err
	}
	set, err := loadSettings(ctx, l.db)
	if err != nil {
		return err
	}
	if (opt.LSHBands != 0 && opt.LSHBands != set.bands) || (opt.LSHRows != 0 && opt.LSHRows != set.rows) {
		return fmt.Errorf("%w: asked for LSH %dx%d, the library has %dx%d", ErrSettings, opt.LSHBands, opt.LSHRows, set.bands, set.rows)
	}
	l.set = set
	if err := l.prepare(ctx); err != nil {
		return err
	}
	l.img = newImageIndex()
	return l.catchUpImages(ctx)
}

// dsn is the connection string: every connection of the pool waits for
// writers (busy_timeout), runs in WAL mode, and starts its write
// transactions with BEGIN IMMEDIATE, so that two writers never both hold a
// read lock each wants to upgrade (the one case busy_timeout cannot wait
// out, which surfaces as "database is locked").
func dsn(path string, opt Options) string {
	q := url.Values{}
	q.Set("_txlock", "immediate")
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", opt.BusyTimeout.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", fmt.Sprintf("cache_size(%d)", -opt.CacheKiB))
	q.Add("_pragma", "foreign_keys(1)")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Path returns the library's database file.
func (l *Library) Path() string { return l.path }

// Close closes the library. Lookups and records after Close return
// ErrClosed.
func (l *Library) Close() error {
	err := ErrClosed
	l.closeOnce.Do(func() {
		close(l.closed)
		for _, st := range []*sql.Stmt{l.stmt.exact, l.stmt.newImages, l.stmt.textSigs, l.stmt.bands, l.stmt.sighting} {
			if st != nil {
				st.Close()
			}
		}
		err = l.db.Close()
	})
	if err != nil && !errors.Is(err, ErrClosed) {
		return fmt.Errorf("caselib: %w", err)
	}
	return nil
}

func (l *Library) check() error {
	select {
	case <-l.closed:
		return ErrClosed
	default:
		return nil
	}
}

// classify wraps SQLite's errors for damaged or foreign files in the
// package's sentinels; other errors are wrapped as they are.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("%w: %w", ErrNotLibrary, err)
		case sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
	}
	if errors.Is(err, ErrNotLibrary) || errors.Is(err, ErrCorrupt) || errors.Is(err, ErrNewerSchema) {
		return err
	}
	return fmt.Errorf("caselib: %w", err)
}
