package caselib

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
)

// Record records a pack and its items (p.Items) in one transaction. A pack
// whose SHA-256 is already in the library replaces the earlier record:
// a re-triage (with better profiles, or after a fix) is the newer truth
// about the same bytes, and the pack keeps one entry. Its items then get
// new ids. Use RecordItems for a pack too large to hold its items in a
// slice.
func (l *Library) Record(ctx context.Context, p Pack) error {
	return l.RecordItems(ctx, p, func(yield func(Item, error) bool) {
		for _, it := range p.Items {
			if !yield(it, nil) {
				return
			}
		}
	})
}

// RecordItems records a pack as Record does, taking its items from a
// stream: memory stays bounded whatever the number of items. p.Items is
// ignored. The write transaction is open while items runs, and other
// writers wait for it (up to Options.BusyTimeout): hand over items that
// are ready, not items still being triaged. An error from items, or ctx
// ending, rolls the whole pack back.
func (l *Library) RecordItems(ctx context.Context, p Pack, items iter.Seq2[Item, error]) error {
	if err := l.check(); err != nil {
		return err
	}
	if err := p.validate(); err != nil {
		return err
	}
	tx, err := l.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE: see dsn
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	packID, err := l.putPack(ctx, tx, &p)
	if err != nil {
		return err
	}
	ins, err := prepareInserts(ctx, tx)
	if err != nil {
		return err
	}
	defer ins.close()
	n := 0
	for it, err := range items {
		if err != nil {
			return fmt.Errorf("caselib: item %d of %s: %w", n, p.Name, err)
		}
		if err := it.validate(); err != nil {
			return fmt.Errorf("item %d (%.200q): %w", n, it.Path, err)
		}
		if n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := l.putItem(ctx, ins, packID, &it); err != nil {
			return err
		}
		n++
	}
	return classify(tx.Commit())
}

func (p *Pack) validate() error {
	for _, s := range []string{p.Name, p.Claim, p.ClaimedOrg, p.OwnerID, p.OwnerName, p.Verdict, p.CaseID} {
		if len(s) > MaxPathBytes {
			return fmt.Errorf("%w: a field of pack %.200q has %d bytes, more than %d", ErrInvalid, p.Name, len(s), MaxPathBytes)
		}
	}
	if p.SHA256 == ([32]byte{}) {
		return fmt.Errorf("%w: pack %.200q has no SHA-256", ErrInvalid, p.Name)
	}
	if p.Size < 0 {
		return fmt.Errorf("%w: pack %.200q has size %d", ErrInvalid, p.Name, p.Size)
	}
	return nil
}

func (it *Item) validate() error {
	if len(it.Path) > MaxPathBytes || len(it.Kind) > MaxPathBytes {
		return fmt.Errorf("%w: path or kind longer than %d bytes", ErrInvalid, MaxPathBytes)
	}
	if it.Size < 0 {
		return fmt.Errorf("%w: size %d", ErrInvalid, it.Size)
	}
	return nil
}

// putPack inserts the pack's row, or, when the pack is already recorded,
// updates it and deletes its items, and returns its id.
func (l *Library) putPack(ctx context.Context, tx *sql.Tx, p *Pack) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM packs WHERE sha256 = ?`, p.SHA256[:]).Scan(&id)
	args := []any{p.Name, p.Size, p.SHA1[:], p.MD5[:], p.Claim, p.ClaimedOrg, p.OwnerID, p.OwnerName,
		p.Verdict, p.TriagedAt.UTC().Unix(), p.CaseID}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := tx.ExecContext(ctx, `INSERT INTO packs(name, size, sha1, md5, claim, claimed_org, owner_id, owner_name,
			verdict, triaged_at, case_id, sha256) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`, append(args, p.SHA256[:])...)
		if err != nil {
			return 0, classify(err)
		}
		id, err = res.LastInsertId()
		return id, classify(err)
	case err != nil:
		return 0, classify(err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE packs SET name=?, size=?, sha1=?, md5=?, claim=?, claimed_org=?, owner_id=?,
		owner_name=?, verdict=?, triaged_at=?, case_id=? WHERE id=?`, append(args, id)...); err != nil {
		return 0, classify(err)
	}
	return id, l.deleteItems(ctx, tx, id)
}

// deleteItems deletes a pack's items and their index rows. The band rows
// are found again from the stored signatures, through text_bands' own
// key, so that no second index on item_id is needed.
func (l *Library) deleteItems(ctx context.Context, tx *sql.Tx, packID int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT t.item_id, t.sig FROM texts t JOIN items i ON i.id = t.item_id WHERE i.pack_id = ?`, packID)
	if err != nil {
		return classify(err)
	}
	del, err := tx.PrepareContext(ctx, `DELETE FROM text_bands WHERE key = ? AND item_id = ?`)
	if err != nil {
		rows.Close()
		return classify(err)
	}
	defer del.Close()
	var keys []int64
	for rows.Next() {
		var id int64
		var raw []byte
		if err := rows.Scan(&id, &raw); err != nil {
			rows.Close()
			return classify(err)
		}
		sig, err := decodeSig(raw)
		if err != nil {
			rows.Close()
			return fmt.Errorf("item %d: %w", id, err)
		}
		keys = bandKeys(&sig, l.set, keys[:0])
		for _, k := range keys {
			if _, err := del.ExecContext(ctx, k, id); err != nil {
				rows.Close()
				return classify(err)
			}
		}
	}
	if err := rows.Close(); err != nil {
		return classify(err)
	}
	if err := rows.Err(); err != nil {
		return classify(err)
	}
	for _, q := range []string{
		`DELETE FROM texts WHERE item_id IN (SELECT id FROM items WHERE pack_id = ?)`,
		`DELETE FROM images WHERE item_id IN (SELECT id FROM items WHERE pack_id = ?)`,
		`DELETE FROM items WHERE pack_id = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, packID); err != nil {
			return classify(err)
		}
	}
	return nil
}

type inserts struct {
	item, image, text, band *sql.Stmt
}

func prepareInserts(ctx context.Context, tx *sql.Tx) (*inserts, error) {
	var ins inserts
	for _, s := range []struct {
		to  **sql.Stmt
		sql string
	}{
		{&ins.item, `INSERT INTO items(pack_id, path, kind, size, sha256) VALUES (?,?,?,?,?)`},
		{&ins.image, `INSERT INTO images(item_id, hash) VALUES (?,?)`},
		{&ins.text, `INSERT INTO texts(item_id, sig) VALUES (?,?)`},
		// OR IGNORE: two bands of one text can hash to one key.
		{&ins.band, `INSERT OR IGNORE INTO text_bands(key, item_id) VALUES (?,?)`},
	} {
		st, err := tx.PrepareContext(ctx, s.sql)
		if err != nil {
			ins.close()
			return nil, classify(err)
		}
		*s.to = st
	}
	return &ins, nil
}

func (ins *inserts) close() {
	for _, st := range []*sql.Stmt{ins.item, ins.image, ins.text, ins.band} {
		if st != nil {
			st.Close()
		}
	}
}

func (l *Library) putItem(ctx context.Context, ins *inserts, packID int64, it *Item) error {
	res, err := ins.item.ExecContext(ctx, packID, it.Path, it.Kind, it.Size, it.SHA256[:])
	if err != nil {
		return classify(err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return classify(err)
	}
	if it.Image != nil {
		if _, err := ins.image.ExecContext(ctx, id, it.Image[:]); err != nil {
			return classify(err)
		}
	}
	if it.Text != nil {
		var buf [len(TextSig{}) * 4]byte
		if _, err := ins.text.ExecContext(ctx, id, encodeSig(it.Text, buf[:0])); err != nil {
			return classify(err)
		}
		var kb [len(TextSig{})]int64
		for _, k := range bandKeys(it.Text, l.set, kb[:0]) {
			if _, err := ins.band.ExecContext(ctx, k, id); err != nil {
				return classify(err)
			}
		}
	}
	return nil
}

func encodeSig(s *TextSig, b []byte) []byte {
	for _, v := range s {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b
}

func decodeSig(b []byte) (TextSig, error) {
	var s TextSig
	if len(b) != len(s)*4 {
		return s, fmt.Errorf("%w: text signature of %d bytes", ErrCorrupt, len(b))
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return s, nil
}

// bandKeys appends the LSH key of each band of s: a 64-bit mix of the
// band number and the band's rows, so that equal values in different
// bands never collide by construction. Two texts are candidates when
// they share a key.
func bandKeys(s *TextSig, set settings, keys []int64) []int64 {
	for b := 0; b < set.bands; b++ {
		h := mix64(uint64(b) + 0x9e3779b97f4a7c15)
		for _, v := range s[b*set.rows : (b+1)*set.rows] {
			h = mix64(h ^ uint64(v))
		}
		keys = append(keys, int64(h))
	}
	return keys
}

// mix64 is the finaliser of SplitMix64: every input bit flips each
// output bit with probability about one half.
func mix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}
