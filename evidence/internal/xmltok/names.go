package xmltok

import (
	"bytes"
	"encoding/xml"
	"unicode/utf8"
)

// isName reports whether b is a name encoding/xml accepts. ASCII names,
// nearly all of them, are checked here: a letter, '_' or ':' first, then
// name bytes. encoding/xml checks other names against Unicode tables of
// its own that it does not export; rather than keep a copy of those
// tables, such a name is handed to encoding/xml itself (as the target of
// a processing instruction). The caller remembers the answers.
func isName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	ascii := true
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		c := b[0]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':') {
			return false
		}
		for _, c := range b[1:] {
			if !isNameByte(c) {
				return false
			}
		}
		return true
	}
	return foreignName(b)
}

// foreignName asks encoding/xml whether b, holding non-ASCII bytes, is a
// name.
func foreignName(b []byte) bool {
	doc := make([]byte, 0, len(b)+5)
	doc = append(append(append(doc, "<?"...), b...), " ?>"...)
	tok, err := xml.NewDecoder(bytes.NewReader(doc)).RawToken()
	pi, isPI := tok.(xml.ProcInst)
	return err == nil && isPI && pi.Target == string(b)
}

// declarationSupported reports whether the body of an <?xml ...?>
// declaration names no version but 1.0 and no encoding but UTF-8, by
// asking encoding/xml (without a CharsetReader) to read it.
func declarationSupported(body []byte) bool {
	if plainDeclarations[string(body)] {
		return true
	}
	doc := make([]byte, 0, len(body)+8)
	doc = append(append(append(doc, "<?xml "...), body...), "?>"...)
	_, err := xml.NewDecoder(bytes.NewReader(doc)).RawToken()
	return err == nil
}

// plainDeclarations are the bodies of the XML declarations Office,
// LibreOffice and the usual libraries write, known good without asking.
var plainDeclarations = map[string]bool{
	`version="1.0" encoding="UTF-8" standalone="yes"`:  true,
	`version="1.0" encoding="UTF-8" standalone="no"`:   true,
	`version="1.0" encoding="UTF-8"`:                   true,
	`version="1.0" encoding="utf-8"`:                   true,
	`version="1.0"`:                                    true,
	`version='1.0' encoding='UTF-8' standalone='yes'`:  true,
	`version='1.0' encoding='UTF-8'`:                   true,
	`version="1.0" encoding="UTF-8" standalone="yes" `: true,
	`version="1.0" encoding="UTF-8" `:                  true,
}

// Supported reports whether a Scanner can read doc as encoding/xml in
// Strict mode would, after a quick look at its bytes: false when doc
// starts with a UTF-16 byte order mark, holds a directive (<!DOCTYPE,
// <!ENTITY...) or an XML declaration naming another version or encoding.
// It may be false for documents a Scanner could read (a "<!" inside a
// comment, say); it is never true for one a Scanner would refuse with
// ErrUnsupported.
func Supported(doc []byte) bool {
	if len(doc) >= 2 && (doc[0] == 0xFF && doc[1] == 0xFE || doc[0] == 0xFE && doc[1] == 0xFF) {
		return false
	}
	for rest := doc; ; {
		i := bytes.Index(rest, []byte("<!"))
		if i < 0 {
			break
		}
		rest = rest[i+2:]
		if !bytes.HasPrefix(rest, []byte("--")) && !bytes.HasPrefix(rest, []byte("[")) {
			return false
		}
	}
	for rest := doc; ; {
		i := bytes.Index(rest, []byte("<?xml"))
		if i < 0 {
			break
		}
		rest = rest[i+5:]
		if len(rest) > 0 && (rest[0] >= utf8.RuneSelf || isNameByte(rest[0])) {
			continue // a longer target, such as <?xml-stylesheet
		}
		end := bytes.Index(rest, []byte("?>"))
		if end < 0 {
			continue // unterminated: a syntax error either way
		}
		if !declarationSupported(bytes.TrimLeft(rest[:end], " \t\r\n")) {
			return false
		}
	}
	return true
}
