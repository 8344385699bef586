package ocr

import (
	"regexp"
	"strings"
)

// More repairs of identifiers: each is a confusion OCR commonly makes in
// small Latin text, undone only where the grammar of an address, a host
// name, a URL or an upper-case code leaves one reading (RepairLine runs
// them).
var (
	// underscoreLost is an address local part whose underscore was not
	// read: a word of three letters or more, a space and one letter
	// right before the @ (hartley i@ for hartley_i@); a dot is drawn
	// where an underscore is not, and is read.
	underscoreLost = regexp.MustCompile(`(^|[^A-Za-z0-9._-])([a-z][a-z0-9]{2,}) ([a-z0-9])@([a-z0-9-]+\.)`)
	// barForL is a bar read for the l that starts an address
	// (|.pembrook@).
	barForL = regexp.MustCompile(`(^|[\s<(:;,"'])\|([a-z0-9._-]*[a-z0-9]@)`)
	// parenAt is a bracket read before the @ of an address, where the
	// previous letter's curve touches it (kmaddox(@).
	parenAt = regexp.MustCompile(`([a-z0-9])[(|]@([a-z0-9])`)
	// codeO is a capital O read for a zero in an upper-case code after
	// two capitals and before a digit (FSO1, SVO2: FS01, SV02); CO2 has
	// one capital before it.
	codeO = regexp.MustCompile(`\b([A-Z]{2,})O(\d)`)
	// dollarS is a dollar sign read for the S that starts an identifier:
	// six digits or more with no separator ($947281), or a code of one
	// or two capitals and a hyphen ($O-2022-14780). Amounts have
	// separators.
	dollarS = regexp.MustCompile(`(^|[^A-Za-z0-9$])\$(\d{6,}\b|[A-Z]{1,2}-\d)`)
	// jpSuffix is the jp of a Japanese second-level domain misread in
	// its case or its p (co.jD, ne.jP, or.ip).
	jpSuffix = regexp.MustCompile(`\.(co|ne|or|ac|go|ad|ed|gr|lg)\.(?:jD|jP|Jp|JP|JD|ip|jo|jg)\b`)
	// letterAt is an @ read as a capital W or P between a lower-case
	// local part with a dot, an underscore or a digit and a host name
	// (r.fujiwaraWkayanomori-denshi.co.jp); the host must end in a public
	// suffix (see validHost). A word in camel case has no separator.
	letterAt = regexp.MustCompile(`(^|[^A-Za-z0-9._@-])([a-z0-9][a-z0-9-]*[._0-9][a-z0-9._-]*[a-z0-9])[WP]([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+)`)
	// accountUnderscore is a Windows account (DOMAIN\user) whose
	// underscore before a one-letter last part was not read
	// (NORRVIK\ashworth i).
	accountUnderscore = regexp.MustCompile(`\b([A-Z][A-Z0-9-]*\\[a-z][a-z0-9.]{2,}) ([a-z0-9])\b`)
	// codeHyphen is a code of capitals, a year and a number read with
	// spaces around its first hyphen (ORD - 2021-44259).
	codeHyphen = regexp.MustCompile(`\b([A-Z]{2,5}) - (\d{4}-\d{3,})\b`)
	// tldUnderscore is an underscore read for the dot before the last
	// label of a dotted host name or of the host of an address
	// (@robotics_net).
	tldUnderscore = regexp.MustCompile(`((?:@|[a-z0-9-]+\.)[a-z0-9-]+)_(com|net|org|jp|io|de|uk|fr|info|biz|example|local|internal)\b`)
	// schemeMisread is an http or https scheme misread (hitp-//, htto:/,
	// http/, hitpy/) before a host name.
	schemeMisread = regexp.MustCompile(`\b(?:http|hitp|htip|htto|hltp|hitt|hrtp)(s?)(?:[:;.]?[-/]{1,3}|y/|:/ ?/?|:)([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+)`)
)

// repairIdentifiers applies the repairs above.
func repairIdentifiers(s string) string {
	if !strings.ContainsAny(s, "@$.OWP|\\-_") {
		return s
	}
	s = underscoreLost.ReplaceAllString(s, "${1}${2}_$3@$4")
	s = barForL.ReplaceAllString(s, "${1}l$2")
	s = parenAt.ReplaceAllString(s, "$1@$2")
	s = codeO.ReplaceAllString(s, "${1}0$2")
	s = dollarS.ReplaceAllString(s, "${1}S$2")
	s = jpSuffix.ReplaceAllString(s, ".$1.jp")
	s = accountUnderscore.ReplaceAllString(s, "${1}_$2")
	s = codeHyphen.ReplaceAllString(s, "$1-$2")
	s = tldUnderscore.ReplaceAllString(s, "$1.$2")
	s = letterAt.ReplaceAllStringFunc(s, func(m string) string {
		sub := letterAt.FindStringSubmatch(m)
		if !validHost(sub[3]) {
			return m
		}
		return sub[1] + sub[2] + "@" + sub[3]
	})
	s = schemeMisread.ReplaceAllStringFunc(s, func(m string) string {
		sub := schemeMisread.FindStringSubmatch(m)
		host := sub[2]
		if i := strings.IndexByte(host, '/'); i >= 0 {
			host = host[:i]
		}
		if !validHost(host) {
			return m
		}
		return "http" + sub[1] + "://" + sub[2]
	})
	return s
}
