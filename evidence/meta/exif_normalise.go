package meta

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
)

// normaliseEXIF fills the normalised fields from our own values, and puts
// the decoded values into raw: UserComment without its charset prefix, the
// XP tags from UTF-16, both copyright notices, GPS as signed decimal
// degrees and metres (as exiftool's composite tags), GPSDateTime.
func normaliseEXIF(v map[string]tiffValue, order binary.ByteOrder, raw map[string]any) Metadata {
	var md Metadata
	str := func(name string) string {
		t, ok := v[name]
		if !ok {
			return ""
		}
		if t.typ == tiffTASCII {
			return strings.TrimSpace(t.str())
		}
		if t.typ == tiffTUndefined || t.typ == tiffTByte {
			return strings.TrimSpace(strings.TrimRight(exifText(t.val), "\x00"))
		}
		return ""
	}
	num := func(name string) (int64, bool) {
		t, ok := v[name]
		if !ok {
			return 0, false
		}
		is, ok := t.ints(order)
		if !ok || len(is) == 0 {
			return 0, false
		}
		return is[0], true
	}
	// Text tags whose encoding is not plain ASCII.
	if t, ok := v["UserComment"]; ok {
		if s := exifUserComment(t.val, order); s != "" {
			raw["UserComment"] = imgCutRaw(s)
		} else {
			delete(raw, "UserComment")
		}
	}
	for _, name := range []string{"XPTitle", "XPComment", "XPAuthor", "XPKeywords", "XPSubject"} {
		if t, ok := v[name]; ok && (t.typ == tiffTByte || t.typ == tiffTUndefined) {
			raw[name] = imgCutRaw(exifUTF16LE(t.val))
		}
	}
	if t, ok := v["Copyright"]; ok && t.typ == tiffTASCII {
		// Photographer and editor copyrights are two NUL-separated strings.
		parts := strings.Split(strings.TrimRight(string(t.val), "\x00"), "\x00")
		for i := range parts {
			parts[i] = strings.TrimSpace(exifText([]byte(parts[i])))
		}
		raw["Copyright"] = imgCutRaw(strings.Join(parts, " - "))
		for _, p := range parts {
			if h := copyrightHolder(p); h != "" {
				md.Organisation = h
				break
			}
		}
	}

	addAuthor := func(s string) {
		s = strings.TrimSpace(s)
		if s == "" || strings.IndexFunc(s, unicode.IsControl) >= 0 {
			// A name holds no control character: such a value is
			// bytes of something else (exiv2-bug937's XPAuthor).
			return
		}
		for _, a := range md.Authors {
			if a == s {
				return
			}
		}
		md.Authors = append(md.Authors, s)
	}
	addAuthor(str("Artist"))
	addAuthor(str("OwnerName"))
	if s, ok := raw["XPAuthor"].(string); ok {
		for _, a := range strings.Split(s, ";") {
			addAuthor(a)
		}
	}
	md.Software = str("Software")
	mk, model := str("Make"), str("Model")
	switch {
	case mk != "" && model != "" && strings.HasPrefix(strings.ToLower(model), strings.ToLower(mk)):
		md.Camera = model
	default:
		md.Camera = strings.TrimSpace(mk + " " + model)
	}
	if t, ok := raw["XPTitle"].(string); ok {
		md.Title = t
	}

	// Dates with their zone.
	date := func(dt, sub, offset string) (string, string) {
		s := str(dt)
		if s == "" {
			return "", ""
		}
		t, zone, ok := exifParseTime(s, str(sub), str(offset))
		if !ok {
			return "", ""
		}
		if !zone {
			return FormatTime(t, false), ""
		}
		return FormatTime(t, true), FormatOffset(zoneOffset(t))
	}
	created, tzc := date("DateTimeOriginal", "SubSecTimeOriginal", "OffsetTimeOriginal")
	if created == "" {
		created, tzc = date("DateTimeDigitized", "SubSecTimeDigitized", "OffsetTimeDigitized")
	}
	modified, tzm := date("DateTime", "SubSecTime", "OffsetTime")
	md.Created, md.Modified = created, modified
	md.TZOffset = tzc
	if md.TZOffset == "" {
		md.TZOffset = tzm
	}
	if md.TZOffset == "" {
		for _, name := range []string{"OffsetTimeOriginal", "OffsetTimeDigitized", "OffsetTime"} {
			if s, ok := exifParseOffset(str(name)); ok {
				md.TZOffset = FormatOffset(s)
				break
			}
		}
	}

	// GPS.
	lat, okLat := gpsCoord(v, "GPSLatitude", order, str("GPSLatitudeRef"), "S")
	lon, okLon := gpsCoord(v, "GPSLongitude", order, str("GPSLongitudeRef"), "W")
	if okLat && okLon {
		md.GPS = &GPS{Lat: lat, Lon: lon}
		raw["GPSLatitude"], raw["GPSLongitude"] = lat, lon
		if t, ok := v["GPSAltitude"]; ok {
			if fs, ok := t.floats(order); ok && len(fs) > 0 && !math.IsNaN(fs[0]) && !math.IsInf(fs[0], 0) {
				alt := fs[0]
				if ref, ok := num("GPSAltitudeRef"); ok && ref == 1 {
					alt = -alt
				}
				md.GPS.Alt = &alt
				raw["GPSAltitude"] = alt
			}
		}
	}
	if t, ok := v["GPSTimeStamp"]; ok {
		if fs, ok := t.floats(order); ok && len(fs) == 3 && gpsClockValid(fs) {
			sec := fs[2]
			ts := fmt.Sprintf("%02d:%02d:%s", int(fs[0]), int(fs[1]), strconv.FormatFloat(sec, 'f', -1, 64))
			if sec < 10 {
				ts = fmt.Sprintf("%02d:%02d:0%s", int(fs[0]), int(fs[1]), strconv.FormatFloat(sec, 'f', -1, 64))
			}
			raw["GPSTimeStamp"] = ts
			if d, err := time.Parse("2006:01:02", str("GPSDateStamp")); err == nil {
				whole := math.Floor(sec)
				t := d.Add(time.Duration(fs[0])*time.Hour + time.Duration(fs[1])*time.Minute +
					time.Duration(whole)*time.Second + time.Duration((sec-whole)*1e9))
				raw["GPSDateTime"] = FormatTime(t, true)
			}
		}
	}

	// Pixel size: the Exif IFD's when there, else IFD0's.
	if w, ok := num("PixelXDimension"); ok {
		raw["ImageWidth"] = w
	}
	if h, ok := num("PixelYDimension"); ok {
		raw["ImageHeight"] = h
	}
	return md
}

func gpsClockValid(fs []float64) bool {
	for _, f := range fs {
		if math.IsNaN(f) || f < 0 {
			return false
		}
	}
	return fs[0] < 24 && fs[1] < 60 && fs[2] < 61
}

// gpsCoord converts a degrees/minutes/seconds triple to signed degrees.
func gpsCoord(v map[string]tiffValue, name string, order binary.ByteOrder, ref, negRef string) (float64, bool) {
	t, ok := v[name]
	if !ok {
		return 0, false
	}
	if t.typ == tiffTASCII {
		// Written as text: "35.68", "35 40 48.5".
		d, ok := parseTextCoord(t.str())
		if ok && strings.EqualFold(strings.TrimSpace(ref), negRef) && d > 0 {
			d = -d
		}
		return d, ok
	}
	fs, ok := t.floats(order)
	if !ok || len(fs) == 0 {
		return 0, false
	}
	d := 0.0
	for i, f := range fs[:min(3, len(fs))] {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, false
		}
		d += f / math.Pow(60, float64(i))
	}
	if strings.EqualFold(strings.TrimSpace(ref), negRef) {
		d = -d
	}
	if math.Abs(d) > 180 {
		return 0, false
	}
	return d, true
}

// exifDateLayout is the EXIF date-time layout.
const exifDateLayout = "2006:01:02 15:04:05"

// exifParseTime parses an EXIF date-time with its sub-second digits and
// OffsetTime value. Without a valid offset the time is in UTC with zone
// unknown: it is a bare wall clock, never the machine's local time.
func exifParseTime(s, subsec, offset string) (time.Time, bool, bool) {
	s = strings.TrimSpace(s)
	if len(s) < len(exifDateLayout) {
		return time.Time{}, false, false
	}
	loc := time.UTC
	secs, zone := exifParseOffset(offset)
	if zone {
		loc = time.FixedZone("", secs)
	}
	t, err := time.ParseInLocation(exifDateLayout, s[:len(exifDateLayout)], loc)
	if err != nil {
		return time.Time{}, false, false
	}
	subsec = strings.TrimSpace(subsec)
	if subsec != "" && len(subsec) <= 9 {
		if n, err := strconv.Atoi(subsec); err == nil && n >= 0 {
			for i := len(subsec); i < 9; i++ {
				n *= 10
			}
			t = t.Add(time.Duration(n))
		}
	}
	return t, zone, true
}

// exifParseOffset parses "+09:00" into seconds east of UTC.
func exifParseOffset(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' {
		return 0, false
	}
	h, err1 := strconv.Atoi(s[1:3])
	m, err2 := strconv.Atoi(s[4:6])
	if err1 != nil || err2 != nil || h > 14 || m > 59 {
		return 0, false
	}
	secs := h*3600 + m*60
	if s[0] == '-' {
		secs = -secs
	}
	return secs, true
}

func zoneOffset(t time.Time) int {
	_, off := t.Zone()
	return off
}

// exifUserComment decodes an EXIF UserComment: an 8-byte character code
// ("ASCII", "UNICODE", "JIS" or none), then the text.
func exifUserComment(b []byte, order binary.ByteOrder) string {
	if len(b) < 8 {
		return strings.TrimRight(exifText(b), "\x00 ")
	}
	code, text := string(bytes.TrimRight(b[:8], "\x00 ")), b[8:]
	var s string
	switch code {
	case "UNICODE":
		// UTF-16 in the block's byte order, unless a BOM says otherwise.
		bigEndian := order == binary.BigEndian
		if len(text) >= 2 && text[0] == 0xfe && text[1] == 0xff {
			bigEndian, text = true, text[2:]
		} else if len(text) >= 2 && text[0] == 0xff && text[1] == 0xfe {
			bigEndian, text = false, text[2:]
		}
		if bigEndian {
			s = exifUTF16BE(text)
		} else {
			s = exifUTF16LE(text)
		}
	case "JIS":
		// JIS X 0208 code points: set the high bits to get EUC-JP.
		e := make([]byte, len(text))
		for i, c := range text {
			e[i] = c | 0x80
		}
		if d, err := japanese.EUCJP.NewDecoder().Bytes(e); err == nil {
			s = string(d)
		}
	default:
		s = exifText(text)
	}
	return strings.TrimRight(s, "\x00 ")
}

func exifUTF16LE(b []byte) string { return exifUTF16(b, binary.LittleEndian) }

func exifUTF16BE(b []byte) string { return exifUTF16(b, binary.BigEndian) }

func exifUTF16(b []byte, order binary.ByteOrder) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		c := order.Uint16(b[i:])
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return string(utf16.Decode(u))
}

// copyrightHolder returns the holder a copyright notice names, without
// "©", "(c)", "Copyright", years and "All rights reserved"; "" when
// nothing is left. The holder is the notice from its first word to its
// last that is none of these, as written: "ian Britton - FreeFoto.com"
// keeps its dash, and spacing is not changed.
func copyrightHolder(s string) string {
	s = strings.TrimSpace(s)
	lower := strings.ToLower(s)
	if i := strings.Index(lower, "all rights reserved"); i >= 0 {
		s = s[:i] + s[i+len("all rights reserved"):]
	}
	first, last := -1, -1
	for a := 0; a < len(s); {
		r, n := utf8.DecodeRuneInString(s[a:])
		if r == ' ' || r == '\t' || r == '\u3000' {
			a += n
			continue
		}
		b := a
		for b < len(s) {
			r, n := utf8.DecodeRuneInString(s[b:])
			if r == ' ' || r == '\t' || r == '\u3000' {
				break
			}
			b += n
		}
		f := s[a:b]
		g := strings.Trim(f, ",.;:-–")
		lg := strings.ToLower(g)
		switch {
		case g == "" || g == "©" || lg == "(c)" || lg == "copyright" || lg == "copr." || lg == "copr":
		case copyrightYear(g):
		default:
			start := a
			for _, p := range []string{"©", "(c)", "(C)"} {
				if strings.HasPrefix(f, p) {
					start, f = start+len(p), f[len(p):]
				}
			}
			if strings.HasPrefix(strings.ToLower(f), "copyright") {
				start, f = start+len("copyright"), f[len("copyright"):]
			}
			if f != "" && !copyrightYear(strings.Trim(f, ",.;:-–")) {
				if first < 0 {
					first = start
				}
				last = b
			}
		}
		a = b
	}
	if first < 0 {
		return ""
	}
	out := strings.Trim(strings.TrimSpace(s[first:last]), ",;:-– ")
	if out == "" || !strings.ContainsFunc(out, func(r rune) bool { return r > '9' }) {
		return ""
	}
	return out
}

// copyrightYear reports whether s is a year or a range of years: "2021",
// "2019-2021", "2021年".
func copyrightYear(s string) bool {
	s = strings.TrimSuffix(s, "年")
	if s == "" {
		return false
	}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '–' || r == '/' || r == ',' }) {
		if len(part) != 4 {
			return false
		}
		if _, err := strconv.Atoi(part); err != nil {
			return false
		}
	}
	return true
}
