package ocr

import (
	"context"
	"image"
	"math"
	"slices"
	"sort"
)

// Layout limits and thresholds, in pixels of the image given to FindText
// (screen pixels when the image is not upscaled).
const (
	// layoutRadius is the radius of the window whose brightest pixel is
	// taken as the local background.
	layoutRadius = 4
	// layoutContrast is how much darker than its background a pixel must
	// be to count as ink.
	layoutContrast = 60
	// ruleLength: straight ink runs at least this long are rules (table
	// borders, pane separators, underlines), not text, and are erased.
	ruleLength = 40
	// vruleLength is the same for vertical runs: table borders are cut
	// into row-high pieces, and screen glyphs are shorter.
	vruleLength = 24
	// frameSideMin: a vertical run at least this long that joins two
	// horizontal rules is the side of a frame (see eraseRules).
	frameSideMin = 6
	// minBackslash is the least height of a backslash glyph: 9 px text
	// draws it 6-7 px tall, 8 px text about 6.
	minBackslash = 5
	// maxGlyphHeight: components taller than this are pictures or boxes,
	// not screen text.
	maxGlyphHeight = 64
	// maxComponents bounds the work on a hostile, noisy image.
	maxComponents = 200_000
	// maxThinMarks bounds the thin marks tried against every segment
	// (see keepGroups): past it, they are all dropped as noise.
	maxThinMarks = 20_000
)

// TextSegment is a run of glyphs on one text line with no gap wider than
// about one character: a word group, a table cell, a label.
type TextSegment struct {
	// Box is the ink box of the segment.
	Box image.Rectangle
	// CJK is the share of the segment's width drawn by glyphs shaped like
	// Han or kana characters (full height and about as wide as high), 0
	// to 1: a hint for choosing the recognition language.
	CJK float64
	// Glyphs is the number of glyph boxes found in the segment.
	Glyphs int
	// GlyphBoxes are the glyph boxes of the segment, left to right:
	// its components merged where they overlap in x. A glyph drawn in
	// separate strokes side by side (ル, ハ, い) gives several.
	GlyphBoxes []image.Rectangle
	// Backslashes are the glyph boxes shaped like a backslash: a thin
	// stroke falling from left to right, about as tall as the text. They
	// separate the parts of Windows paths, which mix scripts (a Latin
	// host name, Japanese folder names); see Split.
	Backslashes []image.Rectangle
	// Pitch is the usual distance between the middles of adjacent
	// full-size glyphs (about one em of a Japanese font), 0 when the
	// segment has too few of them to tell (see Respace).
	Pitch float64
	// textHeight is the text height its glyphs were judged against.
	textHeight int
}

// TextLine is one visual row of text: the segments that share a row in
// one region of the screen, left to right. The cells of a table row form
// one TextLine.
type TextLine struct {
	// Box is the union of the segments' boxes.
	Box image.Rectangle
	// Segments are the line's segments, left to right.
	Segments []TextSegment
}

// FindText finds the text of a screenshot-like gray image (dark text on
// a light background, as Prepare makes it) and returns its lines in
// reading order: screen regions one after the other (top bars, then the
// panes left to right, then bottom bars), each top to bottom, the cells of
// a table row in one line.
//
// It works on ink (pixels clearly darker than their neighbourhood's
// background), erases straight rules, groups connected components into
// segments, and orders them by recursive cuts along the widest empty
// bands: a vertical cut is taken only where the rows on its two sides do
// not line up (two panes), so that table rows stay whole. Its cost is
// linear in the pixels plus about n log n in the components; the number of
// components is bounded (maxComponents), past which the rest are ignored.
//
// scale is how much g was upscaled from screen pixels (Prepared.Scale; 1
// when not): the pixel thresholds grow with it.
func FindText(g *image.Gray, scale float64) []TextLine {
	lines, _ := FindTextContext(context.Background(), g, scale)
	return lines
}

// FindTextContext is FindText that stops when ctx is done, within a few
// milliseconds of work, and then returns ctx.Err(): on a hostile image
// (noise that looks like glyphs everywhere) the layout takes seconds.
func FindTextContext(ctx context.Context, g *image.Gray, scale float64) ([]TextLine, error) {
	if g == nil {
		return nil, ctx.Err()
	}
	b := g.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 {
		return nil, ctx.Err()
	}
	lp := layoutParams{scale: min(max(scale, 1), maxScale), ctx: ctx}
	ink := inkMask(g, lp.px(layoutRadius), lp)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	eraseRules(ink, w, h, lp)
	comps := components(ink, w, h, lp)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	segs := segments(comps, lp, inkMap{ink, w})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	lines := order(segs, lp)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i := range lines {
		l := &lines[i]
		for j := range l.Segments {
			sg := &l.Segments[j]
			sg.Box = sg.Box.Add(b.Min)
			for k := range sg.GlyphBoxes {
				sg.GlyphBoxes[k] = sg.GlyphBoxes[k].Add(b.Min)
			}
			for k := range sg.Backslashes {
				sg.Backslashes[k] = sg.Backslashes[k].Add(b.Min)
			}
		}
		l.Box = l.Box.Add(b.Min)
	}
	return lines, nil
}

// layoutParams scales the pixel thresholds to the image, and carries the
// context of the FindTextContext call, which the long loops check.
type layoutParams struct {
	scale float64
	ctx   context.Context
}

// canceled reports that the layout's context is done: the loops then
// stop, and FindTextContext returns the context's error.
func (lp layoutParams) canceled() bool { return lp.ctx != nil && lp.ctx.Err() != nil }

// px scales a threshold given in screen pixels.
func (lp layoutParams) px(v int) int { return int(float64(v)*lp.scale + 0.5) }

// inkMask marks the pixels darker than their local background by
// layoutContrast. The background is the brightest pixel within
// layoutRadius (a separable max filter).
func inkMask(g *image.Gray, r int, lp layoutParams) []bool {
	b := g.Bounds()
	w, h := b.Dx(), b.Dy()
	tmp := make([]uint8, w*h)
	for y := 0; y < h; y++ {
		if y%256 == 0 && lp.canceled() {
			return nil // FindTextContext returns before using it
		}
		row := g.Pix[(y)*g.Stride : y*g.Stride+w]
		out := tmp[y*w : (y+1)*w]
		slidingMax(row, out, r)
	}
	bg := make([]uint8, w*h)
	col := make([]uint8, h)
	colOut := make([]uint8, h)
	for x := 0; x < w; x++ {
		if x%256 == 0 && lp.canceled() {
			return nil
		}
		for y := 0; y < h; y++ {
			col[y] = tmp[y*w+x]
		}
		slidingMax(col, colOut, r)
		for y := 0; y < h; y++ {
			bg[y*w+x] = colOut[y]
		}
	}
	ink := make([]bool, w*h)
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		for x, v := range row {
			ink[y*w+x] = int(bg[y*w+x])-int(v) >= layoutContrast
		}
	}
	return ink
}

// slidingMax sets out[i] to the maximum of in[i-r:i+r+1].
func slidingMax(in, out []uint8, r int) {
	n := len(in)
	for i := 0; i < n; i++ {
		m := uint8(0)
		for j := max(i-r, 0); j <= min(i+r, n-1); j++ {
			if in[j] > m {
				m = in[j]
			}
		}
		out[i] = m
	}
}

// eraseRules clears horizontal ink runs of ruleLength or more, vertical
// ones of vruleLength or more, and the shorter vertical runs that join
// two horizontal rules, top and bottom: the sides of an input field or
// the borders between the cells of a table row, however low the field
// or the row (a glyph's stem touching a rule at both ends would take
// text squeezed into its box with no margin).
func eraseRules(ink []bool, w, h int, lp layoutParams) {
	hrule, vrule := lp.px(ruleLength), lp.px(vruleLength)
	side, reachX := lp.px(frameSideMin), lp.px(2)
	var runs [][3]int // x or y, start, end
	for y := 0; y < h; y++ {
		row := ink[y*w : (y+1)*w]
		for x := 0; x < w; {
			if !row[x] {
				x++
				continue
			}
			s := x
			for x < w && row[x] {
				x++
			}
			if x-s >= hrule {
				runs = append(runs, [3]int{y, s, x})
			}
		}
	}
	// ruleAt marks the pixels of the horizontal rules, row by row.
	var ruleAt []bool
	if len(runs) > 0 {
		ruleAt = make([]bool, w*h)
		for _, r := range runs {
			for x := r[1]; x < r[2]; x++ {
				ruleAt[r[0]*w+x] = true
			}
		}
	}
	// touches reports a rule pixel in row y (or the row beside it,
	// toward dy) within reachX columns of x.
	touches := func(x, y, dy int) bool {
		for _, yy := range [2]int{y, y + dy} {
			if yy < 0 || yy >= h {
				continue
			}
			for xx := max(x-reachX, 0); xx <= min(x+reachX, w-1); xx++ {
				if ruleAt[yy*w+xx] {
					return true
				}
			}
		}
		return false
	}
	var cols [][3]int
	for x := 0; x < w; x++ {
		for y := 0; y < h; {
			if !ink[y*w+x] {
				y++
				continue
			}
			s := y
			for y < h && ink[y*w+x] {
				y++
			}
			if y-s >= vrule || ruleAt != nil && y-s >= side && touches(x, s, -1) && touches(x, y-1, 1) {
				cols = append(cols, [3]int{x, s, y})
			}
		}
	}
	for _, r := range runs {
		for x := r[1]; x < r[2]; x++ {
			ink[r[0]*w+x] = false
		}
	}
	for _, c := range cols {
		for y := c[1]; y < c[2]; y++ {
			ink[y*w+c[0]] = false
		}
	}
}

// component is a connected set of ink pixels.
type component struct {
	box image.Rectangle
	n   int
}

// components labels the 8-connected ink components by union-find over
// horizontal runs.
func components(ink []bool, w, h int, lp layoutParams) []component {
	tall, solid := lp.px(maxGlyphHeight), lp.px(12)
	type run struct{ y, x0, x1, id int }
	var runs []run
	parent := []int{}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	prevStart := 0
	for y := 0; y < h; y++ {
		if y%256 == 0 && lp.canceled() {
			return nil
		}
		curStart := len(runs)
		row := ink[y*w : (y+1)*w]
		for x := 0; x < w; {
			if !row[x] {
				x++
				continue
			}
			s := x
			for x < w && row[x] {
				x++
			}
			if len(runs) >= maxComponents*4 {
				break
			}
			id := len(parent)
			parent = append(parent, id)
			runs = append(runs, run{y, s, x, id})
			// Join the runs of the previous row that touch this one
			// (8-connectivity: one pixel of diagonal reach).
			for j := prevStart; j < curStart; j++ {
				p := runs[j]
				if p.x1 < s || p.x0 > x {
					continue
				}
				a, b := find(p.id), find(id)
				if a != b {
					parent[b] = a
				}
			}
		}
		prevStart = curStart
	}
	idx := map[int]int{}
	var out []component
	for _, r := range runs {
		root := find(r.id)
		rb := image.Rect(r.x0, r.y, r.x1, r.y+1)
		k, ok := idx[root]
		if !ok {
			if len(out) >= maxComponents {
				continue
			}
			idx[root] = len(out)
			out = append(out, component{box: rb, n: r.x1 - r.x0})
			continue
		}
		out[k].box = out[k].box.Union(rb)
		out[k].n += r.x1 - r.x0
	}
	// Drop what is not text: tall shapes, and filled blobs the size of
	// a letter or more (icons, avatars, bullets drawn as shapes).
	keep := out[:0]
	for _, c := range out {
		bw, bh := c.box.Dx(), c.box.Dy()
		if bh > tall || bw > 8*tall {
			continue
		}
		if bw >= solid && bh >= solid && float64(c.n) > 0.85*float64(bw*bh) && bw < 2*bh && bh < 2*bw {
			continue
		}
		keep = append(keep, c)
	}
	return keep
}

// segments groups components into segments: components on one row
// (sharing half their height) with a gap under about one character, or
// stacked closely (the dot of an i, the parts of a kanji). Marks too thin
// to be glyphs on their own (the strokes of ニ, ソ and ー) join the
// segment whose row they sit in when they are within a character of it.
// Shapes more than 1.8 times the screen's text height (avatars,
// pictures) do not join text much smaller than themselves.
func segments(comps []component, lp layoutParams, ink inkMap) []TextSegment {
	n := len(comps)
	if n == 0 {
		return nil
	}
	sort.Slice(comps, func(i, j int) bool { return comps[i].box.Min.X < comps[j].box.Min.X })
	groups := linkComponents(comps, lp, 0)
	out, members, ref := keepGroups(comps, groups, lp, 0)
	tallest := 0
	for _, c := range comps {
		tallest = max(tallest, c.box.Dy())
	}
	dropped := false
	if ref > 0 {
		comps, dropped = dropRulePieces(comps, ref, lp)
	}
	if ref > 0 && (dropped || 10*tallest > 18*ref) {
		groups = linkComponents(comps, lp, ref)
		out, members, ref = keepGroups(comps, groups, lp, ref)
	}
	out, members, ok := splitRows(comps, out, members, lp, ref)
	if !ok {
		return nil
	}
	trimRuleMarks(comps, out, members)
	for i := range out {
		if lp.canceled() {
			return nil
		}
		glyphs := glyphBoxes(comps, members[i])
		th := max(textHeight(comps, members[i]), ref)
		out[i].CJK = cjkShare(glyphs, th)
		out[i].Glyphs = len(glyphs)
		out[i].GlyphBoxes = glyphs
		out[i].Pitch = glyphPitch(glyphs)
		out[i].textHeight = th
		for _, c := range members[i] {
			if b, ok := ink.findBackslash(comps[c].box, th); ok {
				out[i].Backslashes = append(out[i].Backslashes, b)
			}
		}
		slices.SortFunc(out[i].Backslashes, func(a, b image.Rectangle) int { return a.Min.X - b.Min.X })
	}
	return out
}

// dropRulePieces removes the pieces of vertical rules that eraseRules
// left (a table border broken by JPEG noise or drawn light, shorter
// than vruleLength): thin strokes, at most a sixth as wide as tall and
// more than 1.5 times the screen's text height ref, with no component
// of at least 0.6 times their height beside them within their height.
// A tall l or | of a large heading has its letters beside it; a border
// has small text beside it. comps is sorted by left edge, and stays so.
func dropRulePieces(comps []component, ref int, lp layoutParams) ([]component, bool) {
	stroke := func(c component) bool {
		h := c.box.Dy()
		return 2*h > 3*ref && 6*c.box.Dx() <= h
	}
	maxW := 0
	for _, c := range comps {
		maxW = max(maxW, c.box.Dx())
	}
	var drop []bool
	for i, c := range comps {
		if i%256 == 0 && lp.canceled() {
			return comps, false
		}
		if !stroke(c) {
			continue
		}
		h := c.box.Dy()
		alone := true
		for _, step := range [2]int{-1, 1} {
			for j := i + step; alone && j >= 0 && j < len(comps); j += step {
				d := comps[j].box
				if step > 0 && d.Min.X > c.box.Max.X+h || step < 0 && d.Min.X < c.box.Min.X-h-maxW {
					break
				}
				if j == i || stroke(comps[j]) || d.Max.X < c.box.Min.X-h {
					continue
				}
				if 10*d.Dy() >= 6*h && min(d.Max.Y, c.box.Max.Y) > max(d.Min.Y, c.box.Min.Y) {
					alone = false
				}
			}
		}
		if alone {
			if drop == nil {
				drop = make([]bool, len(comps))
			}
			drop[i] = true
		}
	}
	if drop == nil {
		return comps, false
	}
	keep := make([]component, 0, len(comps))
	for i, c := range comps {
		if !drop[i] {
			keep = append(keep, c)
		}
	}
	return keep, true
}

// linkComponents joins the components (sorted by left edge) that belong
// to one segment and returns the groups, in order of their first member.
// ref, when not 0, is the screen's text height: a component taller than
// 1.8 times it joins only components at least half its height.
func linkComponents(comps []component, lp layoutParams, ref int) [][]int {
	tall := lp.px(maxGlyphHeight)
	n := len(comps)
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := 0; i < n; i++ {
		if i%256 == 0 && lp.canceled() {
			return nil
		}
		a := comps[i].box
		for j := i + 1; j < n; j++ {
			b := comps[j].box
			hmax := max(a.Dy(), b.Dy())
			if b.Min.X > a.Max.X+hmax+2 {
				if b.Min.X > a.Max.X+2*tall {
					break
				}
				continue
			}
			hmin := min(a.Dy(), b.Dy())
			if ref > 0 && bigBeside(hmax, hmin, ref) {
				continue
			}
			ov := min(a.Max.Y, b.Max.Y) - max(a.Min.Y, b.Min.Y)
			gap := b.Min.X - a.Max.X
			linked := false
			switch {
			case ov >= (hmin+1)/2 && float64(gap) <= 0.8*float64(hmax)+1:
				// Same row; the taller one sets the scale, so that
				// punctuation joins its word. A small glyph must sit
				// within the taller one's height.
				linked = true
			case gap < 0 && -ov <= max(2, hmax/3) && min(a.Max.X, b.Max.X)-max(a.Min.X, b.Min.X) >= min(a.Dx(), b.Dx())/2:
				// Stacked: overlapping columns and a small vertical gap.
				linked = true
			}
			if linked {
				ra, rb := find(i), find(j)
				if ra != rb {
					parent[rb] = ra
				}
			}
		}
	}
	idx := map[int]int{}
	var groups [][]int
	for i := range comps {
		r := find(i)
		k, ok := idx[r]
		if !ok {
			k = len(groups)
			idx[r] = k
			groups = append(groups, nil)
		}
		groups[k] = append(groups[k], i)
	}
	return groups
}

// bigBeside reports whether a shape of height hmax, more than 1.8 times
// the screen's text height ref (an avatar, a picture), stands beside one
// of height hmin that is much smaller: under half its height, or of
// about the screen's text height and under two thirds of it.
func bigBeside(hmax, hmin, ref int) bool {
	if 10*hmax <= 18*ref {
		return false
	}
	return 2*hmin < hmax || 4*hmin <= 5*ref && 3*hmin < 2*hmax
}

// keepGroups turns the groups into segments, leaving out specks and
// groups of thin marks unless they sit in the row of a segment within a
// character of it, and returns the segments, their members and the
// typical text height of the screen (the median height of the segments
// of three components or more): a segment lower than it (lower-case
// Latin without ascenders) is judged against it. ref, when not 0, is the
// text height found by a first pass: segments much taller than it do not
// merge with text beside them.
func keepGroups(comps []component, groups [][]int, lp layoutParams, ref int) ([]TextSegment, [][]int, int) {
	speck, thin := lp.px(4), lp.px(3)
	out := make([]TextSegment, 0, len(groups))
	var members [][]int
	var small []int
	boxes := make([]image.Rectangle, len(groups))
	for k, g := range groups {
		var box image.Rectangle
		for _, i := range g {
			box = box.Union(comps[i].box)
		}
		boxes[k] = box
		solid := false
		for _, i := range g {
			if b := comps[i].box; b.Dx() >= thin && b.Dy() >= thin {
				solid = true
				break
			}
		}
		if !solid || box.Dy() < speck && box.Dx() < speck {
			small = append(small, k)
			continue
		}
		out = append(out, TextSegment{Box: box})
		members = append(members, slices.Clone(g))
	}
	// Thin marks join a segment of their row: several passes, so that
	// the strokes of two thin characters in a row both join.
	for pass := 0; pass < 3 && len(small) > 0 && len(out) > 0; pass++ {
		rest := small[:0]
		for _, k := range small {
			b := boxes[k]
			joined := false
			if b.Dy() <= lp.px(maxGlyphHeight) && len(small) <= maxThinMarks {
				for s := range out {
					sb := out[s].Box
					h := sb.Dy()
					if b.Min.Y < sb.Min.Y || b.Max.Y > sb.Max.Y || h < 2*b.Dy() && b.Dx() < thin {
						continue
					}
					gap := max(sb.Min.X-b.Max.X, b.Min.X-sb.Max.X)
					if gap > h || b.Dx() > h {
						continue
					}
					out[s].Box = sb.Union(b)
					members[s] = append(members[s], groups[k]...)
					joined = true
					break
				}
			}
			if !joined {
				rest = append(rest, k)
			}
		}
		if len(rest) == len(small) {
			break
		}
		small = rest
	}
	out, members = mergeRowNeighbours(out, members, ref)
	var heights []int
	for i, m := range members {
		if len(m) >= 3 {
			heights = append(heights, out[i].Box.Dy())
		}
	}
	ref = 0
	if len(heights) > 0 {
		slices.Sort(heights)
		ref = heights[len(heights)/2]
	}
	return out, members, ref
}

// splitRows cuts the segments that hold more than one text row into one
// segment per row (ref is the screen's text height, for linkComponents). Rows join when a mark between them touches both (a
// JPEG speck in the gap between spreadsheet rows, the side of a field's
// frame) or when a descender or a bracket of one row comes within a few
// pixels of the next row at tight line spacing: the stacked-glyph link
// of linkComponents then chains them, and a recogniser told to read one
// line reads neither. A segment is looked at when it is more than 1.6
// times as tall as its own text (not the screen's, which a page of
// joined rows would raise); its rows are the bands where the middle halves of its glyphs
// (the components at least half its text height) overlap, which the
// glyphs of one row always do, whatever their ascenders and descenders,
// and those of two rows never do. Each other component goes with the
// row holding its middle, or the nearest one; within a row, the
// components are grouped again, so that what the mark between the rows
// chained on one row falls apart where it has gaps.
func splitRows(comps []component, segs []TextSegment, members [][]int, lp layoutParams, ref int) ([]TextSegment, [][]int, bool) {
	var out []TextSegment
	var outM [][]int
	for i, sg := range segs {
		if i%256 == 0 && lp.canceled() {
			return nil, nil, false
		}
		m := members[i]
		if len(m) < 2 {
			out, outM = append(out, sg), append(outM, m)
			continue
		}
		th := textHeight(comps, m)
		if 10*sg.Box.Dy() <= 16*th {
			out, outM = append(out, sg), append(outM, m)
			continue
		}
		bands := rowBands(comps, m, sg.Box, th)
		if len(bands) < 2 {
			out, outM = append(out, sg), append(outM, m)
			continue
		}
		rows := make([][]int, len(bands))
		for _, c := range m {
			b := comps[c].box
			mid := (b.Min.Y + b.Max.Y) / 2
			best, dist := 0, math.MaxInt
			for k, band := range bands {
				d := 0
				if mid < band[0] {
					d = band[0] - mid
				} else if mid >= band[1] {
					d = mid - band[1] + 1
				}
				if d < dist {
					best, dist = k, d
				}
			}
			rows[best] = append(rows[best], c)
		}
		for _, row := range rows {
			rs, rm := rowSegments(comps, row, lp, ref, th)
			out, outM = append(out, rs...), append(outM, rm...)
		}
	}
	return out, outM, true
}

// rowSegments groups the components of one row cut out of a segment by
// splitRows (glyphs th high) into segments again. Marks lower than half
// the text height whose middle lies outside the row's glyphs (what is
// left of a grid line between rows, a JPEG speck) are dropped, and groups
// of such marks alone (an underscore, the strokes of ニ) join the
// segment beside them within one text height, or are dropped, as
// keepGroups does with marks too thin to be glyphs on their own. A group
// is a segment only when one of its glyph-high components is at least 3
// px (scaled) each way, as keepGroups asks of every segment: the sliver
// of a note head or a box that a rule between the rows cut off is a mark,
// not a row of text to read.
func rowSegments(comps []component, row []int, lp layoutParams, ref, th int) ([]TextSegment, [][]int) {
	anchor := func(c int) bool { return 2*comps[c].box.Dy() >= th }
	thin := lp.px(3)
	var y0, y1 int
	first := true
	for _, c := range row {
		if b := comps[c].box; anchor(c) {
			if first {
				y0, y1, first = b.Min.Y, b.Max.Y, false
			}
			y0, y1 = min(y0, b.Min.Y), max(y1, b.Max.Y)
		}
	}
	if first {
		return nil, nil
	}
	kept := row[:0:0]
	for _, c := range row {
		b := comps[c].box
		if mid := (b.Min.Y + b.Max.Y) / 2; anchor(c) || mid >= y0-th/4 && mid < y1+th/4 {
			kept = append(kept, c)
		}
	}
	// linkComponents wants the components sorted by left edge, as comps
	// is.
	slices.Sort(kept)
	sub := make([]component, len(kept))
	for k, c := range kept {
		sub[k] = comps[c]
	}
	var segs []TextSegment
	var members [][]int
	var marks [][]int
	for _, g := range linkComponents(sub, lp, ref) {
		gm := make([]int, len(g))
		var box image.Rectangle
		solid := false
		for k, j := range g {
			gm[k] = kept[j]
			b := comps[kept[j]].box
			box = box.Union(b)
			solid = solid || anchor(kept[j]) && b.Dx() >= thin && b.Dy() >= thin
		}
		if !solid {
			marks = append(marks, gm)
			continue
		}
		segs, members = append(segs, TextSegment{Box: box}), append(members, gm)
	}
	for _, gm := range marks {
		var box image.Rectangle
		for _, c := range gm {
			box = box.Union(comps[c].box)
		}
		best, bestGap := -1, th+1
		for s, sg := range segs {
			if gap := max(sg.Box.Min.X-box.Max.X, box.Min.X-sg.Box.Max.X); gap < bestGap {
				best, bestGap = s, gap
			}
		}
		if best >= 0 {
			segs[best].Box = segs[best].Box.Union(box)
			members[best] = append(members[best], gm...)
		}
	}
	// A mark that joined a word may now touch the next one (file_name:
	// the underscore links neither glyph on its own): segments of the
	// row as close as the glyphs of one are one.
	idx := make([]int, len(segs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return segs[a].Box.Min.X - segs[b].Box.Min.X })
	var outS []TextSegment
	var outM [][]int
	for _, i := range idx {
		sg := segs[i]
		if k := len(outS) - 1; k >= 0 {
			prev := outS[k].Box
			if float64(sg.Box.Min.X-prev.Max.X) <= 0.8*float64(max(prev.Dy(), sg.Box.Dy()))+1 {
				outS[k].Box = prev.Union(sg.Box)
				outM[k] = append(outM[k], members[i]...)
				continue
			}
		}
		outS, outM = append(outS, sg), append(outM, members[i])
	}
	return outS, outM
}

// trimRuleMarks takes out of each segment the flat marks (at most a
// quarter of its text height high, at least half of it wide) that lie
// above or below its glyphs by more than a third of the text height: the
// pieces of a light grid line between table rows, which the layout does
// not see as one rule, caught by the stacked-glyph link. They make a
// cell look taller than the cells of its row, and the row then does not
// line up (see order). The segments' boxes are recomputed.
func trimRuleMarks(comps []component, segs []TextSegment, members [][]int) {
	for i, m := range members {
		th := textHeight(comps, m)
		y0, y1, any := 0, 0, false
		for _, c := range m {
			if b := comps[c].box; 2*b.Dy() >= th {
				if !any {
					y0, y1, any = b.Min.Y, b.Max.Y, true
				}
				y0, y1 = min(y0, b.Min.Y), max(y1, b.Max.Y)
			}
		}
		if !any {
			continue
		}
		kept := m[:0]
		var box image.Rectangle
		for _, c := range m {
			b := comps[c].box
			flat := 4*b.Dy() <= th && 2*b.Dx() >= th
			if flat && (3*(y0-b.Max.Y) > th || 3*(b.Min.Y-y1) > th) {
				continue
			}
			kept = append(kept, c)
			box = box.Union(b)
		}
		members[i] = kept
		segs[i].Box = box
	}
}

// rowBands returns the text rows of a segment of the given box, whose
// glyphs are th high: the vertical bands, top to bottom, covered by the
// middle halves of the components at least th/2 high.
func rowBands(comps []component, m []int, box image.Rectangle, th int) [][2]int {
	h := box.Dy()
	cover := make([]int, h+1)
	for _, c := range m {
		b := comps[c].box
		bh := b.Dy()
		if 2*bh < th {
			continue
		}
		y0, y1 := b.Min.Y-box.Min.Y+bh/4, b.Max.Y-box.Min.Y-bh/4
		if y1 <= y0 {
			y1 = y0 + 1
		}
		cover[y0]++
		cover[y1]--
	}
	var bands [][2]int
	n := 0
	for y := 0; y < h; y++ {
		was := n
		n += cover[y]
		switch {
		case n > 0 && was == 0:
			bands = append(bands, [2]int{box.Min.Y + y, box.Min.Y + y + 1})
		case n > 0:
			bands[len(bands)-1][1] = box.Min.Y + y + 1
		}
	}
	return bands
}

// mergeRowNeighbours merges segments that share a row and are as close
// as the glyphs of one segment: a word whose first glyphs are thin or
// offset marks (ソニー) that did not link to the rest glyph by glyph.
func mergeRowNeighbours(segs []TextSegment, members [][]int, ref int) ([]TextSegment, [][]int) {
	n := len(segs)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return segs[a].Box.Min.X - segs[b].Box.Min.X })
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	merged := false
	for x, i := range idx {
		a := segs[i].Box
		for _, j := range idx[x+1:] {
			b := segs[j].Box
			hmax, hmin := max(a.Dy(), b.Dy()), min(a.Dy(), b.Dy())
			gap := b.Min.X - a.Max.X
			if gap > 2*maxGlyphHeight {
				break
			}
			ov := min(a.Max.Y, b.Max.Y) - max(a.Min.Y, b.Min.Y)
			if gap < 0 || 2*ov < hmin || 2*hmin < hmax || float64(gap) > 0.8*float64(hmax)+1 ||
				ref > 0 && bigBeside(hmax, hmin, ref) {
				continue
			}
			if ri, rj := find(i), find(j); ri != rj {
				parent[rj] = ri
				merged = true
			}
		}
	}
	if !merged {
		return segs, members
	}
	var out []TextSegment
	var outM [][]int
	at := map[int]int{}
	for i := range segs {
		r := find(i)
		k, ok := at[r]
		if !ok {
			k = len(out)
			at[r] = k
			out = append(out, TextSegment{})
			outM = append(outM, nil)
		}
		out[k].Box = out[k].Box.Union(segs[i].Box)
		outM[k] = append(outM[k], members[i]...)
	}
	return out, outM
}

// textHeight is the height of a segment's text: the 75th percentile of
// its components' heights, grown to cover the taller ones that are at
// most a third taller (so that an icon beside the text does not count).
func textHeight(comps []component, members []int) int {
	hs := make([]int, 0, len(members))
	for _, i := range members {
		hs = append(hs, comps[i].box.Dy())
	}
	slices.Sort(hs)
	h := hs[(len(hs)*3)/4]
	for _, v := range hs {
		if v > h && 3*v <= 4*h {
			h = v
		}
	}
	return h
}

// glyphBoxes merges a segment's components into glyph boxes
// (components overlapping in x), left to right.
func glyphBoxes(comps []component, members []int) []image.Rectangle {
	boxes := make([]image.Rectangle, 0, len(members))
	for _, i := range members {
		boxes = append(boxes, comps[i].box)
	}
	slices.SortFunc(boxes, func(a, b image.Rectangle) int { return a.Min.X - b.Min.X })
	var glyphs []image.Rectangle
	for _, b := range boxes {
		if k := len(glyphs) - 1; k >= 0 && b.Min.X < glyphs[k].Max.X-1 {
			glyphs[k] = glyphs[k].Union(b)
			continue
		}
		glyphs = append(glyphs, b)
	}
	return glyphs
}

// cjkShare returns the share of the glyphs' width drawn by glyphs nearly
// as tall as H (the segment's or the screen's typical text height,
// whichever is more) and about as wide as tall, as Han and kana
// characters are.
func cjkShare(glyphs []image.Rectangle, H int) float64 {
	var total, cjk int
	for _, g := range glyphs {
		total += g.Dx()
		if float64(g.Dy()) >= 0.75*float64(H) && float64(g.Dx()) >= 0.8*float64(g.Dy()) && g.Dx() <= 2*g.Dy() {
			cjk += g.Dx()
		}
	}
	if total == 0 {
		return 0
	}
	return float64(cjk) / float64(total)
}

// rowsOf clusters boxes into rows by vertical overlap and returns the
// rows' vertical extents, top to bottom.
func rowsOf(segs []TextSegment) [][2]int {
	ys := make([][2]int, len(segs))
	for i, s := range segs {
		ys[i] = [2]int{s.Box.Min.Y, s.Box.Max.Y}
	}
	slices.SortFunc(ys, func(a, b [2]int) int { return a[0] - b[0] })
	var rows [][2]int
	for _, y := range ys {
		if k := len(rows) - 1; k >= 0 && y[0] < rows[k][1] {
			rows[k][1] = max(rows[k][1], y[1])
			continue
		}
		rows = append(rows, y)
	}
	return rows
}

// aligned returns the share of the rows of a (the side with fewer rows
// is passed first) that have a row of b centred within a quarter of
// their height and at most twice as tall or half as tall (the digits of
// a row number beside a cell of kanji are two thirds of its height).
func aligned(a, b [][2]int) float64 {
	if len(a) == 0 {
		return 1
	}
	var n int
	for _, r := range a {
		c := r[0] + r[1]
		hr := r[1] - r[0]
		for _, s := range b {
			hs := s[1] - s[0]
			if abs(c-(s[0]+s[1])) <= max(2, min(hr, hs)/2) && 2*hs >= hr && 2*hr >= hs {
				n++
				break
			}
		}
	}
	return float64(n) / float64(len(a))
}

func abs(v int) int { return max(v, -v) }

// gaps returns the empty bands between the intervals, as [start, end)
// pairs, in order.
func gaps(iv [][2]int) [][2]int {
	slices.SortFunc(iv, func(a, b [2]int) int { return a[0] - b[0] })
	var out [][2]int
	end := iv[0][1]
	for _, v := range iv[1:] {
		if v[0] > end {
			out = append(out, [2]int{end, v[0]})
		}
		end = max(end, v[1])
	}
	return out
}

// order puts segments in reading order and groups them into lines.
func order(segs []TextSegment, lp layoutParams) []TextLine {
	if len(segs) == 0 || lp.canceled() {
		return nil
	}
	// Vertical cut between panes: widest empty column first, taken when
	// the rows on its two sides do not line up.
	xs := make([][2]int, len(segs))
	for i, s := range segs {
		xs[i] = [2]int{s.Box.Min.X, s.Box.Max.X}
	}
	if g := gaps(xs); len(g) > 0 {
		slices.SortStableFunc(g, func(a, b [2]int) int { return (b[1] - b[0]) - (a[1] - a[0]) })
		for _, cut := range g {
			var left, right []TextSegment
			for _, s := range segs {
				if s.Box.Max.X <= cut[0] {
					left = append(left, s)
				} else {
					right = append(right, s)
				}
			}
			lr, rr := rowsOf(left), rowsOf(right)
			if len(lr) > len(rr) {
				lr, rr = rr, lr
			}
			if len(lr) >= 2 && aligned(lr, rr) < 0.6 {
				return append(order(left, lp), order(right, lp)...)
			}
		}
	}
	// Horizontal cut at the widest empty row.
	ys := make([][2]int, len(segs))
	for i, s := range segs {
		ys[i] = [2]int{s.Box.Min.Y, s.Box.Max.Y}
	}
	if g := gaps(ys); len(g) > 0 {
		cut := g[0]
		for _, c := range g[1:] {
			if c[1]-c[0] > cut[1]-cut[0] {
				cut = c
			}
		}
		var top, bottom []TextSegment
		for _, s := range segs {
			if s.Box.Max.Y <= cut[0] {
				top = append(top, s)
			} else {
				bottom = append(bottom, s)
			}
		}
		return append(order(top, lp), order(bottom, lp)...)
	}
	// One row.
	slices.SortFunc(segs, func(a, b TextSegment) int { return a.Box.Min.X - b.Box.Min.X })
	var box image.Rectangle
	for _, s := range segs {
		box = box.Union(s.Box)
	}
	return []TextLine{{Box: box, Segments: slices.Clone(segs)}}
}

// inkMap is the ink mask of FindText, w pixels wide.
type inkMap struct {
	ink []bool
	w   int
}

// findBackslash returns the box of a backslash drawn by the component
// whose box is g: the whole component, or its left part when the
// component is at least half as wide as tall (anti-aliasing often joins
// a backslash to the glyph after it, as in \share, \jp or \購買部).
func (im inkMap) findBackslash(g image.Rectangle, th int) (image.Rectangle, bool) {
	if im.backslash(g, th) {
		return g, true
	}
	if 2*g.Dx() < g.Dy() || g.Dy() < minBackslash || 20*g.Dy() < 13*th || 2*g.Dy() > 3*th {
		return image.Rectangle{}, false
	}
	// A few widths only: the work per component stays a small multiple
	// of its area on a hostile image.
	for wb := max(3, 3*th/10); 10*wb < 7*th && wb <= g.Dx()-2; wb += max(1, th/10) {
		sub := image.Rect(g.Min.X, g.Min.Y, g.Min.X+wb, g.Max.Y)
		// Fit the rows to the ink of these columns.
		y0, y1 := sub.Max.Y, sub.Min.Y
		for y := sub.Min.Y; y < sub.Max.Y; y++ {
			row := im.ink[y*im.w : (y+1)*im.w]
			for x := sub.Min.X; x < sub.Max.X; x++ {
				if row[x] {
					y0, y1 = min(y0, y), max(y1, y+1)
					break
				}
			}
		}
		if y0 >= y1 {
			continue
		}
		sub.Min.Y, sub.Max.Y = y0, y1
		if im.backslash(sub, th) {
			return sub, true
		}
	}
	return image.Rectangle{}, false
}

// backslash reports whether the ink in the box g (of one component)
// looks like a backslash for text of height th: at least 0.65 th tall (a
// backslash spans the height of capitals; kanji are taller), 0.3 to 0.7
// times as wide as tall, and in nearly every row one thin run of ink on
// the diagonal from the top left corner to the bottom right one, and
// nothing else (N and X have more strokes), except in a few rows where a
// neighbouring glyph reaches into the box. The stroke's middle moves
// right by half the width from the top quarter to the bottom quarter.
func (im inkMap) backslash(g image.Rectangle, th int) bool {
	w, h := g.Dx(), g.Dy()
	if h < minBackslash || 20*h < 13*th || 10*w >= 7*h || 10*w < 3*h {
		return false
	}
	tol := 1 + 0.2*float64(w)
	q := max(h/4, 1)
	good, extra := 0, 0
	var top, bottom float64
	for y := g.Min.Y; y < g.Max.Y; y++ {
		row := im.ink[y*im.w : (y+1)*im.w]
		want := float64(g.Min.X) + float64(y-g.Min.Y)/float64(h-1)*float64(w-1)
		best, bestLen, runs := math.Inf(1), 0, 0
		mid := 0.0
		for x := g.Min.X; x < g.Max.X; {
			if !row[x] {
				x++
				continue
			}
			s := x
			for x < g.Max.X && row[x] {
				x++
			}
			runs++
			m := float64(s+x-1) / 2
			if d := math.Abs(m - want); d < best {
				best, bestLen, mid = d, x-s, m
			}
		}
		if runs > 1 {
			extra++
		}
		if best <= tol && float64(bestLen) <= 0.6*float64(w)+1 {
			good++
		}
		switch {
		case y < g.Min.Y+q:
			top += mid / float64(q)
		case y >= g.Max.Y-q:
			bottom += mid / float64(q)
		}
	}
	return 10*good >= 9*h && 4*extra <= h && bottom-top >= 0.5*float64(w)
}
