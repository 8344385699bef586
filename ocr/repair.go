package ocr

import (
	"regexp"
	"strings"
)

// Patterns of the text repair pass. They describe identifiers in
// general (e-mail addresses, host names, Windows paths), never particular
// ones.
var (
	// splitSep is a separator inside an identifier as OCR garbles it:
	// a dot or comma with a space after it, or a dot with a space before.
	hostRun = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9-]*(?:(?:[.,]{1,2} ?| \.)[A-Za-z0-9][A-Za-z0-9-]*)+`)
	// mailLocal is the local part of an address whose dots were read
	// as commas or followed by a space.
	mailLocal = regexp.MustCompile(`[A-Za-z0-9_-]+(?:(?:[.,] ?)[A-Za-z0-9_-]+)+@`)
	// schemeSpace is a URL scheme with a space read after its colon.
	schemeSpace = regexp.MustCompile(`\b(https?|ftp|file): //`)
	// oForZero is a letter O read for a zero inside a lower-case host
	// or file name, next to a digit; atForZero an @ read for a zero
	// between a letter or hyphen and a digit (an address has letters
	// after its @).
	oForZero  = regexp.MustCompile(`([a-z-])O(\d)`)
	atForZero = regexp.MustCompile(`([a-z-])@(\d+[.-])`)
	// capIForL is a capital I read for an l inside a lower-case word.
	capIForL = regexp.MustCompile(`([a-z])I([a-z])`)
	// wForUNC is the leading \\ of a UNC path read as one letter-like
	// glyph (W, い) in front of a host name of three labels and a \.
	// The host may have capitals after its first letter (OCR reads "jp"
	// as "jD" or "jP").
	wForUNC = regexp.MustCompile(`(^|[^A-Za-z0-9\\])[Wい]([a-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+){2,}\\)`)
	// halfLead is the leading \\ of a UNC path read as one backslash and
	// a letter-like glyph (\W, \V, \M, \w, \|, \い) in front of a host
	// name of any number of labels (a NetBIOS name: \\fs02\share) and
	// a \. A drive path (C:\Work\) is not one: nothing but a space,
	// a bracket or a quote may come before it.
	halfLead = regexp.MustCompile(`(^|[\s(（「『"'=])\\[WwVvM|い]([A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\\)`)
	// kanaLead is the leading \\ read as one or two hiragana い (the
	// IPA fonts' backslash, a thin falling stroke, is い's left half) in
	// front of a host name of any number of labels and a \: a kana
	// written right before a Latin name and a backslash is no Japanese.
	kanaLead = regexp.MustCompile(`(^|[^A-Za-z0-9\\])いい?([a-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\\)`)
	// wNetBIOS is the leading \\ read as W, w or V in front of a
	// one-label host name with a digit (fs02, nas1, srv-file03) and a \:
	// a word that starts a relative path (Work\, Windows\) has no digit.
	wNetBIOS = regexp.MustCompile(`(^|[\s(（「『"'=])[WwV]([a-z][a-z-]*[0-9][a-z0-9-]*\\)`)
	// atParen is a bracket or bar read after the @ of an address, where
	// the next letter's curve touches it.
	atParen = regexp.MustCompile(`([A-Za-z0-9._-])@[)(|]([A-Za-z0-9])`)
	// mailAt is an @ with spaces around it between two identifier parts.
	mailAt = regexp.MustCompile(`([A-Za-z0-9._-]) ?@ ?([A-Za-z0-9])`)
	// pathBang is a ! or | read for a backslash between path parts.
	pathBang = regexp.MustCompile(`(\\[^\\\s!|]+)[!|]([^\s\\!|])`)
	// lostLead is a UNC path whose leading \\ lost one or both
	// backslashes: a host name of three labels or more followed by \.
	lostLead = regexp.MustCompile(`(^|[\s(（:：=])\\?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+){2,}\\)`)
)

// uncLead is the start of a text whose first glyph is known to be a
// backslash, misread: the \\ of a UNC path as W, V, M, い, | with or
// without one backslash, in front of a host name and a \.
var uncLead = regexp.MustCompile(`^(?:\\?[WwVvM|い]|いい)([A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\\)`)

// RepairUNCLead puts right the start of the text of a segment whose first
// glyph the layout found to be a backslash (TextSegment.LeadingBackslash)
// when the recogniser read the \\ of a UNC path as a letter (W, V, M,
// い), with or without one backslash: with that evidence a one-label
// (NetBIOS) host name without a digit is repaired too, which RepairLine
// alone leaves (Work\reports may be a relative path).
func RepairUNCLead(s string) string {
	return uncLead.ReplaceAllString(s, `\\$1`)
}

// commonTLDs are top-level labels frequent enough that a two-label name
// ending in one is taken for a host name.
var commonTLDs = map[string]bool{
	"com": true, "net": true, "org": true, "edu": true, "gov": true, "io": true, "jp": true,
	"de": true, "uk": true, "fr": true, "cn": true, "kr": true, "us": true, "info": true,
	"biz": true, "local": true, "internal": true, "corp": true, "lan": true, "eu": true,
}

// RepairLine fixes the ways OCR commonly garbles the identifiers that
// attribution needs, with generic rules: spaces inserted after the dots
// or around the @ of e-mail addresses and host names ("a. b@c. co. jp"),
// commas read for their dots, ¥ drawn for \ in Windows paths, ! or | read
// for \ between path parts, and the leading \\ of a UNC path lost or
// misread (W, い, \V ...) in front of a host name, also a one-label
// (NetBIOS) one. Text that is not an identifier is left alone: a
// dot followed by a space and a capital (a sentence end) is not joined.
func RepairLine(s string) string {
	if s == "" {
		return s
	}
	s = yenToBackslash(s)
	s = schemeSpace.ReplaceAllString(s, "$1://")
	s = atForZero.ReplaceAllString(s, "${1}0$2")
	s = mailAt.ReplaceAllString(s, "$1@$2")
	s = atParen.ReplaceAllString(s, "$1@$2")
	s = mailLocal.ReplaceAllStringFunc(s, func(m string) string {
		return strings.NewReplacer(", ", ".", ". ", ".", ",", ".").Replace(m)
	})
	s = oForZero.ReplaceAllString(s, "${1}0$2")
	s = capIForL.ReplaceAllString(s, "${1}l$2")
	s = wForUNC.ReplaceAllString(s, `$1\\$2`)
	s = halfLead.ReplaceAllString(s, `$1\\$2`)
	s = kanaLead.ReplaceAllString(s, `$1\\$2`)
	s = wNetBIOS.ReplaceAllString(s, `$1\\$2`)
	s = hostRun.ReplaceAllStringFunc(s, repairHost)
	for range 4 { // overlapping matches
		t := pathBang.ReplaceAllString(s, `$1\$2`)
		if t == s {
			break
		}
		s = t
	}
	s = lostLead.ReplaceAllString(s, `$1\\$2`)
	return repairIdentifiers(s)
}

// repairHost joins a run of labels split by OCR into one dotted name
// when the result looks like a host name: its labels are lower case or
// digits after a split (a capital after ". " is a new sentence), and it
// has three labels or ends in a common top-level label.
func repairHost(m string) string {
	if !strings.ContainsAny(m, " ,") {
		return m
	}
	labels := splitLabels(m)
	if len(labels) < 2 {
		return m
	}
	last := strings.ToLower(labels[len(labels)-1])
	if len(labels) < 3 && !commonTLDs[last] {
		return m
	}
	if !isAlpha(last) || len(last) < 2 {
		return m
	}
	for _, l := range labels[1:] {
		if c := l[0]; c >= 'A' && c <= 'Z' && strings.ToLower(l) != l {
			// A capital starting a label after a split: prose.
			if strings.ToUpper(l) != l {
				return m
			}
		}
	}
	return strings.Join(labels, ".")
}

// splitLabels splits a hostRun match at its separators.
func splitLabels(m string) []string {
	f := func(r rune) bool { return r == '.' || r == ',' || r == ' ' }
	return strings.FieldsFunc(m, f)
}

func isAlpha(s string) bool {
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return true
}

// yenToBackslash turns each ¥ (IPA fonts draw the backslash as ¥) into
// \ unless a digit follows it, as in an amount.
func yenToBackslash(s string) string {
	if !strings.ContainsAny(s, "¥￥") {
		return s
	}
	r := []rune(s)
	for i, c := range r {
		if c != '¥' && c != '￥' {
			continue
		}
		if i+1 < len(r) && (r[i+1] >= '0' && r[i+1] <= '9' || r[i+1] >= '０' && r[i+1] <= '９') {
			continue
		}
		r[i] = '\\'
	}
	return string(r)
}
