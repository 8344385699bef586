package caselib

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
)

// packCols are the columns scanPack reads, of packs p.
const packCols = `p.name, p.size, p.sha256, p.triaged_at, p.claim, p.claimed_org, p.owner_id, p.owner_name, p.verdict, p.case_id`

// sightingCols are the columns scanSighting reads, items i joined to
// packs p.
const sightingCols = `i.path, i.kind, ` + packCols

type scanner interface{ Scan(...any) error }

// scanPack scans packCols after the columns of dest.
func scanPack(r scanner, p *PackRef, dest ...any) error {
	var sha []byte
	var at int64
	err := r.Scan(append(dest, &p.Name, &p.Size, &sha, &at, &p.Claim, &p.ClaimedOrg, &p.OwnerID,
		&p.OwnerName, &p.Verdict, &p.CaseID)...)
	if err != nil {
		return err
	}
	if len(sha) != len(p.SHA256) {
		return fmt.Errorf("%w: pack SHA-256 of %d bytes", ErrCorrupt, len(sha))
	}
	p.SHA256 = [32]byte(sha)
	p.TriagedAt = time.Unix(at, 0).UTC()
	return nil
}

func scanSighting(r scanner, s *Sighting) error {
	return scanPack(r, &s.Pack, &s.Path, &s.Kind)
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
// its whole signature. A text below the banding's S-curve may be missed:
// with the default 64 bands of 2 rows, one of similarity 0.25 is found
// with probability 0.98, of 0.2 with 0.93, of 0.1 with 0.47 (with the 32
// bands of 4 rows of older libraries, 0.12 at 0.25 and 0.87 at 0.5).
//
// The work is bounded whatever the library holds: from each band key at
// most MaxBandIDs texts are read (the oldest), and of the texts read at
// most Options.MaxTextCandidates are verified, those sharing the most
// bands with sig first, then the oldest. Texts that share boilerplate
// with sig (one template, one CSV header) crowd its band keys: a text
// in a crowded key past its first MaxBandIDs is found through its other
// bands, and a text left out by the second cap shares no more bands
// with sig than every text verified. When opt.Stats is not nil, it is
// set to what the lookup read and verified, and whether a cap left
// candidates out.
func (l *Library) NearTexts(ctx context.Context, sig TextSig, minSimilarity float64, opt LookupOptions) ([]Sighting, error) {
	if opt.Stats != nil {
		*opt.Stats = LookupStats{}
	}
	if err := l.check(); err != nil {
		return nil, err
	}
	if !(minSimilarity >= 0 && minSimilarity <= 1) {
		return nil, fmt.Errorf("%w: similarity %v outside 0..1", ErrInvalid, minSimilarity)
	}
	cands, st, err := l.textCandidates(ctx, &sig)
	if err != nil {
		return nil, err
	}
	type scored struct {
		candidate
		sim float64
	}
	var found []scored
	for len(cands) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		batch := cands[:min(len(cands), verifyBatch)]
		cands = cands[len(batch):]
		st.Verified += len(batch)
		err := l.textSigs(ctx, batch, func(c candidate, other *TextSig) {
			if sim := sig.Similarity(other); sim >= minSimilarity {
				found = append(found, scored{c, sim})
			}
		})
		if err != nil {
			return nil, err
		}
	}
	if opt.Stats != nil {
		*opt.Stats = st
	}
	slices.SortFunc(found, func(a, b scored) int {
		if a.sim != b.sim {
			if a.sim > b.sim {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.id, b.id)
	})
	cands = make([]candidate, 0, len(found))
	sims := make(map[int64]float64, len(found))
	for _, f := range found {
		cands = append(cands, f.candidate)
		sims[f.id] = f.sim
	}
	return l.sightings(ctx, cands, opt, func(s *Sighting, c candidate) {
		s.Match, s.Similarity = MatchText, sims[c.id]
	})
}

// textCandidates reads the texts that share a band key with sig, at most
// MaxBandIDs per key (one statement, a bounded subquery per band), and
// returns those to verify: at most l.maxCands, the most bands shared
// first, then the oldest. The candidate's dist holds the bands shared.
func (l *Library) textCandidates(ctx context.Context, sig *TextSig) ([]candidate, LookupStats, error) {
	var st LookupStats
	keys := bandKeys(sig, l.set, make([]int64, 0, l.set.bands))
	args := make([]any, 0, len(keys))
	for _, k := range keys {
		args = append(args, k)
	}
	rows, err := l.stmt.bands.QueryContext(ctx, args...)
	if err != nil {
		return nil, st, classify(err)
	}
	defer rows.Close()
	perBand := make([]int, l.set.bands)
	shared := make(map[int64]int)
	for rows.Next() {
		var band int
		var id int64
		if err := rows.Scan(&band, &id); err != nil {
			return nil, st, classify(err)
		}
		if band < 0 || band >= len(perBand) {
			return nil, st, fmt.Errorf("caselib: band %d of %d", band, len(perBand))
		}
		if perBand[band]++; perBand[band] > MaxBandIDs {
			st.Capped = true
			continue
		}
		shared[id]++
	}
	if err := rows.Err(); err != nil {
		return nil, st, classify(err)
	}
	cands := make([]candidate, 0, len(shared))
	for id, n := range shared {
		cands = append(cands, candidate{id: id, dist: n})
	}
	slices.SortFunc(cands, func(a, b candidate) int {
		if a.dist != b.dist {
			return b.dist - a.dist
		}
		return cmp.Compare(a.id, b.id)
	})
	st.Candidates = len(cands)
	if len(cands) > l.maxCands {
		cands, st.Capped = cands[:l.maxCands], true
	}
	return cands, st, nil
}

// verifyBatch is the number of signatures read by one statement: read
// one by one, a signature cost about twice as much
// (BenchmarkNearTextsBoilerplate).
const verifyBatch = 64

// textSigs reads the stored signatures of up to verifyBatch candidates
// and calls fn with each; candidates deleted since their band was read
// are skipped.
func (l *Library) textSigs(ctx context.Context, batch []candidate, fn func(candidate, *TextSig)) error {
	var args [verifyBatch]any
	for i := range args {
		args[i] = int64(0) // no item has id 0: the unused places match nothing
	}
	byID := make(map[int64]candidate, len(batch))
	for i, c := range batch {
		args[i] = c.id
		byID[c.id] = c
	}
	rows, err := l.stmt.textSigs.QueryContext(ctx, args[:]...)
	if err != nil {
		return classify(err)
	}
	defer rows.Close()
	var raw []byte
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, &raw); err != nil {
			return classify(err)
		}
		c, ok := byID[id]
		if !ok {
			continue
		}
		other, err := decodeSig(raw)
		if err != nil {
			return fmt.Errorf("item %d: %w", id, err)
		}
		fn(c, &other)
	}
	return classify(rows.Err())
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
	exact, newImages, textSigs, bands, sighting *sql.Stmt
}

func (l *Library) prepare(ctx context.Context) error {
	for _, s := range []struct {
		to  **sql.Stmt
		sql string
	}{
		{&l.stmt.exact, `SELECT ` + sightingCols + ` FROM items i JOIN packs p ON p.id = i.pack_id
			WHERE i.sha256 = ? AND p.sha256 <> ? ORDER BY p.triaged_at, p.id, i.id LIMIT ?`},
		{&l.stmt.newImages, `SELECT item_id, hash FROM images WHERE item_id > ? ORDER BY item_id`},
		{&l.stmt.textSigs, `SELECT item_id, sig FROM texts WHERE item_id IN (?` + strings.Repeat(",?", verifyBatch-1) + `)`},
		{&l.stmt.bands, bandsQuery(l.set.bands)},
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

// bandsQuery is the statement that reads, for each of the bands of a
// query, the oldest MaxBandIDs+1 ids stored under its key (one more than
// kept, so that a full key shows): parameter b+1 is band b's key. Each
// subquery walks the primary key (key, item_id) and stops at its LIMIT.
// The LIMIT is written in, not bound: bound, it made SQLite prepare the
// statement again at every lookup, which took 40 % of a lookup's time
// at 1,000,000 items.
func bandsQuery(bands int) string {
	var q strings.Builder
	for b := range bands {
		if b > 0 {
			q.WriteString("\nUNION ALL ")
		}
		fmt.Fprintf(&q, "SELECT %d, item_id FROM (SELECT item_id FROM text_bands WHERE key = ?%d ORDER BY item_id LIMIT %d)", b, b+1, MaxBandIDs+1)
	}
	return q.String()
}
