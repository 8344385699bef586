package evidence

import (
	"net/mail"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// RedactOptions choose what Redact masks. The zero value masks people's
// names, the local parts of e-mail addresses, phone numbers, Japanese
// postal addresses and user names in accounts and home directories.
type RedactOptions struct {
	// Mask replaces each masked value; "" means DefaultRedactMask.
	Mask string
	// Names are more people's names to mask, beyond those Redact finds
	// (a name only a spreadsheet column holds, without a label).
	Names []string
	// Keep lists words of organisations' names: a value holding one
	// is taken for no person's name ("Toray Admin", "Fujitsu sales"),
	// and none is masked as a word of a name. The names and ids of the
	// ranked organisations, the candidates, the organisations the
	// seller names and the claim are kept always.
	Keep []string
}

// DefaultRedactMask is what replaces a masked value.
const DefaultRedactMask = "***"

// RedactExtractor is the entry Redact adds to Report.Tool.Extractors, so
// that every output of a redacted report can say that it is one.
const RedactExtractor = "redact"

// maxRedactNames bounds the names one report gives Redact to look for,
// so that a package of a million authors cannot build a pattern of
// unbounded size; names past it are still masked where they stand (in
// the metadata fields that held them), not elsewhere.
const maxRedactNames = 5000

// Redaction counts what Redact masked.
type Redaction struct {
	// Names is the number of distinct people's names looked for.
	Names int `json:"names"`
	// Values is the number of strings of the report that changed.
	Values int `json:"values"`
}

// Redact masks personal data in the report, in place, so that it can be
// sent to whoever must not see it: every output written from it (JSON,
// HTML, Markdown, the text summary, and any writer that reads a Report)
// holds no person's name, no e-mail local part (j.doe@example.co.jp
// becomes ***@example.co.jp: the domain is evidence and stays), no phone
// number, no Japanese postal address (〒 and the rest of its line), and
// no user name of an account (EXAMPLE\jdoe) or home directory
// (C:\Users\jdoe, /home/jdoe).
//
// People's names are gathered first, from what says it is a name: the
// metadata's authors and last editors (and the raw records' Author,
// Creator, Artist, Manager, From, To, Cc and the like), the display
// names of mail addresses ("Jane Doe <j.doe@…>", "Jane Doe (j.doe@…)"),
// a value after a label (Author:, Contact:, 担当:, 氏名:, 起票者: …), and
// the column of a table whose header says it holds names (担当者, 氏名,
// Name, Contact); then every string of the report is searched for each
// name, as a whole and word by word (a surname alone, "佐藤さん"), and
// the names in opt.Names too. A name in free text with none of these
// around it is not found: give it in opt.Names.
//
// Every string is covered: paths (an item path that changes loses its
// RawName), metadata and its raw records, item text, OCR words and
// other readings, evidence matches, the claim's reason, problems and
// the timeline. Thumbnails are dropped: the screenshots show what the
// text no longer holds. Hashes, scores, confidences, the verdict and
// every count are left as they are: attribution is unchanged. The case
// (its id, analyst and TLP, which do not come from the package) is left
// too.
func Redact(r *Report, opt RedactOptions) Redaction {
	if r == nil {
		return Redaction{}
	}
	if opt.Mask == "" {
		opt.Mask = DefaultRedactMask
	}
	rd := &redactor{mask: opt.Mask, keep: map[string]bool{}}
	for _, k := range opt.Keep {
		rd.keepWord(k)
	}
	keepOwners := func(os []Owner) {
		for _, o := range os {
			rd.keepWord(o.Org)
			rd.keepWord(o.Name)
		}
	}
	rd.keepWord(r.Claim.Claimed)
	keepOwners(r.Attribution.Ranking)
	keepOwners(r.Attribution.ClaimEcho)
	for _, c := range r.Attribution.Candidates {
		rd.keepWord(c.Key)
	}
	for _, n := range opt.Names {
		rd.addName(n)
	}
	for i := range r.Items {
		rd.gatherItem(&r.Items[i])
	}
	rd.compile()
	out := Redaction{Names: len(rd.names)}
	for i := range r.Items {
		it := &r.Items[i]
		path := it.Path
		it.Thumbnail = nil
		out.Values += rd.walk(reflect.ValueOf(it).Elem())
		out.Values += rd.people(&it.Metadata)
		if it.Path != path {
			it.RawName = nil
		}
	}
	for _, f := range []any{&r.Package, &r.Attribution, &r.Claim, &r.Problems, &r.Timeline} {
		out.Values += rd.walk(reflect.ValueOf(f).Elem())
	}
	if !slices.ContainsFunc(r.Tool.Extractors, func(e Extractor) bool { return e.Name == RedactExtractor }) {
		r.Tool.Extractors = append(r.Tool.Extractors, Extractor{Name: RedactExtractor, Version: "1"})
	}
	return out
}

// PeopleNamed returns the people's names Redact would find in an item
// (its metadata's authors and editors, raw records of people, display
// names of mail addresses, labelled names and name columns of its text),
// each once, in the order found.
//
// Names holding a word of keep (an organisation's name) are left out.
func PeopleNamed(it *Item, keep ...string) []string {
	rd := &redactor{keep: map[string]bool{}}
	for _, k := range keep {
		rd.keepWord(k)
	}
	rd.gatherItem(it)
	return rd.names
}

// Redacted reports whether Redact masked the report.
func (r *Report) Redacted() bool {
	return r != nil && slices.ContainsFunc(r.Tool.Extractors, func(e Extractor) bool { return e.Name == RedactExtractor })
}

// redactor holds the names of one report and masks strings.
type redactor struct {
	mask  string
	keep  map[string]bool // lower-cased words never masked as name parts
	names []string        // whole names, as found
	seen  map[string]bool
	// phrases replaces whole names and CJK words of names; words holds
	// the Latin words of names, lower case (see compile).
	phrases *strings.Replacer
	words   map[string]bool
}

// Patterns of what is personal whatever the names. Each is checked for
// boundaries in code (Go's regexp has no look-behind).
var (
	emailRe = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+`)
	// A phone number: +CC or a leading 0 (area or mobile prefix), then
	// groups of digits apart by a space, a hyphen or a dot.
	phoneRe = longest(`(?:\+\d{1,3}[ .\-]?\(?\d{1,4}\)?|\(?0\d{1,4}\)?)(?:[ .\-]?\d{2,4}){1,3}`)
	// A Japanese postal address: the mark, the code and the rest of the
	// line, at most 60 characters.
	postalRe = regexp.MustCompile(`〒\s?\d{3}-?\d{4}[^\n\r]{0,60}`)
	// The user of a home directory: C:\Users\jdoe, /home/jdoe,
	// \\server\home\jdoe, Documents and Settings.
	homeRe = regexp.MustCompile(`(?i)((?:^|[\s"'(=])/home/|[a-z]:[\\/](?:users|documents and settings)[\\/]|\\\\[^\\\s]+\\(?:users|home)[\\/])([^\\/\s"'<>|:*?]+)`)
	// An account: DOMAIN\user, the domain in capitals.
	accountRe = regexp.MustCompile(`\b([A-Z][A-Z0-9\-]{1,14})\\([A-Za-z][A-Za-z0-9._\-]{1,30})\b`)
)

// longest compiles a pattern that matches leftmost-longest: a number
// is taken whole, not cut before its last group.
func longest(p string) *regexp.Regexp {
	re := regexp.MustCompile(p)
	re.Longest()
	return re
}

// nameLabels are the labels a person's name follows ("Author: Jane
// Doe", "担当: 山田 太郎"), lower case, before a colon.
var nameLabels = []string{
	"author", "authors", "from", "to", "cc", "bcc", "reply-to", "sender", "contact", "vendor contact", "name",
	"full name", "prepared by", "approved by", "reviewed by", "user", "logged in as", "signed in as",
	"担当", "担当者", "社内担当", "氏名", "名前", "作成", "作成者", "起票者", "承認者", "申請者", "差出人", "宛先", "送信者", "ログイン中",
}

// nameColumns are table headers of columns that hold names.
var nameColumns = []string{"担当者", "社内担当", "氏名", "名前", "担当", "name", "full name", "contact", "contact name", "author"}

// rawNameKeys are the keys of raw metadata records whose values are
// people (compared in lower case, with the namespace prefix dropped).
var rawNameKeys = []string{"author", "creator", "artist", "lastmodifiedby", "last_modified_by", "manager", "ownername",
	"initial-creator", "from", "to", "cc", "bcc", "reply-to", "sender", "delivered-to", "return-path", "xpauthor", "by-line", "writer-editor"}

// notNames are words that label roles, not people: never masked alone.
var notNames = []string{"admin", "administrator", "user", "owner", "guest", "root", "system", "microsoft", "word", "excel",
	"office", "unknown", "author", "sales", "adobe", "acrobat", "libreoffice", "openoffice", "powerpoint", "outlook", "windows", "support", "team", "info", "helpdesk", "noreply", "the", "and", "vendor", "様", "さん"}

// orgMarks are parts of organisations' and departments' names: a value
// holding one is not a person's name.
var orgMarks = []string{"株式会社", "(株)", "会社", "グループ", "センター", "inc", "ltd", "llc", "gmbh", "corp", "co.",
	"company", "department", "dept", "division", "group", "limited", "industries", "systems", "team"}

// orgLike reports whether s names an organisation or a department
// rather than a person: a word of orgMarks (Latin ones whole), or a
// word of three or more characters ending in 部, 課, 室 or 係
// (情報システム部; 阿部 is a surname).
func orgLike(s string) bool {
	lower := strings.ToLower(s)
	for _, m := range orgMarks {
		if isLatin(m) {
			if containsWord(lower, m) {
				return true
			}
		} else if strings.Contains(lower, m) {
			return true
		}
	}
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeLastRuneInString(w)
		if utf8.RuneCountInString(w) >= 3 && strings.ContainsRune("部課室係", r) {
			return true
		}
	}
	return false
}

func (rd *redactor) keepWord(s string) {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		rd.keep[w] = true
	}
	if s = strings.ToLower(strings.TrimSpace(s)); s != "" {
		rd.keep[s] = true
	}
}

// addName records one person's name, cleaned; names that are no name
// (a role, an organisation, an address) are dropped.
func (rd *redactor) addName(s string) {
	s = strings.TrimSpace(strings.Trim(s, `"' ,;:()<>[]「」`))
	if a, err := mail.ParseAddress(s); err == nil {
		s = a.Name
	} else if i := strings.IndexAny(s, "<(["); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || utf8.RuneCountInString(s) > 60 || strings.Contains(s, "@") || !strings.ContainsFunc(s, unicode.IsLetter) {
		return
	}
	lower := strings.ToLower(s)
	if rd.keep[lower] || slices.Contains(notNames, lower) {
		return
	}
	for _, w := range strings.Fields(lower) {
		if rd.keep[w] || slices.Contains(notNames, w) {
			return // "Fujitsu sales", "Microsoft Word": not a person
		}
	}
	if orgLike(s) {
		return
	}
	if strings.ContainsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && r != ' ' && r != '.' && r != '-' && r != '\'' && r != '・'
	}) {
		return // digits, markup, symbols: no name
	}
	if rd.seen == nil {
		rd.seen = map[string]bool{}
	}
	if rd.seen[lower] || len(rd.names) >= maxRedactNames {
		return
	}
	rd.seen[lower] = true
	rd.names = append(rd.names, s)
}

// gatherItem finds the people's names an item holds.
func (rd *redactor) gatherItem(it *Item) {
	md := &it.Metadata
	for _, a := range md.Authors {
		rd.addName(a)
	}
	rd.addName(md.LastModifiedBy)
	for k, v := range md.Raw {
		rd.gatherRaw(k, v)
	}
	rd.gatherText(it.Text)
	if it.OCR != nil {
		for _, a := range it.OCR.Alternatives {
			rd.gatherText(a)
		}
	}
}

// gatherRaw adds the values of raw records whose key names a person.
func (rd *redactor) gatherRaw(key string, v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			rd.gatherRaw(k, x)
		}
		return
	case []any:
		for _, x := range v {
			rd.gatherRaw(key, x)
		}
		return
	case []string:
		for _, x := range v {
			rd.gatherRaw(key, x)
		}
		return
	}
	s, ok := v.(string)
	if !ok {
		return
	}
	k := strings.ToLower(key)
	if k == "creator" {
		return // PDF's Info Creator is the program; dc:creator the person
	}
	if i := strings.LastIndexByte(k, ':'); i >= 0 {
		k = k[i+1:]
	}
	if !slices.Contains(rawNameKeys, k) {
		return
	}
	if list, err := mail.ParseAddressList(s); err == nil {
		for _, a := range list {
			rd.addName(a.Name)
		}
		return
	}
	rd.addName(s)
}

// gatherText finds names in text: before a mail address, after a
// label, and in a table column whose header says it holds names.
func (rd *redactor) gatherText(text string) {
	if text == "" {
		return
	}
	for _, loc := range emailRe.FindAllStringIndex(text, -1) {
		before := strings.TrimRight(text[:loc[0]], " \t")
		if !strings.HasSuffix(before, "<") && !strings.HasSuffix(before, "(") {
			continue
		}
		rd.addName(lastWords(strings.TrimRight(before[:len(before)-1], " \t\u3000")))
	}
	lines := strings.Split(text, "\n")
	for _, line := range lines {
		rd.labelled(line)
	}
	rd.columns(lines)
}

// lastWords returns the name-like words at the end of s: at most three,
// stopping at a label, punctuation or a word that names an organisation.
func lastWords(s string) string {
	if i := strings.LastIndexAny(s, "\n:：,;、|\t>"); i >= 0 {
		s = s[i+1:]
	}
	ws := strings.Fields(s)
	var out []string
	for i := len(ws) - 1; i >= 0 && len(out) < 3; i-- {
		w := ws[i]
		if w == "様" || w == "さん" {
			continue
		}
		if !isNameWord(w) {
			break
		}
		out = append([]string{w}, out...)
	}
	return strings.Join(out, " ")
}

// isNameWord reports whether w could be a word of a person's name.
func isNameWord(w string) bool {
	if orgLike(w) {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '.' && r != '-' && r != '\'' {
			return false
		}
	}
	return true
}

// labelled adds the name after a label on one line.
func (rd *redactor) labelled(line string) {
	for _, sep := range []string{":", "："} {
		rest := line
		for {
			i := strings.Index(rest, sep)
			if i < 0 {
				break
			}
			label := strings.ToLower(strings.TrimSpace(strings.TrimLeft(rest[:i], "> -*•")))
			if j := strings.LastIndexAny(label, "(（[,;|"); j >= 0 {
				label = strings.TrimSpace(label[j+1:])
			}
			if j := strings.LastIndexByte(label, ' '); j >= 0 && !slices.Contains(nameLabels, label) {
				label = label[j+1:]
			}
			rest = rest[i+len(sep):]
			if !slices.Contains(nameLabels, label) {
				continue
			}
			value := rest
			if k := strings.IndexFunc(value, func(r rune) bool {
				return strings.ContainsRune("(<,;、[（「\t@", r) || unicode.IsDigit(r)
			}); k >= 0 {
				value = value[:k]
			}
			value = strings.TrimSpace(value)
			if ws := strings.Fields(value); len(ws) > 0 && len(ws) <= 4 {
				var keep []string
				for _, w := range ws {
					if w == "様" || w == "さん" || !isNameWord(w) {
						break
					}
					keep = append(keep, w)
				}
				rd.addName(strings.Join(keep, " "))
			}
		}
	}
}

// columns adds the cells of table columns whose header names people:
// lines of cells apart by tabs or commas, the header a line of its own.
func (rd *redactor) columns(lines []string) {
	for h, line := range lines {
		for _, sep := range []string{"\t", ","} {
			cells := strings.Split(line, sep)
			if len(cells) < 2 {
				continue
			}
			col := slices.IndexFunc(cells, func(c string) bool {
				return slices.Contains(nameColumns, strings.ToLower(strings.TrimSpace(c)))
			})
			if col < 0 {
				continue
			}
			for _, row := range lines[h+1:] {
				cs := strings.Split(row, sep)
				if len(cs) != len(cells) {
					continue
				}
				rd.addName(cs[col])
			}
		}
	}
}

// compile builds the search of the names: a replacer of the whole
// names (however their words are spaced: one space, none between CJK
// words, a full-width space; in the usual cases of Latin letters),
// longest first so that a whole name is masked as one, and of the CJK
// words of names; and a set of the Latin words of names, masked only
// as whole words (Ada, not the ada in Canada). Both take time linear in
// the text, whatever the number of names.
func (rd *redactor) compile() {
	rd.words = map[string]bool{}
	var phrases []string
	addWord := func(w string) {
		if isLatin(w) {
			rd.words[strings.ToLower(w)] = true
		} else {
			phrases = append(phrases, w)
		}
	}
	for _, n := range rd.names {
		ws := strings.Fields(n)
		if len(ws) == 1 {
			addWord(n)
			continue
		}
		joins := []string{" ", "\u3000", "\n"}
		if !isLatin(n) {
			joins = append(joins, "")
		}
		for _, j := range joins {
			p := strings.Join(ws, j)
			phrases = append(phrases, p)
			if isLatin(n) {
				phrases = append(phrases, strings.ToLower(p), strings.ToUpper(p), titleWords(p))
			}
		}
		for _, w := range ws {
			lw := strings.ToLower(w)
			if rd.keep[lw] || slices.Contains(notNames, lw) || !isNameWord(w) {
				continue
			}
			if n := utf8.RuneCountInString(w); (isLatin(w) && n < 3) || n < 2 {
				continue // an initial, or one character: too common alone
			}
			addWord(w)
		}
	}
	slices.SortFunc(phrases, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	phrases = slices.Compact(phrases)
	if len(phrases) > 0 {
		pairs := make([]string, 0, 2*len(phrases))
		for _, p := range phrases {
			pairs = append(pairs, p, rd.mask)
		}
		rd.phrases = strings.NewReplacer(pairs...)
	}
}

// titleWords upper-cases the first letter of each word of ASCII s.
func titleWords(s string) string {
	b := []byte(strings.ToLower(s))
	for i := range b {
		if (i == 0 || b[i-1] == ' ' || b[i-1] == '-') && b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}

// maskWords masks the Latin words of s that are words of names.
func (rd *redactor) maskWords(s string) string {
	if len(rd.words) == 0 {
		return s
	}
	isW := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		if !isW(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isW(s[j]) {
			j++
		}
		// A word stands alone when no letter or digit (of any script)
		// touches it.
		alone := true
		if i > 0 {
			r, _ := utf8.DecodeLastRuneInString(s[:i])
			alone = !unicode.IsDigit(r) && (r >= utf8.RuneSelf || !unicode.IsLetter(r))
		}
		if j < len(s) && alone {
			r, _ := utf8.DecodeRuneInString(s[j:])
			alone = !unicode.IsDigit(r) && (r >= utf8.RuneSelf || !unicode.IsLetter(r))
		}
		if alone && j-i >= 3 && rd.words[strings.ToLower(s[i:j])] {
			b.WriteString(s[last:i])
			b.WriteString(rd.mask)
			last = j
		}
		i = j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// isLatin reports whether s holds only ASCII (Latin names get word
// boundaries; CJK text has none).
func isLatin(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func containsWord(s, w string) bool {
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' }) {
		if f == w || f == strings.TrimSuffix(w, ".") {
			return true
		}
	}
	return false
}

// skipFields are fields Redact leaves as they are: hashes, and the
// message identifiers of mail, which name no person and identify the
// message.
var skipFields = map[string]bool{"MD5": true, "SHA1": true, "SHA256": true, "NameSHA256": true, "MessageIDs": true, "RawName": true}

// skipRawKeys are raw records left as they are, for the same reason.
var skipRawKeys = map[string]bool{"message-id": true, "in-reply-to": true, "references": true}

// people masks the metadata fields that hold people whatever their
// value looks like (a name Redact did not take for one: markup, an
// initial with digits): all but an organisation's name and what holds
// an address, whose name and local part the walk masked already.
func (rd *redactor) people(md *Metadata) int {
	n := 0
	mask := func(s *string) {
		if *s == "" || *s == rd.mask || strings.Contains(*s, "@") || orgLike(*s) || rd.keep[strings.ToLower(strings.TrimSpace(*s))] {
			return
		}
		*s = rd.mask
		n++
	}
	for i := range md.Authors {
		mask(&md.Authors[i])
	}
	mask(&md.LastModifiedBy)
	return n
}

// walk masks every string reachable from v (exported fields, slices,
// maps of raw records) and returns how many changed.
func (rd *redactor) walk(v reflect.Value) int {
	n := 0
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); s != "" {
			if m := rd.text(s); m != s {
				v.SetString(m)
				n++
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || skipFields[f.Name] {
				continue
			}
			n += rd.walk(v.Field(i))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			n += rd.walk(v.Elem())
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return 0 // bytes: thumbnails and raw names are dealt with apart
		}
		for i := 0; i < v.Len(); i++ {
			n += rd.walk(v.Index(i))
		}
	case reflect.Map:
		if raw, ok := v.Interface().(map[string]any); ok {
			for k, x := range raw {
				if skipRawKeys[strings.ToLower(k)] {
					continue
				}
				y, c := rd.anyValue(x)
				raw[k] = y
				n += c
			}
			return n
		}
		// Other maps hold counts (Stats.ByKind): nothing to mask.
	}
	return n
}

// anyValue masks the strings of a raw record's value.
func (rd *redactor) anyValue(x any) (any, int) {
	switch x := x.(type) {
	case string:
		if m := rd.text(x); m != x {
			return m, 1
		}
		return x, 0
	case []string:
		n := 0
		for i, s := range x {
			if m := rd.text(s); m != s {
				x[i] = m
				n++
			}
		}
		return x, n
	case []any:
		n := 0
		for i, e := range x {
			var c int
			x[i], c = rd.anyValue(e)
			n += c
		}
		return x, n
	case map[string]any:
		n := 0
		for k, e := range x {
			if skipRawKeys[strings.ToLower(k)] {
				continue
			}
			var c int
			x[k], c = rd.anyValue(e)
			n += c
		}
		return x, n
	}
	return x, 0
}

// text masks one string.
func (rd *redactor) text(s string) string {
	s = replaceBounded(s, emailRe, func(m string, _ []int) string {
		at := strings.LastIndexByte(m, '@')
		return rd.mask + m[at:]
	})
	s = postalRe.ReplaceAllString(s, "〒"+rd.mask)
	s = replaceBounded(s, phoneRe, func(m string, _ []int) string {
		digits := 0
		for _, r := range m {
			if r >= '0' && r <= '9' {
				digits++
			}
		}
		apart := strings.HasPrefix(m, "+") || strings.ContainsAny(strings.TrimLeft(m, "("), " .-)")
		// Unseparated, only a Japanese number's ten or eleven digits
		// from its leading 0: other runs of digits are codes.
		if digits < 9 || digits > 15 || !apart && (digits < 10 || digits > 11 || m[0] != '0') {
			return m
		}
		return rd.mask
	})
	s = homeRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := homeRe.FindStringSubmatch(m)
		if sub[2] == rd.mask || strings.EqualFold(sub[2], "public") || strings.EqualFold(sub[2], "default") {
			return m
		}
		return sub[1] + rd.mask
	})
	s = replaceBounded(s, accountRe, func(m string, _ []int) string {
		i := strings.IndexByte(m, '\\')
		return m[:i+1] + rd.mask
	})
	// Names last: the local part of an address is masked whole first.
	if rd.phrases != nil {
		s = rd.phrases.Replace(s)
	}
	return rd.maskWords(s)
}

// replaceBounded replaces the matches of re that stand alone (no letter,
// digit or path separator joined to either end) with f of the match.
func replaceBounded(s string, re *regexp.Regexp, f func(string, []int) string) string {
	locs := re.FindAllStringIndex(s, -1)
	if locs == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, l := range locs {
		if l[0] > 0 {
			r, _ := utf8.DecodeLastRuneInString(s[:l[0]])
			if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\\' || r == '/' || r == '.' || r == '-' || r == '_') {
				continue
			}
		}
		if l[1] < len(s) {
			r, _ := utf8.DecodeRuneInString(s[l[1]:])
			if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '\\' || (r == '-' && re == phoneRe)) {
				continue
			}
		}
		b.WriteString(s[last:l[0]])
		b.WriteString(f(s[l[0]:l[1]], l))
		last = l[1]
	}
	b.WriteString(s[last:])
	return b.String()
}
