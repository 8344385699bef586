package caselib

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
)

// sightingCols are the columns scanSighting reads, items i joined to
// packs p.
const sightingCols = `i.path, i.kind, p.name, p.sha256, p.triaged_at, p.claim, p.claimed_org, p.owner_id, p.owner_name, p.verdict, p.case_id`

type scanner interface{ Scan(...any) error }

func scanSighting(r scanner, s *Sighting) error {
	var sha []byte
	var at int64
	err := r.Scan(&s.Path, &s.Kind, &s.Pack.Name, &sha, &at, &s.Pack.Claim, &s.Pack.ClaimedOrg, &s.Pack.OwnerID,
		&s.Pack.OwnerName, &s.Pack.Verdict, &s.Pack.CaseID)
	if err != nil {
		return err
	}
	if len(sha) != len(s.Pack.SHA256) {
		return fmt.Errorf("%w: pack SHA-256 of %d bytes", ErrCorrupt, len(sha))
	}
	s.Pack.SHA256 = [32]byte(sha)
	s.Pack.TriagedAt = time.Unix(at, 0).UTC()
	return nil
}

func (o LookupOptions) max() int {
	if o.MaxSightings <= 0 {
		return DefaultMaxSightings
	}
	return o.MaxSightings
}

// Exact returns the earlier sightings of items with this SHA-256, oldest
// pack first. It uses the index on items(sha256).
func (l *Library) Exact(ctx context.Context, sha256 [32]byte, opt LookupOptions) ([]Sighting, error) {
	if err := l.check(); err != nil {
		return nil, err
	}
	rows, err := l.stmt.exact.QueryContext(ctx, sha256[:], opt.ExcludePack[:], opt.max())
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var out []Sighting
	for rows.Next() {
		s := Sighting{Match: MatchExact, Similarity: 1}
		if err := scanSighting(rows, &s); err != nil {
			return nil, classify(err)
		}
		out = append(out, s)
	}
	return out, classify(rows.Err())
}

// NearImages returns the earlier sightings of images whose hash is within
// maxDist bits of h (31 of 256 is a usual threshold for PDQ), nearest
// first, with their distance. It searches the in-memory multi-index (see
// imageIndex), after reading the hashes recorded since its last look.
func (l *Library) NearImages(ctx context.Context, h ImageHash, maxDist int, opt LookupOptions) ([]Sighting, error) {
	if err := l.check(); err != nil {
		return nil, err
	}
	if maxDist < 0 || maxDist > len(h)*8 {
		return nil, fmt.Errorf("%w: distance %d outside 0..256", ErrInvalid, maxDist)
	}
	if err := l.catchUpImages(ctx); err != nil {
		return nil, err
	}
	var cands []candidate
	l.img.search(&h, maxDist, func(c candidate) { cands = append(cands, c) })
	slices.SortFunc(cands, func(a, b candidate) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		return int(a.id - b.id)
	})
	return l.sightings(ctx, cands, opt, func(s *Sighting, c candidate) {
		s.Match, s.Distance = MatchImage, c.dist
	})
}

// NearTexts returns the earlier sightings of texts whose signature agrees
// with sig on at least minSimilarity of its slots, most similar first,
// with the estimated similarity. Candidates come from the LSH band table
// (any text sharing one band of rows with sig), and each is verified on
// its whole signature: a text below about 0.5 similar may be missed by
// the bands (with 32 bands of 4 rows, one of similarity 0.5 is found
// with probability 0.87, of 0.6 with 0.99).
func (l *Library) NearTexts(ctx context.Context, sig TextSig, minSimilarity float64, opt LookupOptions) ([]Sighting, error) {
	if err := l.check(); err != nil {
		return nil, err
	}
	if !(minSimilarity >= 0 && minSimilarity <= 1) {
		return nil, fmt.Errorf("%w: similarity %v outside 0..1", ErrInvalid, minSimilarity)
	}
	keys := bandKeys(&sig, l.set, make([]int64, 0, l.set.bands))
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	ids, err := l.ids(ctx, l.stmt.bands, args...)
	if err != nil {
		return nil, err
	}
	type scored struct {
		candidate
		sim float64
	}
	var found []scored
	if len(ids) > 0 {
		var raw []byte
		for _, id := range ids {
			if err := l.stmt.textSig.QueryRowContext(ctx, id).Scan(&raw); err == sql.ErrNoRows {
				continue // deleted since the band was read
			} else if err != nil {
				return nil, classify(err)
			}
			other, err := decodeSig(raw)
			if err != nil {
				return nil, err
			}
			if sim := sig.Similarity(&other); sim >= minSimilarity {
				found = append(found, scored{candidate{id: id}, sim})
			}
		}
	}
	slices.SortFunc(found, func(a, b scored) int {
		if a.sim != b.sim {
			if a.sim > b.sim {
				return -1
			}
			return 1
		}
		return int(a.id - b.id)
	})
	cands := make([]candidate, len(found))
	sims := make(map[int64]float64, len(found))
	for i, f := range found {
		cands[i] = f.candidate
		sims[f.id] = f.sim
	}
	return l.sightings(ctx, cands, opt, func(s *Sighting, c candidate) {
		s.Match, s.Similarity = MatchText, sims[c.id]
	})
}

func (l *Library) ids(ctx context.Context, st *sql.Stmt, args ...any) ([]int64, error) {
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, classify(err)
		}
		ids = append(ids, id)
	}
	return ids, classify(rows.Err())
}

// sightings reads the pack and item of each candidate, in order, skipping
// items deleted since they were indexed and those of the excluded pack,
// until opt's maximum.
func (l *Library) sightings(ctx context.Context, cands []candidate, opt LookupOptions, set func(*Sighting, candidate)) ([]Sighting, error) {
	if len(cands) == 0 {
		return nil, nil
	}
	var out []Sighting
	for _, c := range cands {
		if len(out) == opt.max() {
			break
		}
		var s Sighting
		err := scanSighting(l.stmt.sighting.QueryRowContext(ctx, c.id, opt.ExcludePack[:]), &s)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return nil, classify(err)
		}
		set(&s, c)
		out = append(out, s)
	}
	return out, nil
}

// Packs returns the number of packs and items recorded. Unlike the
// lookups it counts rows, so it takes time in proportion to the library.
func (l *Library) Packs(ctx context.Context) (packs, items int64, err error) {
	if err := l.check(); err != nil {
		return 0, 0, err
	}
	err = l.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM packs), (SELECT count(*) FROM items)`).Scan(&packs, &items)
	return packs, items, classify(err)
}

// statements are the lookups' statements, prepared once at Open:
// parsing them again at each lookup would cost more than most lookups.
type statements struct {
	exact, newImages, textSig, bands, sighting *sql.Stmt
}

func (l *Library) prepare(ctx context.Context) error {
	for _, s := range []struct {
		to  **sql.Stmt
		sql string
	}{
		{&l.stmt.exact, `SELECT ` + sightingCols + ` FROM items i JOIN packs p ON p.id = i.pack_id
			WHERE i.sha256 = ? AND p.sha256 <> ? ORDER BY p.triaged_at, p.id, i.id LIMIT ?`},
		{&l.stmt.newImages, `SELECT item_id, hash FROM images WHERE item_id > ? ORDER BY item_id`},
		{&l.stmt.textSig, `SELECT sig FROM texts WHERE item_id = ?`},
		{&l.stmt.bands, `SELECT DISTINCT item_id FROM text_bands WHERE key IN (?` + strings.Repeat(",?", l.set.bands-1) + `)`},
		{&l.stmt.sighting, `SELECT ` + sightingCols + ` FROM items i JOIN packs p ON p.id = i.pack_id WHERE i.id = ? AND p.sha256 <> ?`},
	} {
		st, err := l.db.PrepareContext(ctx, s.sql)
		if err != nil {
			return classify(err)
		}
		*s.to = st
	}
	return nil
}
