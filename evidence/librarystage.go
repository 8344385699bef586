package evidence

import (
	"bufio"
	"cmp"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"io"
	"iter"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/proofpack/proofpack/evidence/caselib"
	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/similar"
	"github.com/proofpack/proofpack/fingerprint"
)

// errLibrary marks a failure of the case library (Options.Library): a
// lookup or the recording of the pack. The triage goes on without it.
var errLibrary = errors.New("case library")

// errHash marks an image that could not be decoded for its perceptual
// hash.
var errHash = errors.New("image not hashed")

// setImageHash computes the PDQ hash of a decoded image item.
func setImageHash(it *Item, img image.Image) {
	h, q, err := similar.HashImage(img)
	if err != nil {
		addProblem(it, fmt.Errorf("%w: %w", errHash, err))
		return
	}
	if it.Hashes == nil {
		it.Hashes = &Hashes{}
	}
	it.Hashes.PDQ, it.Hashes.PDQQuality = &h, q
}

// setTextHash signs the item's text, once its last stage is done.
func setTextHash(it *Item) {
	if it.Text == "" || it.DuplicateOf != "" {
		return
	}
	sig := similar.HashText(it.Text)
	if sig == nil {
		return
	}
	if it.Hashes == nil {
		it.Hashes = &Hashes{}
	}
	it.Hashes.Text = sig
}

// libraryStage looks the items up in Options.Library as they are done,
// keeps what the report says of the earlier packs, and spools the items
// to record the pack at the end.
type libraryStage struct {
	lib *caselib.Library
	// hashed is closed once the package's SHA-256 is known (exclude
	// holds it) or cannot be: lookups wait for it, so that a pack
	// triaged again is not found in itself.
	hashed  chan struct{}
	exclude [32]byte

	mu    sync.Mutex
	files int
	seen  int
	// capped counts the text lookups the library's caps cut short.
	capped int
	// earlier are the packs seen, by SHA-256.
	earlier map[string]*EarlierPack
	// failed is the first error of the library; lookups stop after it.
	failed error
	// spool holds the items to record, one record each (encodeRecord).
	spool   *os.File
	spoolW  *bufio.Writer
	spooled int
}

func newLibraryStage(lib *caselib.Library) *libraryStage {
	return &libraryStage{lib: lib, hashed: make(chan struct{}), earlier: map[string]*EarlierPack{}}
}

// packHashed is called once the package's hashes are known, or are not
// to be: sha is then "".
func (l *libraryStage) packHashed(sha string) {
	fromHex(l.exclude[:], sha)
	close(l.hashed)
}

// fromHex decodes the hex digits of a hash into dst, and reports
// whether s was a hash of dst's length; dst is left alone otherwise.
func fromHex(dst []byte, s string) bool {
	if hex.DecodedLen(len(s)) != len(dst) {
		return false
	}
	var buf [32]byte
	b := buf[:len(dst)]
	if _, err := hex.Decode(b, []byte(s)); err != nil {
		return false
	}
	copy(dst, b)
	return true
}

// lookup finds where the library holds the item from, and spools it for
// the recording. It runs from any goroutine, as items are done.
func (l *libraryStage) lookup(ctx context.Context, a *analysis, it *Item) {
	var sha [32]byte
	if !fromHex(sha[:], it.SHA256) || it.Size == 0 {
		return
	}
	select {
	case <-l.hashed:
	case <-ctx.Done():
		return
	}
	file := it.Kind != string(identify.KindArchive)
	l.mu.Lock()
	failed := l.failed
	l.mu.Unlock()
	var found []Sighting
	if failed == nil {
		var err error
		found, err = l.find(ctx, sha, it)
		if err != nil && ctx.Err() == nil {
			l.fail(a, err)
		}
	}
	it.SeenBefore = found
	l.mu.Lock()
	defer l.mu.Unlock()
	if file {
		l.files++
		if len(found) > 0 {
			l.seen++
		}
		l.count(found)
	}
	if l.failed == nil {
		if err := l.spoolItem(a, it, sha); err != nil {
			l.failLocked(a, err)
		}
	}
}

// find runs the lookups of one item and merges their sightings: one per
// earlier item, the best way it matched (exact, then image, then text),
// the nearest first, at most MaxSightings.
func (l *libraryStage) find(ctx context.Context, sha [32]byte, it *Item) ([]Sighting, error) {
	opt := caselib.LookupOptions{ExcludePack: l.exclude, MaxSightings: MaxSightings}
	all, err := l.lib.Exact(ctx, sha, opt)
	if err != nil {
		return nil, err
	}
	if it.Kind == string(identify.KindArchive) && sha != l.exclude {
		// An archive may be a whole pack recorded before, wrapped into
		// this one: the pack itself, not only its files, was seen.
		p, ok, err := l.lib.Pack(ctx, sha)
		if err != nil {
			return nil, err
		}
		if ok {
			all = append(all, caselib.Sighting{Pack: p, Path: p.Name, Kind: string(identify.KindArchive), Match: caselib.MatchExact})
		}
	}
	if h := it.Hashes; h != nil {
		if h.PDQ != nil && h.PDQQuality >= similar.MinQuality {
			ss, err := l.lib.NearImages(ctx, caselib.ImageHash(*h.PDQ), similar.ImageMatch, opt)
			if err != nil {
				return nil, err
			}
			all = append(all, ss...)
		}
		if len(h.Text) == similar.SigLen {
			th := similar.TextMatch
			if it.TextSource == TextFromOCR {
				th = similar.OCRTextMatch
			}
			var st caselib.LookupStats
			topt := opt
			topt.Stats = &st
			ss, err := l.lib.NearTexts(ctx, caselib.TextSig(h.Text), th, topt)
			if err != nil {
				return nil, err
			}
			all = append(all, ss...)
			if st.Capped {
				l.mu.Lock()
				l.capped++
				l.mu.Unlock()
			}
		}
	}
	if len(all) == 0 {
		return nil, nil
	}
	slices.SortStableFunc(all, betterSighting)
	out := make([]Sighting, 0, min(len(all), MaxSightings))
	type key struct {
		pack [32]byte
		path string
	}
	done := map[key]bool{}
	for _, s := range all {
		k := key{s.Pack.SHA256, s.Path}
		if done[k] {
			continue
		}
		done[k] = true
		out = append(out, sightingOf(s))
		if len(out) == MaxSightings {
			break
		}
	}
	return out, nil
}

// betterSighting orders sightings best first: exact, then images by
// distance, then texts by similarity; the newer pack first among equals.
func betterSighting(x, y caselib.Sighting) int {
	rank := func(m caselib.Match) int {
		switch m {
		case caselib.MatchExact:
			return 0
		case caselib.MatchImage:
			return 1
		}
		return 2
	}
	if c := cmp.Compare(rank(x.Match), rank(y.Match)); c != 0 {
		return c
	}
	if c := cmp.Compare(x.Distance, y.Distance); c != 0 {
		return c
	}
	if c := cmp.Compare(y.Similarity, x.Similarity); c != 0 {
		return c
	}
	return y.Pack.TriagedAt.Compare(x.Pack.TriagedAt)
}

func sightingOf(s caselib.Sighting) Sighting {
	out := Sighting{Pack: seenPackOf(s.Pack), Path: s.Path, Kind: s.Kind, Match: string(s.Match), Distance: s.Distance, Similarity: s.Similarity}
	if s.Match == caselib.MatchExact {
		out.Similarity = 1
	}
	return out
}

func seenPackOf(p caselib.PackRef) SeenPack {
	return SeenPack{
		Name: p.Name, SHA256: hex.EncodeToString(p.SHA256[:]), TriagedAt: p.TriagedAt.UTC().Format(time.RFC3339),
		Claimed: p.Claim, ClaimedOrg: p.ClaimedOrg, Owner: p.OwnerID, OwnerName: p.OwnerName,
		Verdict: Verdict(p.Verdict), Case: p.CaseID,
	}
}

// count adds an item's sightings to the earlier packs: the item counts
// once per pack, as exact when any sighting there is.
func (l *libraryStage) count(found []Sighting) {
	exact := map[string]bool{} // the packs the item is in: byte for byte?
	for _, s := range found {
		exact[s.Pack.SHA256] = exact[s.Pack.SHA256] || s.Match == MatchExact
	}
	for _, s := range found {
		ex, first := exact[s.Pack.SHA256]
		if !first {
			continue // counted at the pack's first sighting
		}
		delete(exact, s.Pack.SHA256)
		p := l.earlier[s.Pack.SHA256]
		if p == nil {
			p = &EarlierPack{SeenPack: s.Pack}
			l.earlier[s.Pack.SHA256] = p
		}
		p.Items++
		if ex {
			p.Exact++
		}
	}
}

func (l *libraryStage) fail(a *analysis, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.failLocked(a, err)
}

// failLocked keeps the library's first error as a problem of the report;
// the triage goes on without the library.
func (l *libraryStage) failLocked(a *analysis, err error) {
	if l.failed != nil {
		return
	}
	l.failed = err
	p := problemOf(fmt.Errorf("%w: %w; no further lookups, and the pack is not recorded", errLibrary, err))
	p.Path = a.rep.Package.Name
	a.libProblems = append(a.libProblems, p)
}

// The spool's record: flags (1 image hash, 2 text signature), kind,
// path, size, SHA-256, then the hashes. encodeRecord and the reader of
// records agree on it; the file is the triage's own, in its private
// temporary directory.
const (
	recImage = 1 << iota
	recText
)

func (l *libraryStage) spoolItem(a *analysis, it *Item, sha [32]byte) error {
	if l.spool == nil {
		dir, err := a.w.MakeTempDir()
		if err != nil {
			return err
		}
		f, err := os.CreateTemp(dir, "library-")
		if err != nil {
			return err
		}
		l.spool, l.spoolW = f, bufio.NewWriterSize(f, 64<<10)
	}
	var b []byte
	flags := byte(0)
	h := it.Hashes
	if h != nil && h.PDQ != nil && h.PDQQuality >= similar.MinQuality {
		flags |= recImage
	}
	if h != nil && len(h.Text) == similar.SigLen {
		flags |= recText
	}
	b = append(b, flags)
	b = binary.AppendUvarint(b, uint64(len(it.Kind)))
	b = append(b, it.Kind...)
	path := it.Path
	if len(path) > caselib.MaxPathBytes {
		path = path[:caselib.MaxPathBytes]
	}
	b = binary.AppendUvarint(b, uint64(len(path)))
	b = append(b, path...)
	b = binary.AppendUvarint(b, uint64(it.Size))
	b = append(b, sha[:]...)
	if flags&recImage != 0 {
		b = append(b, h.PDQ[:]...)
	}
	if flags&recText != 0 {
		for _, v := range h.Text {
			b = binary.LittleEndian.AppendUint32(b, v)
		}
	}
	if _, err := l.spoolW.Write(b); err != nil {
		return err
	}
	l.spooled++
	return nil
}

// records reads the spooled items back.
func (l *libraryStage) records() iter.Seq2[caselib.Item, error] {
	return func(yield func(caselib.Item, error) bool) {
		if l.spool == nil {
			return
		}
		if _, err := l.spool.Seek(0, io.SeekStart); err != nil {
			yield(caselib.Item{}, err)
			return
		}
		r := bufio.NewReaderSize(l.spool, 64<<10)
		for range l.spooled {
			it, err := readRecord(r)
			if !yield(it, err) || err != nil {
				return
			}
		}
	}
}

func readRecord(r *bufio.Reader) (caselib.Item, error) {
	var it caselib.Item
	flags, err := r.ReadByte()
	if err != nil {
		return it, err
	}
	str := func() (string, error) {
		n, err := binary.ReadUvarint(r)
		if err != nil {
			return "", err
		}
		if n > caselib.MaxPathBytes {
			return "", fmt.Errorf("record of %d bytes", n)
		}
		b := make([]byte, n)
		_, err = io.ReadFull(r, b)
		return string(b), err
	}
	if it.Kind, err = str(); err != nil {
		return it, err
	}
	if it.Path, err = str(); err != nil {
		return it, err
	}
	size, err := binary.ReadUvarint(r)
	if err != nil {
		return it, err
	}
	it.Size = int64(size)
	if _, err := io.ReadFull(r, it.SHA256[:]); err != nil {
		return it, err
	}
	if flags&recImage != 0 {
		var h caselib.ImageHash
		if _, err := io.ReadFull(r, h[:]); err != nil {
			return it, err
		}
		it.Image = &h
	}
	if flags&recText != 0 {
		var buf [4 * similar.SigLen]byte
		if _, err := io.ReadFull(r, buf[:]); err != nil {
			return it, err
		}
		var s caselib.TextSig
		for i := range s {
			s[i] = binary.LittleEndian.Uint32(buf[4*i:])
		}
		it.Text = &s
	}
	return it, nil
}

// finish writes the library's part of the report once attribution is
// done: the earlier packs, the ClaimRecycled finding and the verdict on
// an earlier owner; then records the pack, unless the triage was cut
// short (cut) or its hash is unknown.
func (l *libraryStage) finish(ctx context.Context, a *analysis, cut bool) {
	rep := a.rep
	lr := &LibraryReport{Files: l.files, Seen: l.seen, Earlier: []EarlierPack{}, CappedLookups: l.capped}
	for _, p := range l.earlier {
		lr.Earlier = append(lr.Earlier, *p)
	}
	slices.SortFunc(lr.Earlier, func(x, y EarlierPack) int {
		if c := cmp.Compare(y.Items, x.Items); c != 0 {
			return c
		}
		if c := cmp.Compare(x.TriagedAt, y.TriagedAt); c != 0 {
			return c
		}
		return cmp.Compare(x.SHA256, y.SHA256)
	})
	if len(lr.Earlier) > MaxEarlierPacks {
		lr.MoreEarlier = len(lr.Earlier) - MaxEarlierPacks
		lr.Earlier = lr.Earlier[:MaxEarlierPacks]
	}
	rep.Library = lr
	if a.opts.Claim != "" && len(lr.Earlier) > 0 && float64(lr.Earlier[0].Items) > RecycledShare*float64(lr.Files) {
		a.recycled(lr.Earlier[0], lr.Files)
	}
	if l.spoolW != nil {
		if err := l.spoolW.Flush(); err != nil {
			l.fail(a, err)
		}
		defer l.spool.Close()
	}
	p := caselib.Pack{Name: rep.Package.Name, Size: rep.Package.Size, Claim: a.opts.Claim, ClaimedOrg: rep.Claim.ClaimedOrg,
		OwnerID: a.owner, OwnerName: a.ownerName, Verdict: string(rep.Claim.Verdict), CaseID: a.opts.Case}
	if cut || !fromHex(p.SHA256[:], rep.Package.SHA256) || l.failed != nil || ctx.Err() != nil {
		rep.Problems = append(rep.Problems, a.libProblems...)
		return
	}
	if len(p.Claim) > caselib.MaxPathBytes {
		p.Claim = p.Claim[:caselib.MaxPathBytes]
	}
	if len(p.CaseID) > caselib.MaxPathBytes {
		p.CaseID = p.CaseID[:caselib.MaxPathBytes]
	}
	fromHex(p.SHA1[:], rep.Package.SHA1)
	fromHex(p.MD5[:], rep.Package.MD5)
	if t, err := time.Parse(time.RFC3339, rep.TriagedAt); err == nil {
		p.TriagedAt = t
	}
	if err := l.lib.RecordItems(ctx, p, l.records()); err != nil {
		l.fail(a, err)
	} else {
		lr.Recorded = true
	}
	rep.Problems = append(rep.Problems, a.libProblems...)
}

// recycled adds the ClaimRecycled finding to the claim, and, when the
// package has no owner of its own, judges the claim on the owner the
// earlier pack's triage found (Claim.Basis).
func (a *analysis) recycled(e EarlierPack, files int) {
	c := &a.rep.Claim
	day := e.TriagedAt
	if len(day) >= 10 {
		day = day[:10]
	}
	claimed := "with no claim"
	if e.Claimed != "" {
		claimed = fmt.Sprintf("claimed as %q", e.Claimed)
	}
	owner := "no owner found"
	if e.Owner != "" {
		owner = fmt.Sprintf("owner %s (%s)", e.OwnerName, e.Owner)
	}
	detail := fmt.Sprintf("%d of %d files were published on %s in a pack %s, %s (%s; %d of them byte for byte)",
		e.Items, files, day, claimed, owner, e.Name, e.Exact)
	if c.Owner != "" && e.Owner != "" && c.Owner != e.Owner {
		detail += fmt.Sprintf("; that triage found the owner %s, this one %s", e.Owner, c.Owner)
	}
	c.Findings = append(c.Findings, ClaimFinding{Kind: ClaimRecycled, Detail: detail})
	if e.Owner != "" {
		c.EarlierOwner, c.EarlierOwnerName = e.Owner, e.OwnerName
	}
	if c.Owner == "" && e.Owner != "" && c.ClaimedOrg != "" {
		a.judgeOnEarlier(e)
	}
	if c.Reason == "" {
		c.Reason = detail
	} else {
		c.Reason += "; " + detail
	}
}

// judgeOnEarlier decides the verdict, for a package without an owner of
// its own, on the owner that the earlier pack's triage found: the same
// rules as fingerprint's Result.Verdict, on that one owner.
func (a *analysis) judgeOnEarlier(e EarlierPack) {
	c := &a.rep.Claim
	cat := a.catalogue()
	claimed := c.ClaimedOrg
	c.Basis = BasisEarlierTriage
	c.Verdict, c.Relation = VerdictContradicted, cat.Kinship(claimed, e.Owner)
	switch {
	case c.Relation == fingerprint.RelationSame:
		c.Verdict = VerdictSupported
	case c.Relation != "":
	case slices.ContainsFunc(a.rep.Attribution.Ranking, func(o Owner) bool { return o.Org == claimed }):
		c.Relation = fingerprint.RelationCounterparty
	default:
		c.Relation = fingerprint.RelationUnrelated
	}
	c.Reason = fmt.Sprintf("the package holds no custody or authorship evidence of its own; by the earlier triage of %s, whose owner was %s (%s), the claimed %s is %s",
		e.Name, e.OwnerName, e.Owner, c.ClaimedName, relationPhrase(c.Relation))
}

func relationPhrase(r string) string {
	switch r {
	case fingerprint.RelationSame:
		return "the owner"
	case fingerprint.RelationSubsidiaryOfClaimed:
		return "the parent of that owner"
	case fingerprint.RelationParentOfClaimed:
		return "a subsidiary of that owner"
	case fingerprint.RelationCounterparty:
		return "a counterparty named in the files, not their owner"
	}
	return "not their owner"
}
