package caselib

import (
	"context"
	"database/sql"
	"errors"
)

// Pack returns the recorded pack with this SHA-256, and false when no
// such pack is recorded.
func (l *Library) Pack(ctx context.Context, sha256 [32]byte) (PackRef, bool, error) {
	var p PackRef
	if err := l.check(); err != nil {
		return p, false, err
	}
	err := scanPack(l.db.QueryRowContext(ctx, `SELECT `+packCols+` FROM packs p WHERE p.sha256 = ?`, sha256[:]), &p)
	if errors.Is(err, sql.ErrNoRows) {
		return PackRef{}, false, nil
	}
	if err != nil {
		return PackRef{}, false, classify(err)
	}
	return p, true, nil
}

// ListPacks calls fn with each recorded pack, newest first (by TriagedAt,
// then the most recently recorded), until fn returns false. No list of
// the packs is held: SQLite sorts them (packs are few beside items, and
// the table has no index on the date) and hands them over one at a
// time, from one snapshot of the library. Packs recorded meanwhile are
// not listed, and fn may use the library (look items up, record packs)
// while the listing runs. ctx is checked before each pack.
func (l *Library) ListPacks(ctx context.Context, fn func(PackRef) bool) error {
	if err := l.check(); err != nil {
		return err
	}
	rows, err := l.db.QueryContext(ctx, `SELECT `+packCols+` FROM packs p ORDER BY p.triaged_at DESC, p.id DESC`)
	if err != nil {
		return classify(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		var p PackRef
		if err := scanPack(rows, &p); err != nil {
			return classify(err)
		}
		if !fn(p) {
			return nil
		}
	}
	return classify(rows.Err())
}
