package caselib

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// schema1 is the library as schema version 1 left it, written out here
// (not taken from migrations) so that the test keeps meaning what an old
// file on an analyst's disk holds.
var schema1 = []string{
	`CREATE TABLE packs(id INTEGER PRIMARY KEY AUTOINCREMENT, sha256 BLOB NOT NULL UNIQUE, name TEXT NOT NULL,
		size INTEGER NOT NULL, sha1 BLOB NOT NULL, md5 BLOB NOT NULL, claim TEXT NOT NULL, claimed_org TEXT NOT NULL,
		owner_id TEXT NOT NULL, owner_name TEXT NOT NULL, verdict TEXT NOT NULL, triaged_at INTEGER NOT NULL, case_id TEXT NOT NULL)`,
	`CREATE TABLE items(id INTEGER PRIMARY KEY AUTOINCREMENT, pack_id INTEGER NOT NULL REFERENCES packs(id), path TEXT NOT NULL,
		kind TEXT NOT NULL, size INTEGER NOT NULL, sha256 BLOB NOT NULL)`,
	`CREATE INDEX items_sha256 ON items(sha256)`,
	`CREATE INDEX items_pack ON items(pack_id)`,
	fmt.Sprintf(`PRAGMA application_id = %d`, applicationID),
	`PRAGMA user_version = 1`,
}

func rawDB(t *testing.T, dir string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func execRaw(t *testing.T, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestMigrateFromSchema1(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := rawDB(t, dir)
	execRaw(t, db, schema1...)
	oldPack := sha256.Sum256([]byte("2024-sample.7z"))
	oldItem := sha256.Sum256([]byte("ledger.xlsx"))
	if _, err := db.Exec(`INSERT INTO packs VALUES (1, ?, '2024-sample.7z', 99, x'00', x'00', 'Heron Bank', 'heron',
		'heron', 'Heron Bank plc', 'supported', 1700000000, '')`, oldPack[:]); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO items VALUES (1, 1, '2024-sample.7z!/ledger.xlsx', 'spreadsheet', 10, ?)`, oldItem[:]); err != nil {
		t.Fatal(err)
	}
	db.Close()

	l := openTest(t, dir)
	var v int
	if err := l.db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil || v != SchemaVersion {
		t.Fatalf("user_version %d after Open (%v), want %d", v, err, SchemaVersion)
	}
	if SchemaVersion < 2 {
		t.Fatalf("schema %d: this test migrates from 1", SchemaVersion)
	}
	got, err := l.Exact(ctx, oldItem, LookupOptions{})
	if err != nil || len(got) != 1 || got[0].Pack.OwnerName != "Heron Bank plc" || got[0].Pack.TriagedAt.Unix() != 1700000000 {
		t.Fatalf("item of schema 1 after migration: %+v, %v", got, err)
	}
	// The migrated library takes near-duplicate records, and ids go on
	// after those of schema 1.
	p := testPack("2025-sample.zip", 4, 3)
	if err := l.Record(ctx, p); err != nil {
		t.Fatal(err)
	}
	if got, err := l.NearImages(ctx, *p.Items[0].Image, 31, LookupOptions{}); err != nil || len(got) != 1 {
		t.Errorf("image after migration: %+v, %v", got, err)
	}
	if got, err := l.NearTexts(ctx, *p.Items[1].Text, 0.9, LookupOptions{}); err != nil || len(got) != 1 {
		t.Errorf("text after migration: %+v, %v", got, err)
	}
	l.Close()
	// Opening again migrates nothing and keeps everything.
	l2 := openTest(t, dir)
	if packs, items, err := l2.Packs(ctx); err != nil || packs != 2 || items != 5 {
		t.Errorf("reopened: %d packs, %d items, %v", packs, items, err)
	}
}

func TestMigrationsInOrder(t *testing.T) {
	for i, m := range migrations {
		if m.to != i+1 {
			t.Errorf("step %d migrates to %d, want %d", i, m.to, i+1)
		}
	}
	if last := migrations[len(migrations)-1].to; last != SchemaVersion {
		t.Errorf("last step migrates to %d, SchemaVersion is %d", last, SchemaVersion)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	dir := t.TempDir()
	l := openTest(t, dir)
	l.Close()
	execRaw(t, rawDB(t, dir), fmt.Sprintf(`PRAGMA user_version = %d`, SchemaVersion+1))
	_, err := Open(context.Background(), dir, Options{})
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("Open of schema %d: %v, want ErrNewerSchema", SchemaVersion+1, err)
	}
}

func TestSettingsFixedAtCreation(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l, err := Open(ctx, dir, Options{LSHBands: 16, LSHRows: 8})
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	if _, err := Open(ctx, dir, Options{LSHBands: 32}); !errors.Is(err, ErrSettings) {
		t.Errorf("other bands: %v, want ErrSettings", err)
	}
	l = openTest(t, dir) // zero options take the library's
	if l.set != (settings{bands: 16, rows: 8}) {
		t.Errorf("settings %+v, want 16x8", l.set)
	}
	if _, err := Open(ctx, t.TempDir(), Options{LSHBands: 64, LSHRows: 4}); !errors.Is(err, ErrSettings) {
		t.Errorf("64x4 bands: %v, want ErrSettings", err)
	}
}

func TestHostileLibraryFiles(t *testing.T) {
	ctx := context.Background()
	write := func(t *testing.T, b []byte) string {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, FileName), b, 0o600); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	// A real library with some records, to damage.
	good := t.TempDir()
	l := openTest(t, good)
	if err := l.Record(ctx, testPack("victim.zip", 400, 1)); err != nil {
		t.Fatal(err)
	}
	l.Close()
	valid, err := os.ReadFile(filepath.Join(good, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if len(valid) < 16*4096 {
		t.Fatalf("library of %d bytes: too small to damage page by page", len(valid))
	}

	t.Run("not sqlite", func(t *testing.T) {
		dir := write(t, []byte("PK\x03\x04 this is a zip, or says so, and not a database at all. "+string(make([]byte, 8192))))
		if _, err := Open(ctx, dir, Options{}); !errors.Is(err, ErrNotLibrary) {
			t.Errorf("Open: %v, want ErrNotLibrary", err)
		}
	})
	t.Run("another program's database", func(t *testing.T) {
		dir := t.TempDir()
		execRaw(t, rawDB(t, dir), `CREATE TABLE cookies(host TEXT, value TEXT)`)
		if _, err := Open(ctx, dir, Options{}); !errors.Is(err, ErrNotLibrary) {
			t.Errorf("Open: %v, want ErrNotLibrary", err)
		}
		dir = t.TempDir()
		execRaw(t, rawDB(t, dir), `PRAGMA application_id = 1234`)
		if _, err := Open(ctx, dir, Options{}); !errors.Is(err, ErrNotLibrary) {
			t.Errorf("Open with another application id: %v, want ErrNotLibrary", err)
		}
	})
	t.Run("header damaged", func(t *testing.T) {
		b := append([]byte(nil), valid...)
		copy(b, "SQLite format 2\x00")
		if _, err := Open(ctx, write(t, b), Options{}); !errors.Is(err, ErrNotLibrary) {
			t.Errorf("Open: %v, want ErrNotLibrary", err)
		}
	})
	t.Run("pages damaged", func(t *testing.T) {
		// Every page after the first two overwritten: the schema is
		// readable, the tables are not.
		b := append([]byte(nil), valid...)
		for i := 2 * 4096; i < len(b); i++ {
			b[i] = byte(i*131) ^ 0x5a
		}
		dir := write(t, b)
		l, err := Open(ctx, dir, Options{})
		if err == nil {
			defer l.Close()
			_, err = l.Exact(ctx, sha256.Sum256([]byte("victim.zip!/files/00001")), LookupOptions{})
		}
		if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrNotLibrary) {
			t.Errorf("damaged library: %v, want ErrCorrupt or ErrNotLibrary", err)
		}
	})
	t.Run("truncated", func(t *testing.T) {
		dir := write(t, valid[:len(valid)/2])
		l, err := Open(ctx, dir, Options{})
		if err == nil {
			defer l.Close()
			_, err = l.NearTexts(ctx, TextSig{}, 0.5, LookupOptions{})
		}
		if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrNotLibrary) {
			t.Errorf("truncated library: %v, want ErrCorrupt or ErrNotLibrary", err)
		}
	})
	t.Run("hash of the wrong size", func(t *testing.T) {
		dir := write(t, valid)
		execRaw(t, rawDB(t, dir), `UPDATE images SET hash = x'0102' WHERE item_id = (SELECT min(item_id) FROM images)`)
		if _, err := Open(ctx, dir, Options{}); !errors.Is(err, ErrCorrupt) {
			t.Errorf("Open: %v, want ErrCorrupt", err)
		}
	})
}
