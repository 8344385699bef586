package fingerprint

import (
	"fmt"
)

// SignalKind says what a Signal is.
type SignalKind uint8

// The kinds of signal. Their names (String, and the JSON form) are stable.
const (
	// Email is an e-mail address; Value is the address in lower case.
	Email SignalKind = iota + 1
	// Domain is a registrable domain (public suffix plus one label) found
	// on its own or as the domain of a host, address or URL; Value is the
	// domain in lower case.
	Domain
	// Host is a host name longer than its registrable domain
	// ("mail.jp.fujitsu.com"), or a single-label server name seen in a UNC
	// path or URL ("fs01"); Value is the name in lower case.
	Host
	// URL is an http, https, ftp, ftps, sftp, file or smb URL; Value has
	// its scheme and host in lower case.
	URL
	// UNCPath is a Windows network path \\server\share\…, also written
	// with yen signs (¥¥server¥share) as Japanese fonts show backslashes;
	// Value uses backslashes and a lower-case server name.
	UNCPath
	// ProfilePath is a home directory: C:\Users\name, C:\Documents and
	// Settings\name, /Users/name, /home/name; Value is the account name in
	// lower case, Raw the path up to it.
	ProfilePath
	// IP is an IPv4 or IPv6 address; Value is its canonical form.
	IP
	// OrgName is a name or alias of a catalogue organisation; Value is the
	// organisation's id.
	OrgName
	// Marking is a confidentiality marking ("Confidential", 社外秘 …);
	// Value is the marking in canonical form, Org the organisation named
	// beside it, if any.
	Marking
	// CompanyString is a company-looking phrase that names no catalogue
	// organisation ("Xyz Co., Ltd.", "株式会社ABC", "ABC GmbH"); Value is
	// its NormalizeName key, the candidate key of an organisation outside
	// the catalogue.
	CompanyString
)

var kindNames = [...]string{
	Email:         "email",
	Domain:        "domain",
	Host:          "host",
	URL:           "url",
	UNCPath:       "unc_path",
	ProfilePath:   "profile_path",
	IP:            "ip",
	OrgName:       "org_name",
	Marking:       "marking",
	CompanyString: "company_string",
}

// String returns the kind's stable snake_case name ("email", "unc_path").
func (k SignalKind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("SignalKind(%d)", uint8(k))
}

// MarshalText writes the kind's name, so that JSON carries "email", not 1.
func (k SignalKind) MarshalText() ([]byte, error) {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return []byte(kindNames[k]), nil
	}
	return nil, fmt.Errorf("fingerprint: unknown signal kind %d", uint8(k))
}

// UnmarshalText reads a kind's name.
func (k *SignalKind) UnmarshalText(b []byte) error {
	for i, n := range kindNames {
		if n != "" && n == string(b) {
			*k = SignalKind(i)
			return nil
		}
	}
	return fmt.Errorf("fingerprint: unknown signal kind %q", b)
}

// Signal is one piece of evidence found in a text: an address, a name, a
// path, a marking. Signals say what was found and where; whether it speaks
// for ownership or is a mere mention is decided later, from the field the
// text came from and the signal's neighbours.
type Signal struct {
	// Kind says what the signal is.
	Kind SignalKind `json:"kind"`
	// Value is the normalised form, the one to compare and count (see
	// each Kind).
	Value string `json:"value"`
	// Raw is the text as found: Raw == text[Offset:Offset+len(Raw)].
	Raw string `json:"raw"`
	// Offset is the byte offset of Raw in the text.
	Offset int `json:"offset"`
	// Org is, for a Marking, the organisation named beside it on the same
	// line: a catalogue id, or a CompanyString's key. Empty otherwise.
	Org string `json:"org,omitempty"`
	// Boilerplate, when not empty, says why the signal carries no
	// attribution weight (see Boilerplate): an XML namespace host, a
	// free-mail domain, a reserved name, a private address.
	Boilerplate string `json:"boilerplate,omitempty"`
	// Lookalike, when not empty, says the signal was matched fuzzily,
	// in OCR text only (Extractor.ExtractOCR): one character was read
	// as a look-alike of the catalogue's (see LookAlike). It is the
	// matched text in NFKC with that character put right: "三菱電機" for
	// Raw "三菱電械", "東レ株式会社" for "東レ株式会杜". For an address,
	// host, URL or path it equals Value, which is the corrected form
	// ("sato@toray.co.jp" for Raw "sato@t0ray.co.jp").
	Lookalike string `json:"lookalike,omitempty"`
}

// End returns the offset just after Raw in the text.
func (s Signal) End() int { return s.Offset + len(s.Raw) }
