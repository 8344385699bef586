package exifcompare

import (
	"strings"
	"time"
	"unicode/utf8"
)

// IntendedDifference is a way our value may differ from exiftool's on
// purpose, with the reason.
type IntendedDifference struct {
	// Name is a short label shown in the table.
	Name string
	// Family and Field restrict the difference; empty means any.
	Family Family
	Field  Field
	// Match reports whether the cell is this difference.
	Match func(f File, c Cell) bool
	// Reason says why we differ.
	Reason string
}

// IntendedDifferences is the list of the differences from exiftool 12.57
// the library means to have. A difference not on it fails the comparison.
var IntendedDifferences = []IntendedDifference{
	{
		Name: "cp932", Family: FamilyOLE2,
		Match:  func(_ File, c Cell) bool { return cp932Question(c.Ours, c.Exiftool) },
		Reason: "we decode CP932 (code page 932) OLE2 property strings; exiftool 12.57 knows only the single-byte Windows code pages and prints \"?\" for each byte",
	},
	{
		Name: "no-mail-reader", Family: FamilyEmail,
		Match:  func(_ File, c Cell) bool { return c.Exiftool == "" },
		Reason: "exiftool 12.57 has no reader for RFC 5322 messages; we read From, Date, Subject, Organization and X-Mailer/User-Agent",
	},
	{
		Name: "office-utc", Family: FamilyOOXML, Field: TZOffset,
		Match:  func(_ File, c Cell) bool { return c.Ours == "" && c.Exiftool == "+00:00" },
		Reason: "Office writes every OOXML date in UTC (\"Z\") whatever the author's zone: we set TZOffset only from a numeric offset, which says where the author was",
	},
	{
		Name: "odf-first-user-field", Family: FamilyODF, Field: Organisation,
		Match:  func(_ File, c Cell) bool { return c.Exiftool == "" && c.Ours != "" },
		Reason: "exiftool 12.57 reports only the first meta:user-defined field of an ODF meta.xml; we read them all, and Organisation is the one named Company",
	},
	{
		Name: "filetime-fraction", Family: FamilyOLE2,
		Match:  func(_ File, c Cell) bool { return sameSecond(c.Field, c.Ours, c.Exiftool) },
		Reason: "an OLE2 FILETIME counts 100-nanosecond ticks and we keep the fraction of the second (a timeline orders saves seconds apart); exiftool 12.57 prints FlashPix dates cut to the whole second",
	},
	{
		Name: "filetime-zero", Family: FamilyOLE2,
		Match: func(_ File, c Cell) bool {
			return (c.Field == Created || c.Field == Modified) && c.Ours == "" && (c.Exiftool == "0" || strings.HasPrefix(c.Exiftool, "0000-00-00") || strings.HasPrefix(c.Exiftool, "0000:00:00"))
		},
		Reason: "a FILETIME of zero means the date was never set: we leave the field empty, exiftool 12.57 prints the zero",
	},
	{
		Name: "copyright-holder", Field: Organisation,
		Match: func(_ File, c Cell) bool {
			return c.Ours != "" && c.Ours != c.Exiftool && strings.Contains(c.Exiftool, c.Ours)
		},
		Reason: "Organisation is the holder named in a copyright notice (\"(c) 2021 Example Co.\" gives \"Example Co.\"); exiftool prints the whole notice",
	},
}

func matchIntended(fam Family, f File, c Cell) *IntendedDifference {
	for i := range IntendedDifferences {
		d := &IntendedDifferences[i]
		if (d.Family == "" || d.Family == fam) && (d.Field == "" || d.Field == c.Field) && d.Match(f, c) {
			return d
		}
	}
	return nil
}

// cp932Question reports whether theirs is ours with every non-ASCII
// character replaced by one "?" per CP932 byte (one for half-width kana,
// two for the rest).
func cp932Question(ours, theirs string) bool {
	if ours == theirs || !strings.Contains(theirs, "?") {
		return false
	}
	var b strings.Builder
	for _, r := range ours {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case r >= 0xFF61 && r <= 0xFF9F:
			b.WriteString("?")
		default:
			b.WriteString("??")
		}
	}
	return b.String() == theirs
}

// sameSecond reports whether ours, a date of the Created or Modified
// field with a fraction of a second, is theirs once the fraction is cut
// off (not rounded: exiftool truncates), theirs having none.
func sameSecond(field Field, ours, theirs string) bool {
	if field != Created && field != Modified || ours == theirs {
		return false
	}
	o, err := time.Parse(time.RFC3339Nano, ours)
	if err != nil || o.Nanosecond() == 0 {
		return false
	}
	t, err := time.Parse(time.RFC3339, theirs)
	if err != nil || t.Nanosecond() != 0 {
		return false
	}
	return o.Truncate(time.Second).Equal(t)
}
