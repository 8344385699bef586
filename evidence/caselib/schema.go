package caselib

import (
	"context"
	"database/sql"
	"fmt"
)

// applicationID marks a SQLite file as a proofpack case library ("PPLB"
// in PRAGMA application_id), so that Open refuses another program's
// database instead of adding tables to it.
const applicationID = 0x50504c42

// migration is one step of the schema: it takes a library at version
// to-1 to version to, inside the transaction that Open holds.
type migration struct {
	to    int
	about string
	apply func(ctx context.Context, tx *sql.Tx, s settings) error
}

// migrations are the schema's steps in order. A step is never edited once
// released: a change is a new step at the end. SchemaVersion is the last
// step's version.
var migrations = []migration{
	{to: 1, about: "packs and items with their SHA-256", apply: execAll(
		`CREATE TABLE packs(
			id          INTEGER PRIMARY KEY AUTOINCREMENT,
			sha256      BLOB    NOT NULL UNIQUE,
			name        TEXT    NOT NULL,
			size        INTEGER NOT NULL,
			sha1        BLOB    NOT NULL,
			md5         BLOB    NOT NULL,
			claim       TEXT    NOT NULL,
			claimed_org TEXT    NOT NULL,
			owner_id    TEXT    NOT NULL,
			owner_name  TEXT    NOT NULL,
			verdict     TEXT    NOT NULL,
			triaged_at  INTEGER NOT NULL,
			case_id     TEXT    NOT NULL)`,
		`CREATE TABLE items(
			id      INTEGER PRIMARY KEY AUTOINCREMENT,
			pack_id INTEGER NOT NULL REFERENCES packs(id),
			path    TEXT    NOT NULL,
			kind    TEXT    NOT NULL,
			size    INTEGER NOT NULL,
			sha256  BLOB    NOT NULL)`,
		`CREATE INDEX items_sha256 ON items(sha256)`,
		`CREATE INDEX items_pack ON items(pack_id)`,
	)},
	{to: 2, about: "perceptual hashes of images, MinHash signatures of texts and their LSH bands", apply: func(ctx context.Context, tx *sql.Tx, s settings) error {
		err := execAll(
			`CREATE TABLE settings(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID`,
			// The image index lives in memory (see imageIndex); this
			// table is what Open reads it from, kept apart from items
			// so that reading it touches 1M hashes, not 1M paths.
			`CREATE TABLE images(item_id INTEGER PRIMARY KEY REFERENCES items(id), hash BLOB NOT NULL)`,
			`CREATE TABLE texts(item_id INTEGER PRIMARY KEY REFERENCES items(id), sig BLOB NOT NULL)`,
			// One row per band of each text; the key already mixes in
			// the band number. WITHOUT ROWID: the primary key is the
			// whole row, so the index is the table.
			`CREATE TABLE text_bands(key INTEGER NOT NULL, item_id INTEGER NOT NULL, PRIMARY KEY(key, item_id)) WITHOUT ROWID`,
		)(ctx, tx, s)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO settings(name, value) VALUES ('lsh_bands', ?), ('lsh_rows', ?)`, s.bands, s.rows)
		return err
	}},
}

// SchemaVersion is the schema version this code writes and the newest it
// can open: the last step of migrations.
const SchemaVersion = 2

// settings are the parameters fixed when a library is made: the band
// keys stored depend on them.
type settings struct {
	bands, rows int
}

func execAll(stmts ...string) func(context.Context, *sql.Tx, settings) error {
	return func(ctx context.Context, tx *sql.Tx, _ settings) error {
		for _, s := range stmts {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				return err
			}
		}
		return nil
	}
}

// migrate brings the library to SchemaVersion, or refuses it. It reads the
// version first without a write lock, so that opening an up-to-date
// library never waits for a writer.
func migrate(ctx context.Context, db *sql.DB, want settings) error {
	v, app, err := versionOf(ctx, db)
	if err != nil {
		return err
	}
	if err := acceptable(v, app); err != nil {
		return err
	}
	if v == SchemaVersion {
		return nil
	}
	tx, err := db.BeginTx(ctx, nil) // BEGIN IMMEDIATE: see dsn
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	// Another process may have migrated between the read and the lock.
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return classify(err)
	}
	if err := tx.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&app); err != nil {
		return classify(err)
	}
	if err := acceptable(v, app); err != nil {
		return err
	}
	if v == 0 {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&n); err != nil {
			return classify(err)
		}
		if n > 0 {
			return fmt.Errorf("%w: a SQLite database of another program (%d schema objects, no version)", ErrNotLibrary, n)
		}
	}
	for _, m := range migrations {
		if m.to <= v {
			continue
		}
		if err := m.apply(ctx, tx, want); err != nil {
			return fmt.Errorf("caselib: migrating to schema %d (%s): %w", m.to, m.about, classify(err))
		}
	}
	// PRAGMA takes no parameters; both values are constants of this code.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA application_id = %d`, applicationID)); err != nil {
		return classify(err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, SchemaVersion)); err != nil {
		return classify(err)
	}
	return classify(tx.Commit())
}

func versionOf(ctx context.Context, db *sql.DB) (v, app int, err error) {
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return 0, 0, classify(err)
	}
	if err := db.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&app); err != nil {
		return 0, 0, classify(err)
	}
	return v, app, nil
}

func acceptable(v, app int) error {
	switch {
	case app != applicationID && app != 0:
		return fmt.Errorf("%w: application id %#x", ErrNotLibrary, app)
	case v > 0 && app != applicationID:
		return fmt.Errorf("%w: schema version %d without the library's application id", ErrNotLibrary, v)
	case v > SchemaVersion:
		return fmt.Errorf("%w: the library has schema %d, this code knows up to %d", ErrNewerSchema, v, SchemaVersion)
	case v < 0:
		return fmt.Errorf("%w: schema version %d", ErrNotLibrary, v)
	}
	return nil
}

// loadSettings reads the parameters the library was made with.
func loadSettings(ctx context.Context, db *sql.DB) (settings, error) {
	var s settings
	rows, err := db.QueryContext(ctx, `SELECT name, value FROM settings`)
	if err != nil {
		return s, classify(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var v int
		if err := rows.Scan(&name, &v); err != nil {
			return s, classify(err)
		}
		switch name {
		case "lsh_bands":
			s.bands = v
		case "lsh_rows":
			s.rows = v
		}
	}
	if err := rows.Err(); err != nil {
		return s, classify(err)
	}
	if err := s.check(); err != nil {
		return s, fmt.Errorf("%w: stored settings: %v", ErrCorrupt, err)
	}
	return s, nil
}

func (s settings) check() error {
	if s.bands < 1 || s.rows < 1 || s.bands*s.rows > len(TextSig{}) {
		return fmt.Errorf("LSH of %d bands of %d rows does not fit a signature of %d slots", s.bands, s.rows, len(TextSig{}))
	}
	return nil
}
