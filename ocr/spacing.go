package ocr

import (
	"image"
	"math"
	"slices"
	"strings"
	"unicode"
)

// Word spacing of Japanese text (Respace). Japanese fonts set Han and kana
// at a fixed pitch of one em, whatever the width of their ink; a space
// between two words (as between katakana words of a company name) adds a
// quarter to a half of an em. Recognisers cut Japanese into words at
// places of their own and their character boxes drift by up to an em, so
// the spaces are taken from the glyph boxes of the layout instead.
const (
	// pitchMinPairs: a segment with fewer pairs of adjacent full-size
	// glyphs has too few to measure the pitch.
	pitchMinPairs = 4
	// fullShare: a full-size glyph is at least this share of the
	// segment's text height in width and in height.
	fullShare = 0.7
	// spacePitch: two Japanese characters whose middles are at least this
	// many pitches apart have a word space between them.
	spacePitch = 1.1
	// narrowSpacePitch is the same when one of them is narrow (under
	// fullShare of the pitch): its ink may sit off the middle of its cell.
	narrowSpacePitch = 1.3
	// spaceSum: and that distance plus the ink gap between them is at
	// least this many pitches (letter spacing is about a tenth to a fifth
	// of the pitch; glyphs with marks on one side, as ビ, sit off the
	// middle of their cell, so the distance alone misleads).
	spaceSum = 1.5
	// maxSkipShare: when the text and the glyph boxes agree this badly
	// (characters or glyphs left unmatched, as a share of the characters),
	// the text is left as it is.
	maxSkipShare = 0.25
	// maxSureCost: a character whose glyph boxes cost more than this
	// in the alignment is not trusted to place a space.
	maxSureCost = 0.3
	// maxRespaceRunes bounds the alignment's work (runes times glyphs).
	maxRespaceRunes = 300
)

// glyphPitch returns the typical distance between the middles of
// adjacent full-size glyphs (the mean of the middle half), or 0 when there are fewer than pitchMinPairs pairs.
func glyphPitch(glyphs []image.Rectangle) float64 {
	if len(glyphs) < pitchMinPairs+1 {
		return 0
	}
	hs := make([]int, 0, len(glyphs))
	for _, g := range glyphs {
		hs = append(hs, g.Dy())
	}
	slices.Sort(hs)
	h := float64(hs[len(hs)*3/4])
	full := func(g image.Rectangle) bool {
		return float64(g.Dx()) >= fullShare*h && float64(g.Dy()) >= fullShare*h && g.Dx() <= 2*g.Dy()
	}
	var pitches []int
	for i := 1; i < len(glyphs); i++ {
		if full(glyphs[i-1]) && full(glyphs[i]) {
			pitches = append(pitches, glyphs[i].Min.X+glyphs[i].Max.X-glyphs[i-1].Min.X-glyphs[i-1].Max.X)
		}
	}
	if len(pitches) < pitchMinPairs {
		return 0
	}
	// The mean of the middle half: pixel rounding makes single pitches
	// coarse at screen sizes.
	slices.Sort(pitches)
	mid := pitches[len(pitches)/4 : len(pitches)-len(pitches)/4]
	sum := 0
	for _, p := range mid {
		sum += p
	}
	return float64(sum) / float64(2*len(mid))
}

// runeClass is how a character is expected to look in the glyph boxes.
type runeClass uint8

const (
	classNarrow runeClass = iota // Latin letters, digits, ASCII punctuation
	classCell                    // full-width punctuation and forms
	classLetter                  // Han, kana, the prolonged sound mark
)

func classOf(r rune) runeClass {
	switch {
	case JapaneseLetter(r):
		return classLetter
	case isCJK(r):
		return classCell
	}
	return classNarrow
}

// JapaneseLetter reports whether r is a Han or kana character or the
// prolonged sound mark ー: a letter of Japanese text, not punctuation.
func JapaneseLetter(r rune) bool {
	return r == 'ー' || r != '・' && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// Respace sets the spaces between the Japanese letters of text, the
// recognised text of the segment, from the segment's glyph boxes: a
// space where two letters are set at least spacePitch apart, none where
// they are set at the usual pitch. The characters of text are matched
// to the glyph boxes in order (a character may take several boxes, as ル
// does, and two narrow Latin letters that touch share one). Spaces next
// to other characters are left alone, and so is the whole text when the
// segment has no measurable pitch or the text and the boxes do not agree.
func (s TextSegment) Respace(text string) string {
	if s.Pitch <= 0 || len(s.GlyphBoxes) == 0 {
		return text
	}
	var runes []rune
	spaceBefore := map[int]bool{}
	for _, r := range text {
		if unicode.IsSpace(r) {
			if len(runes) > 0 {
				spaceBefore[len(runes)] = true
			}
			continue
		}
		runes = append(runes, r)
	}
	if len(runes) == 0 || len(runes) > maxRespaceRunes || len(s.GlyphBoxes) > 2*maxRespaceRunes {
		return text
	}
	span, skips := alignGlyphs(runes, s.GlyphBoxes, s.Pitch)
	if float64(skips) > maxSkipShare*float64(len(runes)) {
		return text
	}
	// sure reports whether character k matched its boxes well (true
	// past the ends): a space is judged only between two characters that
	// did, next to two that did, so that a shift of the alignment after
	// a misread is not taken for a space.
	sure := func(k int) bool {
		return k < 0 || k >= len(runes) || span[k].n > 0 && span[k].cost <= maxSureCost
	}
	var b strings.Builder
	for i, r := range runes {
		if i > 0 {
			space := spaceBefore[i]
			p, q := span[i-1], span[i]
			if JapaneseLetter(runes[i-1]) && JapaneseLetter(r) && p.end() == q.first && sure(i-2) && sure(i-1) && sure(i) && sure(i+1) {
				a, c := unionBox(s.GlyphBoxes[p.first:p.end()]), unionBox(s.GlyphBoxes[q.first:q.end()])
				dist := float64(c.Min.X+c.Max.X-a.Min.X-a.Max.X) / 2
				limit := spacePitch
				if float64(min(a.Dx(), c.Dx())) < fullShare*s.Pitch {
					limit = narrowSpacePitch
				}
				space = dist >= limit*s.Pitch && dist+float64(c.Min.X-a.Max.X) >= spaceSum*s.Pitch
			}
			if space {
				b.WriteByte(' ')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// glyphSpan is the glyph boxes [first, first+n) matched to a character.
type glyphSpan struct {
	first, n int
	cost     float64 // the cost of the match
}

func (g glyphSpan) end() int { return g.first + g.n }

func unionBox(bs []image.Rectangle) image.Rectangle {
	var u image.Rectangle
	for _, b := range bs {
		u = u.Union(b)
	}
	return u
}

// Costs of the alignment of characters with glyph boxes.
const (
	skipRuneCost  = 1.0
	skipGlyphCost = 1.0
	// skipSpeckCost is the cost of leaving out a box much smaller than
	// the pitch (a speck, a dot the layout did not merge).
	skipSpeckCost = 0.3
	// maxGlyphsPerRune: a character takes at most this many boxes.
	maxGlyphsPerRune = 3
)

// alignGlyphs matches the characters to the glyph boxes in order, by
// dynamic programming over the cost of each character's boxes not
// looking like it (width for its class, pieces far apart) and of
// characters and boxes left unmatched. It returns each character's boxes
// (n == 0 when unmatched; two touching narrow characters may share one
// box) and the number of characters and boxes left unmatched.
func alignGlyphs(runes []rune, glyphs []image.Rectangle, pitch float64) ([]glyphSpan, int) {
	n, m := len(runes), len(glyphs)
	const (
		stepSkipRune = iota + 1
		stepSkipGlyph
		stepMatch  // k glyphs for one rune
		stepShared // two narrow runes, one glyph
	)
	type cell struct {
		cost float64
		step uint8
		k    uint8
	}
	dp := make([]cell, (n+1)*(m+1))
	at := func(i, j int) *cell { return &dp[i*(m+1)+j] }
	for i := range dp {
		dp[i].cost = math.Inf(1)
	}
	at(0, 0).cost = 0
	relax := func(i, j int, c float64, step uint8, k int) {
		if d := at(i, j); c < d.cost {
			*d = cell{cost: c, step: step, k: uint8(k)}
		}
	}
	skipGlyph := func(g image.Rectangle) float64 {
		if float64(max(g.Dx(), g.Dy())) < 0.25*pitch {
			return skipSpeckCost
		}
		return skipGlyphCost
	}
	for i := 0; i <= n; i++ {
		for j := 0; j <= m; j++ {
			c := at(i, j).cost
			if math.IsInf(c, 1) {
				continue
			}
			if i < n {
				relax(i+1, j, c+skipRuneCost, stepSkipRune, 0)
			}
			if j < m {
				relax(i, j+1, c+skipGlyph(glyphs[j]), stepSkipGlyph, 0)
			}
			if i >= n {
				continue
			}
			cls := classOf(runes[i])
			u := image.Rectangle{}
			maxGap := 0
			for k := 1; k <= maxGlyphsPerRune && j+k <= m; k++ {
				g := glyphs[j+k-1]
				if k > 1 {
					maxGap = max(maxGap, g.Min.X-glyphs[j+k-2].Max.X)
				}
				u = u.Union(g)
				relax(i+1, j+k, c+matchCost(runes[i], cls, u, k, maxGap, pitch), stepMatch, k)
			}
			if i+1 < n && cls == classNarrow && classOf(runes[i+1]) == classNarrow && j < m {
				w := float64(glyphs[j].Dx())
				relax(i+2, j+1, c+0.4+3*max(0, w-1.6*pitch)/pitch, stepShared, 1)
			}
		}
	}
	spans := make([]glyphSpan, n)
	skips := 0
	for i, j := n, m; i > 0 || j > 0; {
		d := at(i, j)
		switch d.step {
		case stepSkipRune:
			i--
			skips++
		case stepSkipGlyph:
			j--
			if skipGlyph(glyphs[j]) == skipGlyphCost {
				skips++
			}
		case stepMatch:
			j -= int(d.k)
			i--
			spans[i] = glyphSpan{j, int(d.k), d.cost - at(i, j).cost}
		case stepShared:
			j--
			i -= 2
			spans[i] = glyphSpan{j, 1, 1}
			spans[i+1] = glyphSpan{j, 1, 1}
		default:
			return spans, n + m // unreachable: every cell is reached
		}
	}
	return spans, skips
}

// matchCost is the cost of the character r, of class cls, drawn as k glyph
// boxes whose union is u and whose widest inner gap is gap.
func matchCost(r rune, cls runeClass, u image.Rectangle, k, gap int, pitch float64) float64 {
	w := float64(u.Dx())
	var c float64
	h := float64(u.Dy())
	switch cls {
	case classNarrow:
		c = 3 * max(0, w-0.9*pitch) / pitch
		c += 0.5 * float64(k-1)
		if w >= 0.75*pitch && h >= 0.75*pitch {
			c += 0.5 // as big as a kanji
		}
		switch {
		case strings.ContainsRune(".,'`-_~\"", r):
		case max(w, h) < 0.3*pitch:
			c += 0.8 // a speck for a letter or a bracket
		case strings.ContainsRune("()[]{}|/\\", r) && h < 0.6*pitch:
			c += 0.5 // brackets and slashes are tall
		case strings.ContainsRune("Iil1!|", r) && w > 0.5*pitch:
			c += 0.6 // and these thin
		}
	default:
		c = 3 * max(0, w-1.05*pitch) / pitch
		c += 0.2 * float64(k-1)
		if float64(gap) > 0.35*pitch {
			c++
		}
		if cls == classLetter && max(w, h) < 0.5*pitch {
			c += 0.8 // too small for a letter, even a small kana
		}
	}
	return c
}

// LeadingBackslash reports whether the segment's first glyph is one of
// its Backslashes: the segment starts a Windows path at a backslash, as
// a UNC path (\\host\share) does.
func (s TextSegment) LeadingBackslash() bool {
	if len(s.Backslashes) == 0 || len(s.GlyphBoxes) == 0 {
		return false
	}
	return s.Backslashes[0].Min.X < s.GlyphBoxes[0].Max.X
}

// Split cuts the segment at its Backslashes: parts[i] is the part left
// of seps[i], and len(parts) == len(seps)+1. A part has its own glyph
// boxes, CJK share and pitch, and the segment's full height; a part
// without glyphs (between the two backslashes of \\, or before a
// segment's first backslash) has Glyphs == 0. Reading each part alone
// lets a recogniser read a Latin host name and a Japanese folder name of
// one Windows path each with its own model.
func (s TextSegment) Split() (parts []TextSegment, seps []image.Rectangle) {
	seps = slices.Clone(s.Backslashes)
	slices.SortFunc(seps, func(a, b image.Rectangle) int { return a.Min.X - b.Min.X })
	parts = make([]TextSegment, len(seps)+1)
	lo := s.Box.Min.X
	for i := range parts {
		hi := s.Box.Max.X
		if i < len(seps) {
			hi = seps[i].Min.X
		}
		var glyphs []image.Rectangle
		for _, g := range s.GlyphBoxes {
			if m := (g.Min.X + g.Max.X) / 2; m >= lo && m < hi {
				if i < len(seps) && g.Min.X >= seps[i].Min.X && g.Max.X <= seps[i].Max.X {
					continue
				}
				glyphs = append(glyphs, g.Intersect(image.Rect(lo, g.Min.Y, hi, g.Max.Y)))
			}
		}
		glyphs = slices.DeleteFunc(glyphs, func(g image.Rectangle) bool { return g.Empty() })
		if len(glyphs) > 0 {
			u := unionBox(glyphs)
			// Keep a pixel off the backslashes, so that a reader's
			// margin around the part does not take in their ink.
			x0, x1 := u.Min.X, u.Max.X
			if i > 0 {
				x0 = max(x0, lo+1)
			}
			if i < len(seps) {
				x1 = min(x1, hi-1)
			}
			parts[i] = TextSegment{
				Box:        image.Rect(x0, s.Box.Min.Y, max(x1, x0+1), s.Box.Max.Y),
				CJK:        cjkShare(glyphs, s.textHeight),
				Glyphs:     len(glyphs),
				GlyphBoxes: glyphs,
				Pitch:      glyphPitch(glyphs),
				textHeight: s.textHeight,
			}
		}
		if i < len(seps) {
			lo = seps[i].Max.X
		}
	}
	return parts, seps
}
