package fingerprint

import (
	"strings"
	"testing"
)

// hostileTexts are inputs built to make a careless scanner quadratic or
// make it loop: each is 1 MiB or so. TestExtractHostile fails by the test
// timeout if one of them does.
var hostileTexts = map[string]string{
	"url of brackets":   "http://a.com/" + strings.Repeat(")", 1<<20),
	"url of dots":       "http://a.com/" + strings.Repeat(".", 1<<20),
	"long token":        strings.Repeat("a", 1<<20) + ".com " + strings.Repeat("a.", 1<<19),
	"dots":              strings.Repeat(".", 1<<20),
	"ats":               strings.Repeat("a@", 1<<19),
	"local parts":       strings.Repeat("a", 1<<20) + "@b.com",
	"backslashes":       strings.Repeat(`\`, 1<<20),
	"unc components":    `\\s\` + strings.Repeat(`a\`, 1<<19),
	"yens":              strings.Repeat("¥", 1<<19),
	"colons":            strings.Repeat(":", 1<<20),
	"hex colons":        strings.Repeat("a:", 1<<19),
	"schemes":           strings.Repeat("http://", 1<<17),
	"users":             strings.Repeat(`\Users\`, 1<<17),
	"designations":      strings.Repeat("株式会社", 1<<17),
	"latin designation": strings.Repeat("Abc ", 1<<18) + "Inc.",
	"capital words":     strings.Repeat("Abc Inc ", 1<<17),
	"markings":          strings.Repeat("Confidential ", 1<<16) + "Toray",
	"combining marks":   "e" + strings.Repeat("\u0301", 1<<18),
	"full width":        strings.Repeat("ｓａｔｏ＠ｔｏｒａｙ．ｃｏ．ｊｐ　", 1<<14),
	"no lines":          strings.Repeat("東レ", 1<<18),
	"invalid utf8":      strings.Repeat("\xff\xfe東", 1<<18),
}

func TestExtractHostile(t *testing.T) {
	x := NewExtractor(Default(), Options{})
	for name, text := range hostileTexts {
		t.Run(name, func(t *testing.T) {
			n := 0
			x.Extract(text, func(s Signal) bool {
				if text[s.Offset:s.End()] != s.Raw {
					t.Fatalf("Raw %q at %d", s.Raw, s.Offset)
				}
				n++
				return true
			})
			if n > DefaultMaxSignals {
				t.Fatalf("%d signals", n)
			}
		})
	}
}

// TestAttributeHostile runs the attribution rules that read more than a
// signal (identifiers a profile names, partial addresses and hosts of
// screenshots, sale notes, wordmarks) over hostile texts, as a screenshot
// and as a plain text: each must stay linear (the test timeout catches
// one that is not) and keep its bounds.
func TestAttributeHostile(t *testing.T) {
	cat, err := Load(strings.NewReader("organisations:\n  - id: k\n    name: Kitaura\n    hosts: [\"ksfs*\", ksk.local]\n" +
		"    identifiers: [\"KSK-#\", \"KSKA*\", \"BUKRS 4410\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{
		"identifier prefixes": strings.Repeat("KSK-", 1<<18),
		"identifier digits":   "KSK-" + strings.Repeat("1", 1<<20),
		"identifier words":    strings.Repeat("KSKA", 1<<18),
		"partial addresses":   strings.Repeat("a@b.c ", 1<<17),
		"long partial domain": "a@" + strings.Repeat("b.", 1<<19),
		"single-label UNC":    strings.Repeat(`\\ksfs01\x `, 1<<16),
		"sale words":          strings.Repeat("leak sale price sample ", 1<<15),
	}
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			a := NewAttributor(cat, Options{})
			a.Add(Item{Index: 0, Path: "p.zip!/s.png", Text: text, TextSource: TextOCR})
			a.Add(Item{Index: 1, Path: "p.zip!/t.txt", Kind: "text", Text: text, TextSource: TextBody})
			r := a.Result()
			for _, o := range r.Ranking {
				if len(o.Evidence) > DefaultMaxEvidence+numRoles {
					t.Fatalf("%s keeps %d pieces of evidence", o.Org, len(o.Evidence))
				}
			}
		})
	}
}
