package identify

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

// Text heuristics limits.
const (
	// maxBadControlPercent is the share of control bytes (other than
	// \t \n \r \f and ESC) above which content is not text.
	maxBadControlPercent = 1
	// sniffLen is how far into the text markup and JSON signs are looked
	// for: far enough for a long comment or doctype, short enough to keep
	// prose that mentions "<html>" later on plain text.
	sniffLen = 1024
	// maxCSVLines bounds the lines the CSV check parses.
	maxCSVLines = 200
	// maxHeaderLines bounds the e-mail header block that is examined.
	maxHeaderLines = 400
)

// Text types; Charset is filled in by detectText.
var (
	typeHTML  = Type{MIME: "text/html", Ext: "html", Kind: KindText, By: ByText}
	typeXML   = Type{MIME: "application/xml", Ext: "xml", Kind: KindText, By: ByText}
	typeSVG   = Type{MIME: "image/svg+xml", Ext: "svg", Kind: KindImage, By: ByText}
	typeXMP   = Type{MIME: MIMEXMP, Ext: "xmp", Kind: KindText, By: ByText}
	typeJSON  = Type{MIME: "application/json", Ext: "json", Kind: KindText, By: ByText}
	typeEmail = Type{MIME: "message/rfc822", Ext: "eml", Kind: KindEmail, By: ByText}
	typeCSV   = Type{MIME: "text/csv", Ext: "csv", Kind: KindSpreadsheet, By: ByText}
	typeTSV   = Type{MIME: "text/tab-separated-values", Ext: "tsv", Kind: KindSpreadsheet, By: ByText}
	typePlain = Type{MIME: "text/plain", Ext: "txt", Kind: KindText, By: ByText}
)

// detectText decides whether b is text, in which charset, and of which
// textual format.
func detectText(b []byte) (Type, bool) {
	truncated := len(b) >= PrefixLen
	charset, s, ok := decodeText(b)
	if !ok {
		return Type{}, false
	}
	t := classifyText(strings.TrimPrefix(s, "\uFEFF"), truncated)
	t.Charset = charset
	return t, true
}

// decodeText finds the charset of b and returns b decoded to UTF-8.
func decodeText(b []byte) (charset, s string, ok bool) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		if !validUTF8Prefix(b[3:]) {
			return "", "", false
		}
		return CharsetUTF8, string(b[3:]), true
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0, 0}):
		return "", "", false // UTF-32LE: not a charset the report knows
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		s, ok := decodeUTF16(b[2:], false)
		return CharsetUTF16LE, s, ok
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		s, ok := decodeUTF16(b[2:], true)
		return CharsetUTF16BE, s, ok
	}
	if be, ok := utf16ByNULs(b); ok {
		s, ok := decodeUTF16(b, be)
		if be {
			return CharsetUTF16BE, s, ok
		}
		return CharsetUTF16LE, s, ok
	}
	if !fewControls(b) {
		return "", "", false
	}
	if ascii(b) {
		if isISO2022JP(b) {
			s, err := decodeWith(japanese.ISO2022JP, b)
			if err == nil && !strings.ContainsRune(s, utf8.RuneError) {
				return CharsetISO2022JP, s, true
			}
		}
		return CharsetASCII, string(b), true
	}
	if validUTF8Prefix(b) {
		return CharsetUTF8, string(b), true
	}
	return decodeLegacy(b)
}

// fewControls reports whether b holds few enough control bytes to be text.
func fewControls(b []byte) bool {
	bad := 0
	for _, c := range b {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) || c == 0x7F {
			bad++
		}
	}
	return bad*100 <= len(b)*maxBadControlPercent
}

func ascii(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// validUTF8Prefix reports whether b is UTF-8, allowing the last rune to be
// cut short by the end of the prefix.
func validUTF8Prefix(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	for k := 1; k <= 3 && k <= len(b); k++ {
		tail := b[len(b)-k:]
		if utf8.RuneStart(tail[0]) && !utf8.FullRune(tail) {
			return utf8.Valid(b[:len(b)-k])
		}
	}
	return false
}

// isISO2022JP reports whether 7-bit b designates a JIS X 0208 (or 0212)
// character set by escape sequence.
func isISO2022JP(b []byte) bool {
	for _, esc := range []string{"\x1b$B", "\x1b$@", "\x1b$(D", "\x1b(I"} {
		if bytes.Contains(b, []byte(esc)) {
			return true
		}
	}
	return false
}

// utf16ByNULs recognises UTF-16 without a BOM from its NUL bytes: text in
// Latin script has a NUL in every other byte.
func utf16ByNULs(b []byte) (bigEndian, ok bool) {
	n := min(len(b), 1024) &^ 1
	if n < 4 {
		return false, false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs && even*100 <= pairs:
		return false, true
	case even*10 >= pairs && odd*100 <= pairs:
		return true, true
	}
	return false, false
}

// decodeUTF16 decodes b and checks that it is text: paired surrogates and
// few control characters. A last odd byte or high surrogate cut by the end
// of the prefix is ignored.
func decodeUTF16(b []byte, bigEndian bool) (string, bool) {
	units := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			units = append(units, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			units = append(units, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	if n := len(units); n > 0 && units[n-1] >= 0xD800 && units[n-1] < 0xDC00 {
		units = units[:n-1]
	}
	bad := 0
	for i := 0; i < len(units); i++ {
		u := units[i]
		switch {
		case u >= 0xD800 && u < 0xDC00:
			if i+1 >= len(units) || units[i+1] < 0xDC00 || units[i+1] >= 0xE000 {
				return "", false
			}
			i++
		case u >= 0xDC00 && u < 0xE000:
			return "", false
		case (u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f' && u != 0x1B) || u == 0x7F || u == 0xFFFE || u == 0xFFFF:
			bad++
		}
	}
	if bad*100 > len(units)*maxBadControlPercent {
		return "", false
	}
	return string(utf16.Decode(units)), true
}

func decodeWith(e encoding.Encoding, b []byte) (string, error) {
	out, _, err := transform.Bytes(e.NewDecoder(), b)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// legacyScore counts what decoding 8-bit text with a Japanese charset gave.
type legacyScore struct {
	charset string
	text    string
	errors  int // replacement characters: invalid sequences
	fullJP  int // kanji, kana, CJK punctuation, full-width forms
	halfKC  int // half-width katakana, rare in real text
	other   int // any other non-ASCII rune
}

func (s legacyScore) value() int { return 2*s.fullJP + s.halfKC - 8*s.errors - 2*s.other }

// acceptable reports whether the decoding looks like Japanese text: nearly
// no invalid sequence (one may be cut by the end of the prefix) and mostly
// Japanese characters among the non-ASCII ones.
func (s legacyScore) acceptable() bool {
	nonASCII := s.fullJP + s.halfKC + s.other + s.errors
	if nonASCII == 0 || s.errors > 1+nonASCII/100 {
		return false
	}
	return s.fullJP*10 >= nonASCII*8
}

func scoreJapanese(charset string, e encoding.Encoding, b []byte) legacyScore {
	sc := legacyScore{charset: charset}
	out, err := decodeWith(e, b)
	if err != nil {
		sc.errors = len(b) + 1
		return sc
	}
	sc.text = out
	for _, r := range out {
		switch {
		case r < 0x80:
		case r == utf8.RuneError:
			sc.errors++
		case r >= 0x3000 && r <= 0x30FF, r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF,
			r >= 0xF900 && r <= 0xFAFF, r >= 0xFF01 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFEF:
			sc.fullJP++
		case r >= 0xFF61 && r <= 0xFF9F:
			sc.halfKC++
		default:
			sc.other++
		}
	}
	return sc
}

// decodeLegacy decides between Shift_JIS (as Windows code page 932),
// EUC-JP and windows-1252 for 8-bit text that is not UTF-8.
func decodeLegacy(b []byte) (charset, s string, ok bool) {
	sjis := scoreJapanese(CharsetShiftJIS, japanese.ShiftJIS, b)
	euc := scoreJapanese(CharsetEUCJP, japanese.EUCJP, b)
	best, next := sjis, euc
	if euc.value() > sjis.value() {
		best, next = euc, sjis
	}
	if best.acceptable() {
		return best.charset, best.text, true
	}
	if next.acceptable() {
		return next.charset, next.text, true
	}
	// Western 8-bit text: mostly ASCII with scattered accented letters.
	high := 0
	for _, c := range b {
		if c >= 0x80 {
			high++
		}
	}
	if high*100 > len(b)*30 {
		return "", "", false
	}
	out, err := decodeWith(charmap.Windows1252, b)
	if err != nil {
		return "", "", false
	}
	return CharsetWindows1252, out, true
}

// classifyText decides the textual format of s, already in UTF-8.
func classifyText(s string, truncated bool) Type {
	head := strings.TrimLeft(s, " \t\r\n\f")
	if strings.HasPrefix(head, "<") {
		if t, ok := classifyMarkup(head, truncated); ok {
			return t
		}
	}
	if strings.HasPrefix(head, "{") || strings.HasPrefix(head, "[") {
		if isJSON(head) {
			return typeJSON
		}
	}
	if isEmail(s, truncated) {
		return typeEmail
	}
	if t, ok := classifyDelimited(s, truncated); ok {
		return t
	}
	return typePlain
}

// htmlTags are the tags whose presence near the start makes markup HTML.
var htmlTags = []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<frameset", "<script"}

// hasTag reports whether low (lower-cased markup) holds tag as a whole tag
// name: followed by white space, '>' or '/'.
func hasTag(low, tag string) bool {
	for i := 0; ; {
		j := strings.Index(low[i:], tag)
		if j < 0 {
			return false
		}
		end := i + j + len(tag)
		if end >= len(low) || strings.ContainsRune(" \t\r\n>/", rune(low[end])) {
			return true
		}
		i = end
	}
}

func classifyMarkup(head string, truncated bool) (Type, bool) {
	low := strings.ToLower(head[:min(len(head), sniffLen)])
	// Do not end the sniffed window inside a rune.
	for !utf8.ValidString(low) && len(low) > 0 {
		low = low[:len(low)-1]
	}
	isHTML := false
	for _, tag := range htmlTags {
		if hasTag(low, tag) {
			isHTML = true
			break
		}
	}
	switch {
	case isXMPDocument(low):
		return typeXMP, true
	case strings.HasPrefix(low, "<?xml"):
		if hasTag(low, "<svg") {
			return typeSVG, true
		}
		if isHTML {
			return typeHTML, true
		}
		return typeXML, true
	case hasTag(low, "<svg") && !isHTML:
		return typeSVG, true
	case isHTML:
		return typeHTML, true
	case wellFormedXML(head, truncated):
		return typeXML, true
	}
	return Type{}, false
}

// isXMPDocument reports whether low (lower-cased markup) is an XMP packet
// or an RDF document standing alone (an .xmp sidecar, an .rdf file): its
// first element, after the XML declaration, processing instructions and
// comments, is x:xmpmeta, x:xapmeta or rdf:RDF.
func isXMPDocument(low string) bool {
	for {
		low = strings.TrimLeft(low, " \t\r\n\f")
		var end string
		switch {
		case strings.HasPrefix(low, "<?"):
			end = "?>"
		case strings.HasPrefix(low, "<!--"):
			end = "-->"
		default:
			return hasTag(low[:min(len(low), 12)], "<x:xmpmeta") || hasTag(low[:min(len(low), 12)], "<x:xapmeta") ||
				hasTag(low[:min(len(low), 10)], "<rdf:rdf")
		}
		i := strings.Index(low, end)
		if i < 0 {
			return false
		}
		low = low[i+len(end):]
	}
}

// wellFormedXML reports whether s parses as XML up to its end (or up to
// the end of the prefix when it was truncated) with at least one element.
func wellFormedXML(s string, truncated bool) bool {
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	elements := 0
	for {
		tok, err := d.RawToken()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return elements > 0
			}
			var se *xml.SyntaxError
			return truncated && elements > 0 && errors.As(err, &se) && strings.Contains(se.Msg, "unexpected EOF")
		}
		if _, ok := tok.(xml.StartElement); ok {
			elements++
		}
	}
}

// isJSON reports whether s is JSON, or a prefix of JSON cut by the end of
// the prefix.
func isJSON(s string) bool {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	tokens := 0
	for {
		_, err := d.Token()
		if err == nil {
			tokens++
			continue
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return tokens > 0
		}
		return false
	}
}

// emailHeaders are the header names that mark an RFC 5322 message.
var emailHeaders = map[string]bool{
	"from": true, "to": true, "subject": true, "date": true, "message-id": true,
	"received": true, "mime-version": true, "return-path": true, "content-type": true,
}

// completeLines splits s into lines without their ends, dropping a last
// line the end of the prefix cut short.
func completeLines(s string, truncated bool, limit int) []string {
	lines := strings.SplitN(s, "\n", limit+1)
	if len(lines) > limit {
		lines = lines[:limit]
	} else if truncated && !strings.HasSuffix(s, "\n") && len(lines) > 1 {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// isEmail reports whether s starts with an RFC 5322 header block: every
// line a header field or a continuation up to the first blank line, and at
// least two of the usual message headers.
func isEmail(s string, truncated bool) bool {
	lines := completeLines(s, truncated, maxHeaderLines)
	known := map[string]bool{}
	for i, l := range lines {
		if l == "" {
			if i == 0 {
				return false
			}
			break
		}
		if l[0] == ' ' || l[0] == '\t' {
			if i == 0 {
				return false
			}
			continue
		}
		colon := strings.IndexByte(l, ':')
		if colon <= 0 {
			return false
		}
		for _, c := range []byte(l[:colon]) {
			if c < 0x21 || c > 0x7E {
				return false
			}
		}
		if name := strings.ToLower(l[:colon]); emailHeaders[name] {
			known[name] = true
		}
	}
	return len(known) >= 2
}

// classifyDelimited recognises CSV and TSV: at least two records with the
// same number of fields, at least two fields each, for one of the
// delimiters tab, comma, semicolon and pipe. Quoted fields follow RFC 4180.
func classifyDelimited(s string, truncated bool) (Type, bool) {
	lines := completeLines(s, truncated, maxCSVLines)
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) < 2 {
		return Type{}, false
	}
	bestFields, bestDelim := bestDelimiter(lines, truncated)
	if bestFields < 2 && !truncated {
		// The end may be cut even when the prefix is short: proof packs
		// often hold files truncated on purpose.
		bestFields, bestDelim = bestDelimiter(lines, true)
		if bestFields < 2 && len(lines) > 2 {
			bestFields, bestDelim = bestDelimiter(lines[:len(lines)-1], true)
		}
	}
	switch {
	case bestFields < 2:
		return Type{}, false
	case bestDelim == '\t':
		return typeTSV, true
	}
	return typeCSV, true
}

// bestDelimiter returns the delimiter giving the most fields per record.
func bestDelimiter(lines []string, truncated bool) (int, rune) {
	body := strings.Join(lines, "\n")
	bestFields, bestDelim := 0, rune(0)
	for _, delim := range []rune{'\t', ',', ';', '|'} {
		if !strings.ContainsRune(body, delim) {
			continue
		}
		if n := delimitedFields(body, delim, truncated); n > bestFields {
			bestFields, bestDelim = n, delim
		}
	}
	return bestFields, bestDelim
}

// delimitedFields returns the field count shared by every record of body,
// or 0 when the records disagree or there are fewer than two.
func delimitedFields(body string, delim rune, truncated bool) int {
	r := csv.NewReader(strings.NewReader(body))
	r.Comma = delim
	r.FieldsPerRecord = 0
	r.ReuseRecord = true
	records, fields := 0, 0
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			// A quoted field cut by the end of the prefix.
			if truncated && errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrQuote) {
				break
			}
			return 0
		}
		records++
		fields = len(rec)
	}
	if records < 2 {
		return 0
	}
	return fields
}
