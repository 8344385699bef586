package meta

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// Bounds of the Info values of a PDF file.
const (
	// pdfMaxValue caps one Info value kept in the report: titles and names
	// are short, and a 16 MiB "author" would only bloat every report.
	pdfMaxValue = 64 << 10
	// pdfMaxInfoBytes caps the Info values of a file, over all its
	// revisions: real ones hold a few hundred bytes.
	pdfMaxInfoBytes = 1 << 20
)

// pdfNormalise fills the normalised fields from the Info dictionary, and
// from those of the XMP packet (xmd) where Info lacks them.
func pdfNormalise(m *Metadata, info map[string]any, xmd Metadata) {
	str := func(key string) string {
		s, _ := info[key].(string)
		return strings.TrimSpace(s)
	}
	if a := str("Author"); a != "" {
		m.Authors = []string{a}
	} else {
		m.Authors = xmd.Authors
	}
	m.Software = str("Creator")
	if m.Software == "" {
		m.Software = str("Producer")
	}
	if m.Software == "" {
		m.Software = xmd.Software
	}
	m.Title = str("Title")
	if m.Title == "" {
		m.Title = xmd.Title
	}
	var tzCreated, tzModified string
	if t, zone, ok := parsePDFDate(str("CreationDate")); ok {
		m.Created = FormatTime(t, zone)
		if zone {
			_, off := t.Zone()
			tzCreated = FormatOffset(off)
		}
	}
	if t, zone, ok := parsePDFDate(str("ModDate")); ok {
		m.Modified = FormatTime(t, zone)
		if zone {
			_, off := t.Zone()
			tzModified = FormatOffset(off)
		}
	}
	if m.Created == "" && m.Modified == "" {
		m.Created, m.Modified, m.TZOffset = xmd.Created, xmd.Modified, xmd.TZOffset
		return
	}
	m.TZOffset = tzCreated
	if m.TZOffset == "" {
		m.TZOffset = tzModified
	}
	if m.Created == "" {
		m.Created = xmd.Created
	}
	if m.Modified == "" {
		m.Modified = xmd.Modified
	}
}

// pdfZoneMarks strips the apostrophes and colons of a date's zone
// ("+09'00'" → "+0900"); built once, a Replacer is safe for concurrent use.
var pdfZoneMarks = strings.NewReplacer("'", "", ":", "")

// parsePDFDate parses a PDF date, "D:YYYYMMDDHHmmSSOHH'mm'", where every
// part after the year may be missing. zone reports whether the string
// fixes the zone; without one the wall clock is returned in UTC.
func parsePDFDate(s string) (t time.Time, zone bool, ok bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	digits := 0
	for digits < len(s) && digits < 14 && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	if digits < 4 || digits%2 != 0 {
		return time.Time{}, false, false
	}
	num := func(i, def int) int {
		if i+2 > digits && i >= 4 {
			return def
		}
		n, _ := strconv.Atoi(s[i : i+2])
		return n
	}
	year, _ := strconv.Atoi(s[:4])
	month, day, hour, minute, sec := num(4, 1), num(6, 1), num(8, 0), num(10, 0), num(12, 0)
	if month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 60 {
		return time.Time{}, false, false
	}
	loc := time.UTC
	rest := s[digits:]
	if rest != "" {
		switch rest[0] {
		case 'Z', 'z':
			zone = true
		case '+', '-':
			z := pdfZoneMarks.Replace(rest[1:])
			if len(z) >= 2 {
				hh, err1 := strconv.Atoi(z[:2])
				mm := 0
				var err2 error
				if len(z) >= 4 {
					mm, err2 = strconv.Atoi(z[2:4])
				}
				if err1 == nil && err2 == nil && hh < 24 && mm < 60 {
					off := hh*3600 + mm*60
					if rest[0] == '-' {
						off = -off
					}
					loc, zone = time.FixedZone("", off), true
				}
			}
		}
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, 0, loc), zone, true
}

// infoRevisions returns the newest Info dictionary and, when revisions
// differ in theirs, every revision's, oldest first. A dictionary that
// several revisions share is decoded once, and the revisions listed hold
// at most pdfMaxInfoBytes: a thousand revisions of one large Info
// dictionary do not make a report of a thousand copies.
func (d *pdfDoc) infoRevisions() (map[string]any, []any) {
	var infos []map[string]any
	// Dictionaries decoded, by address; each is kept with its decoding,
	// so that no other takes its address while the map is used.
	type decoding struct {
		dict pdfDict
		m    map[string]any
	}
	decoded := map[uintptr]decoding{}
	var ref any
	for i, sec := range d.sections {
		if v, ok := sec.trailer["Info"]; ok {
			ref = v
		}
		var m map[string]any
		if dict, ok := d.resolveIn(ref, i).(pdfDict); ok {
			key := reflect.ValueOf(dict).Pointer()
			dec, ok := decoded[key]
			if !ok {
				dec = decoding{dict, d.infoDict(dict)}
				decoded[key] = dec
			}
			m = dec.m
		}
		infos = append(infos, m)
	}
	if len(infos) == 0 {
		return nil, nil
	}
	differ := false
	for i := 1; i < len(infos) && !differ; i++ {
		differ = !reflect.DeepEqual(infos[i], infos[i-1])
	}
	var revs []any
	if differ {
		total := 0
		for i, m := range infos {
			if total += pdfInfoSize(m); total > pdfMaxInfoBytes {
				d.warnf("%w: Info dictionaries of the revisions over %d bytes; %d of %d revisions listed",
					ErrLimit, pdfMaxInfoBytes, i, len(infos))
				break
			}
			revs = append(revs, map[string]any{"revision": int64(i + 1), "Info": m})
		}
	}
	return infos[len(infos)-1], revs
}

// pdfInfoKeys are the keys of the Info dictionary that PDF defines; they
// are decoded first, the others in the order of their names.
var pdfInfoKeys = []string{"Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate", "Trapped"}

// infoDict decodes an Info dictionary into JSON-friendly values, taking
// their bytes from what is left of pdfMaxInfoBytes for the file.
func (d *pdfDoc) infoDict(dict pdfDict) map[string]any {
	keys := make([]string, 0, len(dict))
	for _, k := range pdfInfoKeys {
		if _, ok := dict[k]; ok {
			keys = append(keys, k)
		}
	}
	n := len(keys)
	for k := range dict {
		if !slices.Contains(pdfInfoKeys, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys[n:])
	out := map[string]any{}
	for _, k := range keys {
		if len(out) >= d.lim.MaxRecords {
			d.warnf("%w: more than %d Info entries", ErrLimit, d.lim.MaxRecords)
			break
		}
		if d.infoLeft <= 0 {
			d.warnf("%w: Info dictionaries over %d bytes", ErrLimit, pdfMaxInfoBytes)
			break
		}
		switch x := d.get(dict[k]).(type) {
		case pdfString:
			if d.crypt != nil && !d.crypt.ok {
				continue // ciphertext says nothing
			}
			text, cut := pdfTextCut(x, pdfMaxValue)
			if cut {
				d.warnf("%w: Info /%s of %d bytes cut at %d", ErrLimit, k, len(x), pdfMaxValue)
			}
			// A writer in C may count the string's terminator
			// (ImageMagick's /Title): it is no part of the text.
			out[k] = strings.TrimRight(text, "\x00")
		case pdfName:
			out[k] = string(x)
		case int64, float64, bool:
			out[k] = x
		default:
			continue
		}
		d.infoLeft -= pdfInfoEntrySize(k, out[k])
	}
	return out
}

// pdfInfoSize is the size of a decoded Info dictionary, as counted
// against pdfMaxInfoBytes.
func pdfInfoSize(m map[string]any) int {
	n := 0
	for k, v := range m {
		n += pdfInfoEntrySize(k, v)
	}
	return n
}

func pdfInfoEntrySize(k string, v any) int {
	if s, ok := v.(string); ok {
		return len(k) + len(s)
	}
	return len(k) + 8
}

// pdfDocEncoding maps the bytes of PDFDocEncoding that differ from
// Latin-1; 0 marks an undefined code.
var pdfDocEncoding = map[byte]rune{
	0x18: '\u02d8', 0x19: '\u02c7', 0x1a: '\u02c6', 0x1b: '\u02d9', 0x1c: '\u02dd', 0x1d: '\u02db', 0x1e: '\u02da', 0x1f: '\u02dc',
	0x80: '\u2022', 0x81: '\u2020', 0x82: '\u2021', 0x83: '\u2026', 0x84: '\u2014', 0x85: '\u2013', 0x86: '\u0192', 0x87: '\u2044',
	0x88: '\u2039', 0x89: '\u203a', 0x8a: '\u2212', 0x8b: '\u2030', 0x8c: '\u201e', 0x8d: '\u201c', 0x8e: '\u201d', 0x8f: '\u2018',
	0x90: '\u2019', 0x91: '\u201a', 0x92: '\u2122', 0x93: '\ufb01', 0x94: '\ufb02', 0x95: '\u0141', 0x96: '\u0152', 0x97: '\u0160',
	0x98: '\u0178', 0x99: '\u017d', 0x9a: '\u0131', 0x9b: '\u0142', 0x9c: '\u0153', 0x9d: '\u0161', 0x9e: '\u017e', 0x9f: 0,
	0xa0: '\u20ac', 0xad: 0,
}

// pdfText decodes a text string: UTF-16BE (or, against the standard but
// seen, UTF-16LE) with a byte-order mark, UTF-8 with one, else
// PDFDocEncoding.
func pdfText(b []byte) string {
	switch {
	case len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff:
		return pdfStripLang(pdfUTF16(b[2:], true))
	case len(b) >= 2 && b[0] == 0xff && b[1] == 0xfe:
		return pdfStripLang(pdfUTF16(b[2:], false))
	case len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf:
		return strings.ToValidUTF8(string(b[3:]), "\ufffd")
	}
	var sb strings.Builder
	for _, c := range b {
		if r, ok := pdfDocEncoding[c]; ok {
			if r != 0 {
				sb.WriteRune(r)
			}
			continue
		}
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

// pdfTextCut decodes a text string as pdfText does, into at most max
// bytes, reporting whether it was cut. It decodes at most 4×max+4 bytes
// of b: enough for max bytes of text in every encoding, but for runs of
// bytes that are undefined or invalid and make none.
func pdfTextCut(b []byte, max int) (string, bool) {
	cut := false
	if len(b) > 4*max+4 {
		b, cut = b[:4*max+4], true
	}
	text := pdfText(b)
	if len(text) > max {
		return CutText(text, int64(max)), true
	}
	return text, cut
}

func pdfUTF16(b []byte, bigEndian bool) string {
	return string(pdfAppendUTF16(nil, b, bigEndian))
}

// pdfAppendUTF16 appends the UTF-16 text b to dst as UTF-8, as
// string(utf16.Decode) makes it: an unpaired surrogate becomes U+FFFD and
// an odd last byte is dropped.
func pdfAppendUTF16(dst, b []byte, bigEndian bool) []byte {
	unit := func(i int) rune {
		if bigEndian {
			return rune(b[i])<<8 | rune(b[i+1])
		}
		return rune(b[i+1])<<8 | rune(b[i])
	}
	for i := 0; i+1 < len(b); i += 2 {
		r := unit(i)
		switch {
		case r < 0xd800 || r >= 0xe000:
		case r < 0xdc00 && i+3 < len(b):
			if r2 := unit(i + 2); r2 >= 0xdc00 && r2 < 0xe000 {
				r = utf16.DecodeRune(r, r2)
				i += 2
			} else {
				r = utf8.RuneError
			}
		default:
			r = utf8.RuneError
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// pdfStripLang removes the language marks (ESC lang ESC) of UTF-16 text.
func pdfStripLang(s string) string {
	for {
		i := strings.IndexByte(s, 0x1b)
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i+1:], 0x1b)
		if j < 0 {
			return s[:i]
		}
		s = s[:i] + s[i+1+j+1:]
	}
}

// xmp reads the XMP packet of the catalog's /Metadata stream with
// ParseXMP: its properties and the normalised fields they give.
func (d *pdfDoc) xmp(catalog pdfDict) (map[string]any, Metadata) {
	s, ok := d.get(catalog["Metadata"]).(*pdfStream)
	if !ok {
		return nil, Metadata{}
	}
	if d.crypt != nil && !d.crypt.ok && !d.crypt.metaPlain {
		return nil, Metadata{} // ciphertext says nothing, and is not malformed XMP
	}
	data, err := d.streamData(s)
	if err != nil {
		d.warnf("XMP metadata: %w", err)
		if len(data) == 0 {
			return nil, Metadata{}
		}
	}
	raw, md, err := ParseXMP(data, d.lim)
	if err != nil {
		d.warnf("XMP metadata: %w", err)
	}
	return raw, md
}
